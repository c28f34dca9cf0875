package io.alipass.camel.pass;

/** The states {@code alipay.pass.instance.update} can move a pass to ({@code status}). */
public enum PassStatus {
    /** The pass was redeemed; send {@code verify_code} and {@code verify_type} with it. */
    USED,
    /** The pass was withdrawn. */
    CLOSED;

    /** The accepted values, for error messages. */
    public static String accepted() {
        return "USED, CLOSED";
    }
}
