package io.alipass.camel.gateway;

import java.util.Objects;

/**
 * What came of one call to a pass API: exactly one of success, business failure (final: fix the
 * data), transient failure (retry later), or invalid response (the answer cannot be trusted; never
 * a success). Every code is kept verbatim, known or not.
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
