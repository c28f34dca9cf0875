package io.alipass.camel.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * The parts of a raw gateway response that signature checking needs, cut from the body as it
 * arrived: the exact text of the response node (what the gateway signed), the {@code sign}, and
 * {@code alipay_cert_sn}.
 *
 * <p>The node text is found by scanning the top-level JSON object member by member, tracking
 * strings and escapes, and cutting from the first to the last character of the node's value.
 * Nothing is re-serialised: re-serialising would change escapes, spacing or number forms and break
 * the signature. A body whose top level holds the response node twice is refused, as the official
 * SDK refuses it, so that no forged twin can hide beside a signed node.
 *
 * @param node          the node name found: the method's response node or {@code error_response}
 * @param signedText    the node's raw text; for an encrypted response, the quoted Base64 string
 * @param sign          the {@code sign} value (JSON-unescaped), or null when absent
 * @param alipayCertSn  the {@code alipay_cert_sn} value, or null when absent
 * @param encrypted     whether the node is a string (an encrypted node) rather than an object
 */
public record ResponseEnvelope(String node, String signedText, String sign, String alipayCertSn, boolean encrypted) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ResponseEnvelope {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(signedText, "signedText");
    }

    /** Whether the gateway answered in {@code error_response} (it rejected the call before the API). */
    public boolean isErrorNode() {
        return GatewayMethod.ERROR_RESPONSE_NODE.equals(node);
    }

    /**
     * Cuts the envelope for a method from a raw body.
     *
     * @throws InvalidResponseException if the body is not one JSON object holding exactly one
     *         response node for the method (or an {@code error_response})
     */
    public static ResponseEnvelope extract(String body, GatewayMethod method) {
        if (body == null || body.isEmpty()) {
            throw new InvalidResponseException(InvalidResponseException.Reason.UNPARSABLE, "empty response body");
        }
        String wanted = method.responseNode();
        Scanner s = new Scanner(body);
        int nodeStart = -1;
        int nodeEnd = -1;
        String nodeName = null;
        int errorStart = -1;
        int errorEnd = -1;
        String sign = null;
        String certSn = null;

        s.skipWhitespace();
        s.expect('{');
        s.skipWhitespace();
        if (s.peek() == '}') {
            s.pos++;
        } else {
            while (true) {
                s.skipWhitespace();
                int keyStart = s.pos;
                s.expect('"');
                s.pos = s.endOfString(keyStart);
                String key = unescape(body.substring(keyStart, s.pos));
                s.skipWhitespace();
                s.expect(':');
                s.skipWhitespace();
                int valueStart = s.pos;
                s.pos = s.endOfValue(valueStart);
                int valueEnd = s.pos;
                if (key.equals(wanted)) {
                    if (nodeStart >= 0) {
                        throw duplicate(wanted);
                    }
                    nodeStart = valueStart;
                    nodeEnd = valueEnd;
                    nodeName = wanted;
                } else if (key.equals(GatewayMethod.ERROR_RESPONSE_NODE)) {
                    if (errorStart >= 0) {
                        throw duplicate(key);
                    }
                    errorStart = valueStart;
                    errorEnd = valueEnd;
                } else if (key.equals(ParameterName.SIGN)) {
                    if (sign != null) {
                        throw duplicate(key);
                    }
                    sign = stringValue(body.substring(valueStart, valueEnd), key);
                } else if (key.equals("alipay_cert_sn")) {
                    certSn = stringValue(body.substring(valueStart, valueEnd), key);
                }
                s.skipWhitespace();
                char c = s.next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw s.error("expected ',' or '}'");
                }
            }
        }
        s.skipWhitespace();
        if (s.pos != body.length()) {
            throw s.error("text after the JSON object");
        }
        if (nodeStart < 0) {
            if (errorStart < 0) {
                throw new InvalidResponseException(InvalidResponseException.Reason.UNPARSABLE,
                        "response holds neither " + wanted + " nor error_response");
            }
            nodeStart = errorStart;
            nodeEnd = errorEnd;
            nodeName = GatewayMethod.ERROR_RESPONSE_NODE;
        }
        char first = body.charAt(nodeStart);
        if (first != '{' && first != '"') {
            throw new InvalidResponseException(InvalidResponseException.Reason.UNPARSABLE,
                    nodeName + " is neither an object nor an encrypted string");
        }
        return new ResponseEnvelope(nodeName, body.substring(nodeStart, nodeEnd), emptyToNull(sign), emptyToNull(certSn), first == '"');
    }

    /** For an encrypted node, the Base64 ciphertext without its quotes. */
    public String encryptedContent() {
        if (!encrypted) {
            throw new IllegalStateException(node + " is not encrypted");
        }
        return unescape(signedText);
    }

    private static InvalidResponseException duplicate(String key) {
        return new InvalidResponseException(InvalidResponseException.Reason.DUPLICATE_NODE,
                "response holds " + key + " more than once");
    }

    private static String stringValue(String raw, String key) {
        if (raw.equals("null")) {
            return null;
        }
        if (!raw.startsWith("\"")) {
            throw new InvalidResponseException(InvalidResponseException.Reason.UNPARSABLE, key + " is not a string");
        }
        return unescape(raw);
    }

    private static String unescape(String quoted) {
        if (quoted.indexOf('\\') < 0) {
            return quoted.substring(1, quoted.length() - 1);
        }
        try {
            return JSON.readValue(quoted, String.class);
        } catch (JsonProcessingException e) {
            throw new InvalidResponseException(InvalidResponseException.Reason.UNPARSABLE, "malformed JSON string");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        return "ResponseEnvelope[" + node + ", " + signedText.length() + " chars, signed=" + (sign != null)
                + (encrypted ? ", encrypted" : "") + "]";
    }

    /** A cursor over the body that knows JSON's lexical structure, nothing more. */
    private static final class Scanner {
        private final String text;
        private int pos;

        Scanner(String text) {
            this.text = text;
        }

        char peek() {
            if (pos >= text.length()) {
                throw error("unexpected end of body (truncated?)");
            }
            return text.charAt(pos);
        }

        char next() {
            char c = peek();
            pos++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                pos--;
                throw error("expected '" + c + "'");
            }
        }

        void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        /** The index just past the string that opens at {@code start}. */
        int endOfString(int start) {
            int i = start + 1;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (c == '"') {
                    return i + 1;
                } else {
                    i++;
                }
            }
            pos = text.length();
            throw error("unterminated string (truncated?)");
        }

        /** The index just past the value that starts at {@code start}. */
        int endOfValue(int start) {
            if (start >= text.length()) {
                pos = start;
                throw error("missing value");
            }
            char c = text.charAt(start);
            if (c == '"') {
                return endOfString(start);
            }
            if (c == '{' || c == '[') {
                int depth = 0;
                int i = start;
                while (i < text.length()) {
                    char d = text.charAt(i);
                    if (d == '"') {
                        i = endOfString(i);
                        continue;
                    }
                    if (d == '{' || d == '[') {
                        depth++;
                    } else if (d == '}' || d == ']') {
                        depth--;
                        if (depth == 0) {
                            return i + 1;
                        }
                    }
                    i++;
                }
                pos = text.length();
                throw error("unbalanced braces (truncated?)");
            }
            int i = start;
            while (i < text.length()) {
                char d = text.charAt(i);
                if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\t' || d == '\n' || d == '\r') {
                    break;
                }
                i++;
            }
            if (i == start) {
                pos = start;
                throw error("missing value");
            }
            return i;
        }

        InvalidResponseException error(String what) {
            return new InvalidResponseException(InvalidResponseException.Reason.UNPARSABLE,
                    "response is not valid gateway JSON at offset " + pos + ": " + what);
        }
    }
}
