package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RunnerSettingsTest {
    static final String SECRET = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC-secret";

    static Map<String, String> defaults() {
        Map<String, String> p = new HashMap<>();
        p.put("alipass.success-uri", "mock:success");
        p.put("alipass.failure-uri", "mock:failure");
        p.put("alipass.dead-letter-uri", "mock:dead");
        return p;
    }

    static RunnerSettings read(Map<String, String> p) {
        return RunnerSettings.read(p::get);
    }

    @Test
    void noConfigurationMeansTheSandboxAndTheDocumentedDefaults() {
        RunnerSettings s = read(defaults());
        assertTrue(s.sandbox());
        assertEquals(Path.of("data"), s.dataDir());
        assertEquals(Path.of("data", "inbox"), s.file().inbox());
        assertTrue(s.jms().embedded());
        assertNull(s.http().token());
        assertEquals(5, s.retry().maximumRedeliveries());
        assertFalse(s.once());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("alipass.retry.maximum-redeliveries", "-1"),
                bad("alipass.retry.redelivery-delay", "soon"),
                bad("alipass.file.concurrency", "0"),
                bad("alipass.file.charset", "no-such-charset"),
                bad("alipass.default-api", "trade.pay"),
                bad("alipass.success-uri", ""));
    }

    static Arguments bad(String property, String value) {
        return Arguments.of(property, value);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void aBadValueIsReportedByItsPropertyName(String property, String value) {
        Map<String, String> p = defaults();
        p.put(property, value);
        RunnerConfigurationException e = assertThrows(RunnerConfigurationException.class, () -> read(p));
        assertEquals(property, e.property());
        assertTrue(e.getMessage().startsWith(property + " "), e.getMessage());
    }

    @Test
    void aGatewayUrlUnderEitherNameMeansARealGatewayInsteadOfTheSandbox() {
        Map<String, String> p = defaults();
        p.put("alipass.gateway-url", "https://openapi.alipay.com/gateway.do");
        assertFalse(read(p).sandbox());
        Map<String, String> q = defaults();
        q.put("camel.component.alipay-pass.gateway-url", "https://openapi.alipay.com/gateway.do");
        assertFalse(read(q).sandbox());
    }

    @Test
    void theHttpTokenAndJmsPasswordNeverShowInToString() {
        Map<String, String> p = defaults();
        p.put("alipass.http.token", "tok-123456");
        p.put("alipass.jms.password", "pw-123456");
        String text = read(p).toString();
        assertFalse(text.contains("tok-123456"));
        assertFalse(text.contains("pw-123456"));
    }
}
