package io.alipass.camel.gateway;

import java.util.List;

/**
 * The {@code result} field of a pass API answer, which is itself a JSON string. Instance calls fill
 * {@code serialNumber}, {@code passId}, {@code operate}; template calls fill {@code tplId} and
 * {@code tplParams}; both carry {@code errorCode} / {@code errorMsg}, and a {@code 10000} answer
 * whose {@code errorCode} is not a success code is a failure.
 *
 * @param raw the {@code result} string as received, or null when the answer had none
 */
public record PassResult(String raw, String serialNumber, String passId, String operate,
                         String errorCode, String errorMsg, String tplId, List<String> tplParams) {

    /** A result for an answer that carried no {@code result} field. */
    public static final PassResult NONE = new PassResult(null, null, null, null, null, null, null, List.of());

    public PassResult {
        tplParams = tplParams == null ? List.of() : List.copyOf(tplParams);
    }

    /** Whether {@code errorCode} is absent or one of the success codes. */
    public boolean isSuccess() {
        return PassErrorCode.isResultSuccess(errorCode);
    }
}
