package io.alipass.camel.gateway;

import java.util.Optional;

/**
 * The gateway's top-level {@code code} values, as the Open Platform's public error codes page
 * ("公共错误码") lists them, each with what the one retry rule ({@link Retryability}) decides for it
 * and, for a final refusal, what to fix. A code not listed here is still kept verbatim in every
 * outcome and is final.
 */
public enum GatewayCode {
    SUCCESS("10000", "接口调用成功 success", Retryability.Decision.FINAL, null),
    /** {@code isp.unknow-error}, {@code aop.unknow-error}, {@code aop.ACQ.SYSTEM_ERROR}: Alipay's side failed. */
    SERVICE_UNAVAILABLE("20000", "服务不可用 service currently unavailable", Retryability.Decision.RETRY, null),
    /**
     * {@code aop.invalid-auth-token}, {@code aop.auth-token-time-out}, {@code aop.invalid-app-auth-token},
     * {@code aop.invalid-app-auth-token-no-api}, {@code aop.app-auth-token-time-out},
     * {@code aop.no-product-reg-by-partner}.
     */
    INSUFFICIENT_AUTHORIZATION("20001", "授权权限不足 insufficient token permissions", Retryability.Decision.FINAL,
            "the app_auth_token is invalid, expired or lacks this API: renew it (refresh the token) or have the merchant"
                    + " authorise the app again, then set alipass.app-auth-token"),
    MISSING_PARAMETER("40001", "缺少必选参数 missing required arguments", Retryability.Decision.FINAL,
            "a required common parameter is missing: check alipass.app-id, alipass.sign-type and the app key or"
                    + " certificates (alipass.private-key, alipass.app-cert)"),
    INVALID_PARAMETER("40002", "非法的参数 invalid arguments", Retryability.Decision.FINAL,
            "a common parameter is invalid: for isv.invalid-signature check that alipass.private-key matches the app"
                    + " public key (or certificate) uploaded to the Open Platform console; for isv.invalid-app-id check"
                    + " alipass.app-id"),
    /** {@code isv.invalid-app-state}, {@code isv.missing-signature-config}. */
    INSUFFICIENT_CONDITIONS("40003", "条件异常 insufficient conditions", Retryability.Decision.FINAL,
            "the app cannot call yet: isv.invalid-app-state means it is not online in the Open Platform console"
                    + " (check alipass.app-id); isv.missing-signature-config means no app public key or certificate is"
                    + " set up there for it"),
    BUSINESS_FAILED("40004", "业务处理失败 business failed", Retryability.Decision.FINAL,
            "the pass service refused the record: fix it as sub_code says and send it again"),
    /** {@code isv.app-call-limited}, {@code isv.method-call-limited}: too many calls; lower the rate and retry. */
    CALL_LIMITED("40005", "调用频次超限 call limited", Retryability.Decision.SLOW_DOWN, null),
    /** {@code isv.insufficient-isv-permissions}, {@code isv.insufficient-user-permissions}. */
    INSUFFICIENT_PERMISSIONS("40006", "权限不足 insufficient ISV permissions", Retryability.Decision.FINAL,
            "the app lacks the permission for this API: add the pass (卡券) product to the app in the Open Platform"
                    + " console, or have the merchant grant it");

    /** {@code sub_code} of a 40005 answer when the app as a whole calls too often. */
    public static final String APP_CALL_LIMITED = "isv.app-call-limited";
    /** {@code sub_code} of a 40005 answer when one API method is called too often. */
    public static final String METHOD_CALL_LIMITED = "isv.method-call-limited";

    private final String code;
    private final String meaning;
    private final Retryability.Decision decision;
    private final String remedy;

    GatewayCode(String code, String meaning, Retryability.Decision decision, String remedy) {
        this.code = code;
        this.meaning = meaning;
        this.decision = decision;
        this.remedy = remedy;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** What the retry rule does with an answer carrying this code (sub-codes may refine it, see {@link Retryability}). */
    public Retryability.Decision decision() {
        return decision;
    }

    /** Whether the same request may succeed later without change. */
    public boolean retryable() {
        return decision != Retryability.Decision.FINAL;
    }

    /** For a final refusal, what to fix (a configuration property, the token, the record); null otherwise. */
    public String remedy() {
        return remedy;
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
