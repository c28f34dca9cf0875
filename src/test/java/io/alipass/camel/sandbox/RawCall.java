package io.alipass.camel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.gateway.FormEncoding;
import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.ParameterName;
import io.alipass.camel.gateway.RequestCharset;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseEnvelope;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignContent;
import io.alipass.camel.gateway.SignType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hand-built gateway request for tests: every common parameter can be left out or spoiled, and
 * it is signed (or not) over whatever is left, then sent over real HTTP.
 */
final class RawCall {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Map<String, String> params = new TreeMap<>();
    private PrivateKey key;
    private SignType signType = SignType.RSA2;
    private Charset signCharset = RequestCharset.UTF_8.charset();
    private boolean sign = true;

    private RawCall(PrivateKey key) {
        this.key = key;
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String now() {
        return ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).format(TIMESTAMP);
    }

    /** A complete, valid call. */
    static RawCall of(String appId, GatewayMethod method, String bizContent, PrivateKey key) {
        RawCall c = new RawCall(key);
        c.params.put(ParameterName.APP_ID, appId);
        c.params.put(ParameterName.METHOD, method.name());
        c.params.put(ParameterName.FORMAT, "json");
        c.params.put(ParameterName.CHARSET, "utf-8");
        c.params.put(ParameterName.SIGN_TYPE, "RSA2");
        c.params.put(ParameterName.TIMESTAMP, now());
        c.params.put(ParameterName.VERSION, "1.0");
        if (bizContent != null) {
            c.params.put(ParameterName.BIZ_CONTENT, bizContent);
        }
        return c;
    }

    RawCall set(String name, String value) {
        params.put(name, value);
        if (name.equals(ParameterName.SIGN_TYPE)) {
            try {
                signType = SignType.fromWire(value);
            } catch (IllegalArgumentException unknown) {
                // signed as RSA2; the sandbox must refuse the type before the signature
            }
        }
        if (name.equals(ParameterName.CHARSET)) {
            try {
                signCharset = RequestCharset.fromWire(value).charset();
            } catch (IllegalArgumentException unknown) {
                // signed and encoded as UTF-8
            }
        }
        return this;
    }

    RawCall remove(String name) {
        params.remove(name);
        return this;
    }

    /** Signs with another key than the registered one. */
    RawCall signedWith(PrivateKey otherKey) {
        this.key = otherKey;
        return this;
    }

    /** Sends no sign at all. */
    RawCall unsigned() {
        sign = false;
        return this;
    }

    /** The signature over the parameters as they stand now. */
    String signature() {
        return new RequestSigner(key, signType).sign(SignContent.of(params).bytes(signCharset));
    }

    Reply send(String url) {
        Map<String, String> all = new TreeMap<>(params);
        if (sign && !all.containsKey(ParameterName.SIGN)) {
            all.put(ParameterName.SIGN, signature());
        }
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> body = new LinkedHashMap<>();
        all.forEach((k, v) -> (ParameterName.QUERY_STRING.contains(k) ? query : body).put(k, v));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "?" + FormEncoding.encode(query, signCharset)))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=" + signCharset.name())
                .POST(HttpRequest.BodyPublishers.ofByteArray(FormEncoding.encode(body, signCharset).getBytes(signCharset)))
                .build();
        try {
            HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), new String(r.body(), signCharset), params.get(ParameterName.METHOD));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer, with the fields tests look at. */
    record Reply(int status, String body, String method) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The node the answer is in: the method's, or error_response. */
        JsonNode node() {
            JsonNode root = json();
            String wanted = method == null ? null : method.replace('.', '_') + "_response";
            return wanted != null && root.has(wanted) ? root.get(wanted) : root.get(GatewayMethod.ERROR_RESPONSE_NODE);
        }

        String code() {
            return node().path("code").asText(null);
        }

        String subCode() {
            return node().path("sub_code").asText(null);
        }

        JsonNode result() {
            try {
                return JSON.readTree(node().path("result").asText());
            } catch (IOException e) {
                throw new AssertionError("result is not JSON: " + body, e);
            }
        }

        /** Whether the answer's sign verifies with the sandbox's Alipay key. */
        boolean signedBy(PublicKey alipayKey, SignType type, RequestCharset charset, String methodName) {
            ResponseEnvelope envelope = ResponseEnvelope.extract(body, new GatewayMethod(methodName));
            return envelope.sign() != null
                    && new ResponseVerifier(alipayKey).verify(envelope.signedText(), envelope.sign(), type, charset);
        }
    }
}
