package io.alipass.camel.pass;

/**
 * Every business field of the two pass APIs with its maximum length from the API pages
 * (最大长度, counted in characters). This is the only place a field's name and length are defined.
 */
public enum PassField {
    SERIAL_NUMBER("serial_number", 999),
    CHANNEL_ID("channel_id", 999),
    TPL_PARAMS("tpl_params", 99999),
    STATUS("status", 99),
    VERIFY_CODE("verify_code", 999),
    VERIFY_TYPE("verify_type", 99999),
    /** Not on the archived page; Alipay's current page gives the buyer's 2088... id, at most 32 characters. */
    USER_ID("user_id", 32),
    /** Not on the archived page; the current API's per-app user id. */
    OPEN_ID("open_id", 128),
    TPL_ID("tpl_id", 999),
    TPL_CONTENT("tpl_content", 99999);

    private final String wireName;
    private final int maxLength;

    PassField(String wireName, int maxLength) {
        this.wireName = wireName;
        this.maxLength = maxLength;
    }

    /** The name in {@code biz_content}. */
    public String wireName() {
        return wireName;
    }

    public int maxLength() {
        return maxLength;
    }
}
