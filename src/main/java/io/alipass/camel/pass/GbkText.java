package io.alipass.camel.pass;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;

/**
 * The pass service stores text as GBK and rejects anything else with
 * {@code KP.AE_ALIPASS_CHAR_NOT_GBK}; this is the local check for the same rule.
 */
final class GbkText {
    private static final Charset GBK = Charset.forName("GBK");
    private static final ThreadLocal<CharsetEncoder> ENCODER = ThreadLocal.withInitial(GBK::newEncoder);

    private GbkText() {
    }

    /** The index of the first character GBK cannot encode, or -1 when all can be. */
    static int firstNonGbk(String text) {
        CharsetEncoder encoder = ENCODER.get();
        // The common case is ASCII: skip the encoder for it.
        int i = 0;
        while (i < text.length() && text.charAt(i) < 0x80) {
            i++;
        }
        if (i == text.length() || encoder.canEncode(text.subSequence(i, text.length()))) {
            return -1;
        }
        for (int j = i; j < text.length(); ) {
            int cp = text.codePointAt(j);
            if (!encoder.canEncode(new String(Character.toChars(cp)))) {
                return j;
            }
            j += Character.charCount(cp);
        }
        return -1;
    }

    /** The code point at an index, as {@code U+1F600}, so an error can name it without echoing data. */
    static String describe(String text, int index) {
        return String.format("U+%04X", text.codePointAt(index));
    }
}
