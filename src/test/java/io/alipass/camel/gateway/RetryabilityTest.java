package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alipass.camel.gateway.Retryability.Decision;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The one retry rule: the decision for each public code, HTTP status and exception. */
class RetryabilityTest {

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("20000", "isp.unknow-error", Decision.RETRY),
                Arguments.of("20000", "aop.unknow-error", Decision.RETRY),
                Arguments.of("20000", "aop.ACQ.SYSTEM_ERROR", Decision.RETRY),
                Arguments.of("20001", "aop.invalid-auth-token", Decision.FINAL),
                Arguments.of("20001", "aop.auth-token-time-out", Decision.FINAL),
                Arguments.of("20001", "aop.invalid-app-auth-token", Decision.FINAL),
                Arguments.of("20001", "aop.invalid-app-auth-token-no-api", Decision.FINAL),
                Arguments.of("20001", "aop.app-auth-token-time-out", Decision.FINAL),
                Arguments.of("20001", "aop.no-product-reg-by-partner", Decision.FINAL),
                Arguments.of("40001", "isv.missing-app-id", Decision.FINAL),
                Arguments.of("40002", "isv.invalid-signature", Decision.FINAL),
                Arguments.of("40003", "isv.invalid-app-state", Decision.FINAL),
                Arguments.of("40003", "isv.missing-signature-config", Decision.FINAL),
                Arguments.of("40004", "KP.AE_ALIPASS_NOTEXIST", Decision.FINAL),
                Arguments.of("40004", "KP.AE_SYSTEM_ERROR", Decision.RETRY),
                Arguments.of("40004", "isp.timeout", Decision.RETRY),
                Arguments.of("40005", "isv.app-call-limited", Decision.SLOW_DOWN),
                Arguments.of("40005", "isv.method-call-limited", Decision.SLOW_DOWN),
                Arguments.of("40005", null, Decision.SLOW_DOWN),
                Arguments.of("40006", "isv.insufficient-isv-permissions", Decision.FINAL),
                Arguments.of("40099", "isv.something-new", Decision.FINAL),
                Arguments.of(null, null, Decision.FINAL));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("answers")
    void eachPublicCodeHasItsDecision(String code, String subCode, Decision expected) {
        assertEquals(expected, Retryability.ofAnswer(code, subCode));
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"500, RETRY", "502, RETRY", "503, RETRY", "504, RETRY", "408, RETRY", "429, SLOW_DOWN",
            "301, FINAL", "302, FINAL", "400, FINAL", "403, FINAL", "404, FINAL", "405, FINAL"})
    void eachHttpStatusHasItsDecision(int status, Decision expected) {
        assertEquals(expected, Retryability.ofHttpStatus(status));
    }

    @Test
    void anIoErrorIsRetriedAndAnythingElseIsFinal() {
        assertEquals(Decision.RETRY, Retryability.ofException(new IOException("reset")));
        assertEquals(Decision.RETRY, Retryability.ofException(new SocketTimeoutException("read timed out")));
        assertEquals(Decision.FINAL, Retryability.ofException(new IllegalStateException("bug")));
    }

    @Test
    void everyKnownCodeOtherThanSuccessAndBusinessFailureThatIsFinalSaysWhatToFix() {
        for (GatewayCode c : GatewayCode.values()) {
            if (c.decision() == Decision.FINAL && c != GatewayCode.SUCCESS) {
                assertEquals(true, c.remedy() != null && !c.remedy().isBlank(), c.name());
            }
        }
    }
}
