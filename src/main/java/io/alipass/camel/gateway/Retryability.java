package io.alipass.camel.gateway;

/**
 * The one rule that decides whether a gateway answer is transient (retry the same request later)
 * or final. Transient: code {@code 20000}, any {@code isp.*} sub-code (Alipay's own side failed),
 * and {@code KP.AE_SYSTEM_ERROR}; everything else, including unknown codes, is final, because
 * retrying a request the gateway understood and refused only repeats the refusal.
 */
public final class Retryability {
    private Retryability() {
    }

    /** Whether the gateway's {@code code} and {@code sub_code} (either may be null) call for a retry. */
    public static boolean isTransient(String code, String subCode) {
        if (GatewayCode.of(code).map(GatewayCode::retryable).orElse(false)) {
            return true;
        }
        if (subCode != null && subCode.startsWith("isp.")) {
            return true;
        }
        return PassErrorCode.of(subCode).map(PassErrorCode::retryable).orElse(false);
    }
}
