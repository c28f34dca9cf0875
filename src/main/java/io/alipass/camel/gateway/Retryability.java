package io.alipass.camel.gateway;

import java.io.IOException;
import java.util.Set;

/**
 * The one rule that decides what to do after a call: retry it, retry it more slowly, or accept the
 * answer as final. It covers the gateway's {@code code} and {@code sub_code}, the HTTP status, and
 * exceptions, so no other class holds a copy of the decision.
 *
 * <ul>
 * <li>{@link Decision#SLOW_DOWN}: {@code 40005} ({@code isv.app-call-limited},
 *     {@code isv.method-call-limited}) and HTTP 429. The request was not processed; it is retried after
 *     the app's call rate has been lowered ({@link AdaptiveCallRate}).</li>
 * <li>{@link Decision#RETRY}: {@code 20000} ({@code isp.unknow-error}, {@code aop.unknow-error},
 *     {@code aop.ACQ.SYSTEM_ERROR}), any {@code isp.*} sub-code (Alipay's own side failed),
 *     {@code KP.AE_SYSTEM_ERROR}, HTTP 5xx and 408, and I/O errors (no answer read).</li>
 * <li>{@link Decision#FINAL}: everything else, including unknown codes, because retrying a request the
 *     gateway understood and refused only repeats the refusal: {@code 20001} (the {@code app_auth_token}),
 *     {@code 40001}, {@code 40002}, {@code 40003}, {@code 40006} (the configuration), {@code 40004}
 *     (the record), HTTP 3xx and other 4xx (the gateway URL or a proxy in front of it is wrong).</li>
 * </ul>
 */
public final class Retryability {
    /**
     * How many call-limited answers in a row one attempt may meet before it counts as an ordinary
     * transient failure. A call-limited retry waits for the throttle and is not counted against the
     * route's {@code maximumRedeliveries}: while the rate converges on a quota an update may meet several
     * 40005 answers, and a normal retry budget (5) would dead-letter updates that only had to wait.
     */
    public static final int CALL_LIMITED_RETRIES = 100;

    /** What to do after a call. */
    public enum Decision {
        /** The answer stands; sending the same request again will not change it. */
        FINAL,
        /** The request may succeed if sent again later, unchanged. */
        RETRY,
        /** The gateway refused because of the call rate: slow down, then send it again. */
        SLOW_DOWN
    }

    /** Sub-codes that mean Alipay's own side failed, whatever the code. */
    private static final Set<String> TRANSIENT_SUB_CODES = Set.of("aop.unknow-error", "aop.ACQ.SYSTEM_ERROR");
    private static final Set<String> CALL_LIMITED_SUB_CODES = Set.of(GatewayCode.APP_CALL_LIMITED, GatewayCode.METHOD_CALL_LIMITED);

    private Retryability() {
    }

    /** The decision for a gateway answer's {@code code} and {@code sub_code} (either may be null). */
    public static Decision ofAnswer(String code, String subCode) {
        if (subCode != null && CALL_LIMITED_SUB_CODES.contains(subCode)) {
            return Decision.SLOW_DOWN;
        }
        Decision byCode = GatewayCode.of(code).map(GatewayCode::decision).orElse(Decision.FINAL);
        if (byCode != Decision.FINAL) {
            return byCode;
        }
        if (subCode != null && (subCode.startsWith("isp.") || TRANSIENT_SUB_CODES.contains(subCode))) {
            return Decision.RETRY;
        }
        return PassErrorCode.of(subCode).map(PassErrorCode::retryable).orElse(false) ? Decision.RETRY : Decision.FINAL;
    }

    /** The decision for an HTTP status other than 200: the answer body is then not the gateway's. */
    public static Decision ofHttpStatus(int status) {
        if (status == 429) {
            return Decision.SLOW_DOWN;
        }
        if (status >= 500 || status == 408) {
            return Decision.RETRY;
        }
        return Decision.FINAL;
    }

    /** The decision for a call that ended in an exception instead of an HTTP answer. */
    public static Decision ofException(Throwable e) {
        return e instanceof IOException ? Decision.RETRY : Decision.FINAL;
    }

    /** Whether the gateway's {@code code} and {@code sub_code} (either may be null) call for a retry of any kind. */
    public static boolean isTransient(String code, String subCode) {
        return ofAnswer(code, subCode) != Decision.FINAL;
    }

    /** Whether a call-limited answer names one API method rather than the app as a whole. */
    public static boolean isMethodLimited(String subCode) {
        return GatewayCode.METHOD_CALL_LIMITED.equals(subCode);
    }
}
