package io.alipass.camel.gateway;

import java.util.Optional;

/**
 * The gateway's top-level {@code code} values ("公共错误码"). A code not listed here is still kept
 * verbatim in every outcome; this enum only adds meaning and the retry decision.
 */
public enum GatewayCode {
    SUCCESS("10000", "接口调用成功 success", false),
    SERVICE_UNAVAILABLE("20000", "服务不可用 service currently unavailable", true),
    INSUFFICIENT_AUTHORIZATION("20001", "授权权限不足 insufficient token permissions", false),
    MISSING_PARAMETER("40001", "缺少必选参数 missing required arguments", false),
    INVALID_PARAMETER("40002", "非法的参数 invalid arguments", false),
    BUSINESS_FAILED("40004", "业务处理失败 business failed", false),
    INSUFFICIENT_PERMISSIONS("40006", "权限不足 insufficient ISV permissions", false);

    private final String code;
    private final String meaning;
    private final boolean retryable;

    GatewayCode(String code, String meaning, boolean retryable) {
        this.code = code;
        this.meaning = meaning;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** Whether the same request may succeed later without change. */
    public boolean retryable() {
        return retryable;
    }

    public static Optional<GatewayCode> of(String code) {
        for (GatewayCode c : values()) {
            if (c.code.equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
