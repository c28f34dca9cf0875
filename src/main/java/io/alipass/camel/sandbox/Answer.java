package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.GatewayCode;
import io.alipass.camel.gateway.PassErrorCode;
import java.util.Objects;

/**
 * What the sandbox answers to one call, before it is written and signed: a success carrying the
 * API's {@code result} JSON string, or a failure with {@code code}, {@code msg}, {@code sub_code}
 * and {@code sub_msg}.
 */
public sealed interface Answer {

    /** The gateway's {@code code}. */
    String code();

    /** The {@code sub_code}, or null on success. */
    String subCode();

    /**
     * {@code 10000} with {@code success=true} and the {@code result} string.
     *
     * @param result the API's result object, already written as JSON text
     */
    record Success(String result) implements Answer {
        public Success {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public String code() {
            return GatewayCode.SUCCESS.code();
        }

        @Override
        public String subCode() {
            return null;
        }
    }

    /**
     * {@code 10000} with the certificate file of {@code alipay.open.app.alipaycert.download}.
     *
     * @param alipayCertContent the Base64 of the certificate's PEM text, as the SDK's
     *                          {@code AlipayOpenAppAlipaycertDownloadResponse.alipayCertContent} reads it
     */
    record AlipayCertificate(String alipayCertContent) implements Answer {
        public AlipayCertificate {
            Objects.requireNonNull(alipayCertContent, "alipayCertContent");
        }

        @Override
        public String code() {
            return GatewayCode.SUCCESS.code();
        }

        @Override
        public String subCode() {
            return null;
        }
    }

    /** A refusal, by the gateway ({@code 40001}, {@code 40002}, {@code 20000}) or the pass service ({@code 40004}). */
    record Failure(String code, String msg, String subCode, String subMsg) implements Answer {
        public Failure {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(msg, "msg");
        }
    }

    /** A business refusal of the pass service: {@code 40004 Business Failed} with a {@code KP.AE_*} sub-code. */
    static Answer business(PassErrorCode error, String detail) {
        String subMsg = detail == null ? chinese(error) : chinese(error) + ": " + detail;
        return new Failure(GatewayCode.BUSINESS_FAILED.code(), msgOf(GatewayCode.BUSINESS_FAILED), error.code(), subMsg);
    }

    /** The Chinese part of the code's documented meaning, which is what the gateway puts in {@code sub_msg}. */
    private static String chinese(PassErrorCode error) {
        String meaning = error.meaning();
        int space = meaning.indexOf(' ');
        return space > 0 ? meaning.substring(0, space) : meaning;
    }

    /** The English {@code msg} the gateway sends with each code. */
    static String msgOf(GatewayCode code) {
        return switch (code) {
            case SUCCESS -> "Success";
            case SERVICE_UNAVAILABLE -> "Service Currently Unavailable";
            case INSUFFICIENT_AUTHORIZATION -> "Insufficient Token Permissions";
            case MISSING_PARAMETER -> "Missing Required Arguments";
            case INVALID_PARAMETER -> "Invalid Arguments";
            case INSUFFICIENT_CONDITIONS -> "Insufficient Conditions";
            case CALL_LIMITED -> "Call Limited";
            case BUSINESS_FAILED -> "Business Failed";
            case INSUFFICIENT_PERMISSIONS -> "Insufficient Permissions";
        };
    }
}
