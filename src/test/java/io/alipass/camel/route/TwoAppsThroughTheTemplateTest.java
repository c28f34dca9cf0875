package io.alipass.camel.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.component.AlipayPassConfiguration;
import io.alipass.camel.component.AlipayPassConstants;
import io.alipass.camel.component.TwoSandboxApps;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Alipay apps in one CamelContext through the route template: one {@link AlipassRoutes} per app,
 * each registering its component under its own name, and template instances that pick their app with
 * the {@code component} parameter. The sandbox knows both apps and answers {@code 40002
 * isv.invalid-signature} to a request signed with the other app's key.
 */
class TwoAppsThroughTheTemplateTest {
    private static final int PER_APP = 20;

    private TwoSandboxApps apps;
    private DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        apps = new TwoSandboxApps();
        camel = new DefaultCamelContext();
        camel.addRoutes(new AlipassRoutes(app(TwoSandboxApps.APP_A, TwoSandboxApps.text(apps.keysA))));
        camel.addRoutes(new AlipassRoutes(app(TwoSandboxApps.APP_B, TwoSandboxApps.text(apps.keysB))).componentName("alipay-pass-b"));
        camel.start();
        instance("a", null);
        instance("b", "alipay-pass-b");
    }

    @AfterEach
    void stop() {
        camel.stop();
        apps.close();
    }

    private AlipayPassConfiguration app(String appId, String privateKey) {
        AlipayPassConfiguration c = new AlipayPassConfiguration();
        c.setGatewayUrl(apps.sandbox.url());
        c.setAppId(appId);
        c.setPrivateKey(privateKey);
        c.setAlipayPublicKey(apps.sandbox.alipayPublicKeyBase64());
        return c;
    }

    private void instance(String name, String component) throws Exception {
        var b = TemplatedRouteBuilder.builder(camel, AlipassRoutes.TEMPLATE).routeId("updates-" + name)
                .parameter("sourceUri", "direct:" + name)
                .parameter("successUri", "mock:" + name + "-success")
                .parameter("failureUri", "mock:" + name + "-failure")
                .parameter("deadLetterUri", "mock:" + name + "-dead");
        if (component != null) {
            b.parameter("component", component);
        }
        b.add();
    }

    @Test
    void eachTemplateInstanceSignsWithItsOwnAppsKeyAndHearsItsOwnAnswersConcurrently() throws Exception {
        MockEndpoint a = camel.getEndpoint("mock:a-success", MockEndpoint.class);
        MockEndpoint b = camel.getEndpoint("mock:b-success", MockEndpoint.class);
        a.expectedMessageCount(PER_APP);
        b.expectedMessageCount(PER_APP);
        for (String other : List.of("mock:a-failure", "mock:a-dead", "mock:b-failure", "mock:b-dead")) {
            camel.getEndpoint(other, MockEndpoint.class).expectedMessageCount(0);
        }

        Set<String> sentToA = sendConcurrently();

        MockEndpoint.assertIsSatisfied(camel);
        Set<String> answeredOnA = a.getExchanges().stream()
                .map(e -> e.getMessage().getHeader(AlipayPassConstants.KEY, String.class)).collect(Collectors.toSet());
        assertEquals(sentToA, answeredOnA, "each answer came back to the route of its own app");
        apps.assertEachRequestSignedByItsOwnApp(sentToA, 2 * PER_APP);
    }

    @Test
    void aSecondAlipassRoutesUnderATakenComponentNameFailsInsteadOfReplacingTheFirstApp() {
        AlipassRoutes again = new AlipassRoutes(app(TwoSandboxApps.APP_B, TwoSandboxApps.text(apps.keysB)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> camel.addRoutes(again));
        assertTrue(e.getMessage().contains("'alipay-pass'") && e.getMessage().contains("componentName"), e.getMessage());
        assertTrue(camel.hasComponent("alipay-pass") != again.component(), "the first app's component stays");
    }

    private Set<String> sendConcurrently() throws Exception {
        return apps.sendConcurrently(camel, "direct:a", "direct:b", PER_APP);
    }
}
