package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.gateway.RequestCharset;
import io.alipass.camel.gateway.SignType;
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
        assertEquals(SignType.RSA2, s.signType());
        assertEquals(RequestCharset.UTF_8, s.charset());
        assertTrue(s.verifyResponse());
        assertTrue(s.jms().embedded());
        assertNull(s.http().token());
        assertEquals(5, s.retry().maximumRedeliveries());
        assertEquals(0, s.rateLimit());
        assertFalse(s.once());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("alipass.sign-type", "MD5"),
                bad("alipass.charset", "latin-1"),
                bad("alipass.verify-response", "yes"),
                bad("alipass.retry.maximum-redeliveries", "-1"),
                bad("alipass.retry.redelivery-delay", "soon"),
                bad("alipass.rate-limit", "-3"),
                bad("alipass.file.concurrency", "0"),
                bad("alipass.file.charset", "no-such-charset"),
                bad("alipass.default-api", "trade.pay"),
                bad("alipass.gateway-url", "ftp://openapi.alipay.com"),
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
    void aRealGatewayNeedsAnAppIdAndAPrivateKeyAndNeverQuotesTheKey() {
        Map<String, String> p = defaults();
        p.put("alipass.gateway-url", "https://openapi.alipay.com/gateway.do");
        assertEquals("alipass.app-id", assertThrows(RunnerConfigurationException.class, () -> read(p)).property());
        p.put("alipass.app-id", "2021000000000001");
        assertEquals("alipass.private-key", assertThrows(RunnerConfigurationException.class, () -> read(p)).property());
        p.put("alipass.private-key", SECRET);
        RunnerConfigurationException e = assertThrows(RunnerConfigurationException.class, () -> read(p));
        assertEquals("alipass.alipay-public-key", e.property());
        assertFalse(e.getMessage().contains("secret"));
        p.put("alipass.alipay-public-key", "MIIBIjANBg");
        RunnerSettings s = read(p);
        assertFalse(s.sandbox());
        assertFalse(s.toString().contains(SECRET), "toString hides the key");
        RunnerConfigurationException unusable = assertThrows(RunnerConfigurationException.class, () -> RunnerAssembly.configuredProtocol(s));
        assertEquals("alipass.private-key", unusable.property());
        assertFalse(unusable.getMessage().contains(SECRET), unusable.getMessage());
    }

    @Test
    void certificateModeNeedsAllThreeCertificates() {
        Map<String, String> p = defaults();
        p.put("alipass.gateway-url", "https://openapi.alipay.com/gateway.do");
        p.put("alipass.app-id", "2021000000000001");
        p.put("alipass.private-key", "/keys/app.pem");
        p.put("alipass.app-cert", "/keys/appCertPublicKey.crt");
        p.put("alipass.alipay-cert", "/keys/alipayCertPublicKey_RSA2.crt");
        assertEquals("alipass.alipay-root-cert", assertThrows(RunnerConfigurationException.class, () -> read(p)).property());
        p.put("alipass.alipay-root-cert", "/keys/alipayRootCert.crt");
        assertTrue(read(p).certificateMode());
    }

    @Test
    void theHttpTokenAndJmsPasswordNeverShowInToString() {
        Map<String, String> p = defaults();
        p.put("alipass.http.token", "tok-123456");
        p.put("alipass.jms.password", "pw-123456");
        p.put("alipass.app-auth-token", "aat-123456");
        String text = read(p).toString();
        assertFalse(text.contains("tok-123456"));
        assertFalse(text.contains("pw-123456"));
        assertFalse(text.contains("aat-123456"));
    }
}
