package io.alipass.camel.gateway;

import java.util.Objects;

/**
 * What came of one call to a pass API: exactly one of success, business failure (final: fix the
 * data, or the configuration the reason names), transient failure (retry later), call limited (slow
 * down, then retry), misdirected call (final: the gateway URL or a proxy is wrong), or invalid
 * response (the answer cannot be trusted; never a success). Every code is kept verbatim, known or
 * not; {@link Retryability} decides which kind an answer is.
 */
public sealed interface PassUpdateOutcome {

    /** The API that was called. */
    GatewayMethod method();

    /** A short, stable name of the outcome's kind, for headers and metrics. */
    String kind();

    /** The gateway's {@code code}, or null when no answer was read. */
    String code();

    /** The {@code sub_code} (or the failing {@code errorCode} of {@code result}), or null. */
    default String subCode() {
        return null;
    }

    /** The {@code sub_msg} (or the failing {@code errorMsg}), or null. */
    default String subMsg() {
        return null;
    }

    /** Code {@code 10000} with a successful {@code result}. */
    record Success(GatewayMethod method, String code, String msg, PassResult result) implements PassUpdateOutcome {
        public Success {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(result, "result");
        }

        @Override
        public String kind() {
            return "success";
        }
    }

    /** The gateway or the pass service refused the request; retrying it unchanged will not help. */
    record BusinessFailure(GatewayMethod method, String code, String msg, String subCode, String subMsg, PassResult result)
            implements PassUpdateOutcome {
        public BusinessFailure {
            Objects.requireNonNull(method, "method");
            result = result == null ? PassResult.NONE : result;
        }

        @Override
        public String kind() {
            return "business-failure";
        }

        /** What to fix, for a code whose fix is known (the token, a configuration property, the record); else null. */
        public String remedy() {
            return GatewayCode.of(code).map(GatewayCode::remedy).orElse(null);
        }

        /** The pass service's code, when {@code subCode} is a known {@code KP.AE_*} one. */
        public java.util.Optional<PassErrorCode> passErrorCode() {
            return PassErrorCode.of(subCode);
        }
    }

    /**
     * The request may succeed if sent again later: {@code 20000}, {@code isp.*},
     * {@code KP.AE_SYSTEM_ERROR}, or no answer at all (I/O error, timeout, HTTP 5xx).
     *
     * @param cause what went wrong when there was no gateway answer, else null
     */
    record TransientFailure(GatewayMethod method, String code, String msg, String subCode, String subMsg, String cause)
            implements PassUpdateOutcome {
        public TransientFailure {
            Objects.requireNonNull(method, "method");
        }

        @Override
        public String kind() {
            return "transient-failure";
        }
    }

    /**
     * The gateway refused the call because the app (or the method) calls too often: {@code 40005}
     * with {@code isv.app-call-limited} or {@code isv.method-call-limited}, or HTTP 429. The request was
     * not processed; it is sent again once the call rate has been lowered ({@link AdaptiveCallRate}).
     *
     * @param cause what went wrong when there was no gateway answer (HTTP 429), else null
     */
    record CallLimited(GatewayMethod method, String code, String msg, String subCode, String subMsg, String cause)
            implements PassUpdateOutcome {
        public CallLimited {
            Objects.requireNonNull(method, "method");
        }

        @Override
        public String kind() {
            return "call-limited";
        }

        /** Whether the limit is the method's ({@code isv.method-call-limited}) rather than the whole app's. */
        public boolean methodLimited() {
            return Retryability.isMethodLimited(subCode);
        }
    }

    /**
     * The HTTP answer was a redirect or a client error other than 408 and 429 (404, 403, 301 ...): it
     * did not come from the gateway's API, so the gateway URL or a proxy in front of it is wrong.
     * Final: retrying the same URL repeats the answer; the message is dead-lettered at once.
     *
     * @param status the HTTP status
     */
    record MisdirectedCall(GatewayMethod method, int status) implements PassUpdateOutcome {
        public MisdirectedCall {
            Objects.requireNonNull(method, "method");
        }

        @Override
        public String kind() {
            return "misdirected-call";
        }

        @Override
        public String code() {
            return null;
        }

        @Override
        public String subMsg() {
            return "HTTP " + status + ": the gateway URL (alipass.gateway-url) or a proxy in front of it is wrong";
        }
    }

    /** The answer was unparsable, unsigned where a signature is required, or wrongly signed. */
    record InvalidResponse(GatewayMethod method, InvalidResponseException.Reason reason, String detail)
            implements PassUpdateOutcome {
        public InvalidResponse {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String kind() {
            return "invalid-response";
        }

        @Override
        public String code() {
            return null;
        }

        @Override
        public String subCode() {
            return reason.name();
        }

        @Override
        public String subMsg() {
            return detail;
        }
    }
}
