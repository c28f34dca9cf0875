package io.alipass.camel.gateway;

import java.nio.charset.Charset;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The exact text a request signature covers.
 *
 * <p>Alipay's rule ("签名" in the Open Platform documentation): take every request parameter except
 * {@code sign}; drop those whose value is empty; sort the rest by key in ascending (code-unit)
 * order; join them as {@code key=value} with {@code &}, without URL encoding. The signature is
 * computed over the bytes of that text in the request's {@code charset}.
 *
 * <p>Note that {@code sign_type} is signed for requests (the "V2" rule), unlike the notify-callback
 * "V1" rule, which drops it.
 *
 * @param text the content, e.g. {@code app_id=2014072300007148&biz_content={...}&charset=utf-8&...}
 */
public record SignContent(String text) {

    public SignContent {
        Objects.requireNonNull(text, "text");
    }

    /** Builds the sign content of a parameter map, following the rule above. */
    public static SignContent of(Map<String, String> parameters) {
        TreeMap<String, String> sorted = parameters instanceof TreeMap<String, String> t && t.comparator() == null
                ? t : new TreeMap<>(parameters);
        StringBuilder sb = new StringBuilder(256);
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (ParameterName.SIGN.equals(key) || Blank.is(key) || Blank.is(value)) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(key).append('=').append(value);
        }
        return new SignContent(sb.toString());
    }

    /** The bytes that are signed: the text in the request's charset. */
    public byte[] bytes(Charset charset) {
        return text.getBytes(charset);
    }

    /** Says only how long the content is: it holds the business data and the app_auth_token. */
    @Override
    public String toString() {
        return "SignContent[" + text.length() + " chars]";
    }
}
