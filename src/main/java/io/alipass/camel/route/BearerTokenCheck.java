package io.alipass.camel.route;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Guards the HTTP source: the request must carry {@code Authorization: Bearer <token>} with the
 * configured token (compared in constant time), a JSON body ({@code Content-Type: application/json},
 * matched without regard to case as RFC 9110 says media types are), and a body no larger than the
 * limit. Otherwise it answers 401, 415 or 413 at once and stops the exchange, before anything is parsed. The
 * {@code Authorization} header is removed either way, so the token travels no further.
 */
public final class BearerTokenCheck implements Processor {
    private final byte[] expected;
    private final long maxBodyBytes;

    /**
     * @param token        the token clients must present; must not be blank
     * @param maxBodyBytes the largest request body accepted
     */
    public BearerTokenCheck(String token, long maxBodyBytes) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("http.token must be set to accept HTTP updates");
        }
        this.expected = token.getBytes(StandardCharsets.UTF_8);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void process(Exchange exchange) {
        var m = exchange.getMessage();
        String header = m.getHeader("Authorization", String.class);
        m.removeHeader("Authorization");
        byte[] presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(expected, presented)) {
            refuse(exchange, 401, "{\"outcome\":\"unauthorized\",\"reason\":\"a valid bearer token is required\"}");
            m.setHeader("WWW-Authenticate", "Bearer");
            return;
        }
        if (!isJson(m.getHeader(Exchange.CONTENT_TYPE, String.class))) {
            refuse(exchange, 415, "{\"outcome\":\"invalid-input\",\"reason\":\"Content-Type must be application/json\"}");
            return;
        }
        Long declared = m.getHeader("Content-Length", Long.class);
        byte[] body = declared != null && declared > maxBodyBytes ? null : m.getBody(byte[].class);
        if (body == null && declared != null || body != null && body.length > maxBodyBytes) {
            refuse(exchange, 413, "{\"outcome\":\"invalid-input\",\"reason\":\"request body larger than " + maxBodyBytes + " bytes\"}");
        }
    }

    /** Whether a Content-Type names JSON: {@code application/json}, any case, with or without parameters. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private static void refuse(Exchange exchange, int status, String json) {
        var m = exchange.getMessage();
        // Nothing of the request goes back: platform-http turns a form body's fields into headers, and a
        // field whose name is not a valid header name would make the answer itself fail (500).
        m.getHeaders().clear();
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setBody(json);
        exchange.setRouteStop(true);
    }
}
