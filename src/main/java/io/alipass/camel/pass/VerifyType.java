package io.alipass.camel.pass;

import java.util.Locale;

/** How a pass was redeemed ({@code verify_type}); sent together with {@code verify_code}. */
public enum VerifyType {
    /** 声波: sound wave. */
    WAVE,
    /** 二维码: QR code. */
    QRCODE,
    /** 条码: barcode. */
    BARCODE,
    /** 文本: the code typed in by hand. */
    INPUT;

    /** The value sent to the gateway, in lower case as the API page writes it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a wire value; exact lower case, as the gateway matches it. Returns null when unknown. */
    public static VerifyType fromWire(String value) {
        for (VerifyType t : values()) {
            if (t.wireName().equals(value)) {
                return t;
            }
        }
        return null;
    }

    /** The accepted values, for error messages. */
    public static String accepted() {
        return "wave, qrcode, barcode, input";
    }
}
