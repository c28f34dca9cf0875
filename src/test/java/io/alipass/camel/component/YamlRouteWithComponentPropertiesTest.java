package io.alipass.camel.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A YAML-DSL route with {@code to: alipay-pass:instance-update} in camel-main, the component configured
 * only through {@code camel.component.alipay-pass.*} properties (kebab case, as an operator writes them).
 */
class YamlRouteWithComponentPropertiesTest {
    private TwoSandboxApps apps;
    private Main main;

    @BeforeEach
    void start() throws Exception {
        apps = new TwoSandboxApps();
        main = new Main();
        main.configure().withRoutesIncludePattern("classpath:component-yaml/*.camel.yaml");
        main.addInitialProperty("camel.component.alipay-pass.gateway-url", apps.sandbox.url());
        main.addInitialProperty("camel.component.alipay-pass.app-id", TwoSandboxApps.APP_B);
        main.addInitialProperty("camel.component.alipay-pass.private-key", TwoSandboxApps.text(apps.keysB));
        main.addInitialProperty("camel.component.alipay-pass.alipay-public-key", apps.sandbox.alipayPublicKeyBase64());
        main.addInitialProperty("camel.component.alipay-pass.channel-id", TwoSandboxApps.CHANNEL);
        main.start();
    }

    @AfterEach
    void stop() {
        main.stop();
        apps.close();
    }

    @Test
    void aYamlRouteSendsThroughTheComponentConfiguredByProperties() throws Exception {
        MockEndpoint success = main.getCamelContext().getEndpoint("mock:yaml-success", MockEndpoint.class);
        success.expectedMessageCount(1);
        String serial = apps.issuedPass();
        // No channel_id in the record: camel.component.alipay-pass.channel-id supplies it.
        main.getCamelContext().createProducerTemplate().sendBody("direct:yaml-in", "{\"serial_number\":\"" + serial
                + "\",\"status\":\"USED\",\"verify_code\":\"8612231273\",\"verify_type\":\"wave\"}");
        success.assertIsSatisfied();
        assertEquals(TwoSandboxApps.APP_B, apps.sandbox.received().all().get(0).appId());
        assertEquals("10000", apps.sandbox.received().all().get(0).code());
    }
}
