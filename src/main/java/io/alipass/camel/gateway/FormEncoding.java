package io.alipass.camel.gateway;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} in a given charset, as the official client writes it
 * ({@link URLEncoder}: space as {@code +}, unreserved {@code *-._} kept) and as a servlet reads it.
 * Blank values are left out, as they are left out of the sign content.
 */
public final class FormEncoding {
    private FormEncoding() {
    }

    /** Encodes the entries, in iteration order, skipping blank names and values. */
    public static String encode(Map<String, String> parameters, Charset charset) {
        StringBuilder sb = new StringBuilder(128);
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (Blank.is(e.getKey()) || Blank.is(e.getValue())) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(e.getKey(), charset)).append('=').append(URLEncoder.encode(e.getValue(), charset));
        }
        return sb.toString();
    }

    /** Decodes a query string or form body; a repeated name keeps its first value. */
    public static Map<String, String> decode(String encoded, Charset charset) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
            out.putIfAbsent(name, value);
        }
        return out;
    }
}
