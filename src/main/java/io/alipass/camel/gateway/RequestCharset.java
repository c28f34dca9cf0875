package io.alipass.camel.gateway;

import java.nio.charset.Charset;

/**
 * The {@code charset} values the gateway accepts. The same charset governs the bytes that are
 * signed, the URL encoding of every parameter, and the bytes the gateway signs in its response.
 */
public enum RequestCharset {
    /** {@code utf-8}, the default. */
    UTF_8("utf-8", "UTF-8"),
    /** {@code gbk}, what the official examples for the pass APIs use. */
    GBK("gbk", "GBK"),
    /** {@code gb2312}, a subset of GBK. */
    GB2312("gb2312", "GB2312");

    private final String wireName;
    private final Charset charset;

    RequestCharset(String wireName, String javaName) {
        this.wireName = wireName;
        this.charset = Charset.forName(javaName);
    }

    /** The value sent in {@code charset}, lower case as in Alipay's documentation. */
    public String wireName() {
        return wireName;
    }

    /** The Java charset used to turn text into bytes. */
    public Charset charset() {
        return charset;
    }

    /**
     * Reads a {@code charset} value, case-insensitively ({@code UTF-8}, {@code utf8} and {@code utf-8} are one).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static RequestCharset fromWire(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            if (v.equals("utf8")) {
                return UTF_8;
            }
            for (RequestCharset c : values()) {
                if (c.wireName.equals(v)) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("charset must be one of utf-8, gbk, gb2312, was '" + value + "'");
    }
}
