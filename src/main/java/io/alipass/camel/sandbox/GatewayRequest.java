package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.FormEncoding;
import io.alipass.camel.gateway.ParameterName;
import io.alipass.camel.gateway.RequestCharset;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One request as the gateway reads it: the parameters of the query string and of the form body,
 * URL-decoded in the declared {@code charset}, the query's value winning when a name is in both
 * (as a servlet's {@code getParameter} does).
 *
 * @param parameters    every parameter, in arrival order (query first)
 * @param declaredCharset the {@code charset} value as sent, or null when none was sent
 * @param charset       the charset the parameters were decoded in; null when the declared one is not accepted
 */
record GatewayRequest(Map<String, String> parameters, String declaredCharset, RequestCharset charset) {

    GatewayRequest {
        parameters = Collections.unmodifiableMap(parameters);
    }

    /**
     * Decodes a request. The charset is found before anything is decoded: the {@code charset}
     * parameter (its value is ASCII in every accepted charset), then the {@code Content-Type}
     * header's, then UTF-8.
     */
    static GatewayRequest decode(String rawQuery, byte[] body, String contentType) {
        String bodyText = new String(body, StandardCharsets.ISO_8859_1); // bytes kept 1:1 until the charset is known
        String declared = rawParameter(rawQuery, ParameterName.CHARSET);
        if (declared == null) {
            declared = rawParameter(bodyText, ParameterName.CHARSET);
        }
        RequestCharset charset = null;
        String wanted = declared != null ? declared : contentTypeCharset(contentType);
        try {
            charset = wanted == null ? RequestCharset.UTF_8 : RequestCharset.fromWire(wanted);
        } catch (IllegalArgumentException unknown) {
            charset = null;
        }
        var javaCharset = charset == null ? StandardCharsets.UTF_8 : charset.charset();
        Map<String, String> params = new LinkedHashMap<>(FormEncoding.decode(rawQuery, javaCharset));
        if (body.length > 0 && !isMultipart(contentType)) {
            FormEncoding.decode(new String(body, javaCharset), javaCharset).forEach(params::putIfAbsent);
        }
        return new GatewayRequest(params, declared, charset);
    }

    String get(String name) {
        return parameters.get(name);
    }

    /** Whether a parameter is absent or blank, which the gateway treats alike. */
    boolean blank(String name) {
        String v = parameters.get(name);
        return v == null || v.isBlank();
    }

    /** Names the parameters only: their values include the sign, the app_auth_token and the business data. */
    @Override
    public String toString() {
        return "GatewayRequest[" + parameters.keySet() + ", charset " + declaredCharset + "]";
    }

    private static String rawParameter(String encoded, String name) {
        if (encoded == null) {
            return null;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.ISO_8859_1).trim();
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    private static String contentTypeCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                return p.substring(8).replace("\"", "").trim();
            }
        }
        return null;
    }

    private static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }
}
