package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.alipass.camel.component.AlipayPassComponentConfigurer;
import io.alipass.camel.component.AlipayPassConfiguration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The one table from the runner's alipass.* properties to the alipay-pass component's options. */
class AppPropertyTest {
    private final DefaultCamelContext camel = new DefaultCamelContext();

    private AlipayPassConfiguration apply(Map<String, String> properties) {
        AlipayPassConfiguration c = new AlipayPassConfiguration();
        AppProperty.applyAll(properties::get, c, camel);
        return c;
    }

    @ParameterizedTest
    @EnumSource(AppProperty.class)
    void everyRunnerPropertyNamesAnOptionTheComponentDeclares(AppProperty p) {
        assertNotNull(new AlipayPassComponentConfigurer().getOptionType(p.option(), false),
                p.runnerKey() + " maps to " + p.option());
    }

    @Test
    void runnerPropertiesSetTheComponentsOptionsConverted() {
        AlipayPassConfiguration c = apply(Map.of(
                "alipass.app-id", "2021000000000001",
                "alipass.connect-timeout-ms", "1234",
                "alipass.rate-limit", "2.5",
                "alipass.verify-response", "false",
                "alipass.private-key", "/keys/app.pem",
                "alipass.certificate-cache-dir", "/var/cache/alipay"));
        assertEquals("2021000000000001", c.getAppId());
        assertEquals(1234, c.getConnectTimeout());
        assertEquals(2.5, c.getRateLimit());
        assertFalse(c.isVerifyResponse());
        assertEquals("/keys/app.pem", c.getPrivateKey());
        assertEquals("/var/cache/alipay", c.getCertificateCacheDir());
        assertEquals(15000, c.getReadTimeout(), "what is not given keeps the component's default");
    }

    @ParameterizedTest
    @CsvSource({"camel.component.alipay-pass.app-id", "camel.component.alipay-pass.appId"})
    void theCamelComponentPropertyWinsOverTheRunnerProperty(String camelKey) {
        Map<String, String> p = new HashMap<>();
        p.put("alipass.app-id", "2021000000000001");
        p.put(camelKey, "2021000000000002");
        assertEquals("2021000000000002", apply(p).getAppId());
    }

    @Test
    void theCamelComponentPropertyAloneIsEnough() {
        assertEquals(3000, apply(Map.of("camel.component.alipay-pass.read-timeout", "3000")).getReadTimeout());
    }

    @ParameterizedTest
    @CsvSource({"alipass.connect-timeout-ms, soon", "alipass.verify-response, maybe", "alipass.rate-limit, fast"})
    void aValueThatDoesNotConvertIsReportedByItsRunnerPropertyAndNotQuoted(String property, String value) {
        RunnerConfigurationException e = assertThrows(RunnerConfigurationException.class, () -> apply(Map.of(property, value)));
        assertEquals(property, e.property());
        assertFalse(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void theComponentKeyIsTheKebabCaseOfTheOption() {
        assertEquals("camel.component.alipay-pass.alipay-root-cert", AppProperty.ALIPAY_ROOT_CERT.componentKey());
        assertEquals("alipass.connect-timeout-ms", AppProperty.CONNECT_TIMEOUT.runnerKey());
    }
}
