package io.alipass.camel.route;

import java.util.regex.Pattern;

/**
 * Removes secret parameter values ({@code sign}, {@code app_auth_token}) from text that may reach a
 * log or an outcome document, such as an exception message quoting a URL. A last line of defence:
 * the code never puts them in messages on purpose.
 */
public final class Redaction {
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)\\b(sign|app_auth_token)=[^&\\s\"']+");

    private Redaction() {
    }

    /** The text with every {@code sign=...} and {@code app_auth_token=...} value replaced by {@code ***}. */
    public static String redact(String text) {
        return text == null ? null : SECRET_PARAMETER.matcher(text).replaceAll("$1=***");
    }
}
