package io.alipass.camel.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.component.AlipayPassConfiguration;
import io.alipass.camel.component.AlipayPassConstants;
import io.alipass.camel.component.TwoSandboxApps;
import io.alipass.camel.sandbox.ReceivedRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        List<ReceivedRequest> received = apps.sandbox.received().all();
        assertEquals(2 * PER_APP, received.size());
        for (ReceivedRequest r : received) {
            assertEquals("10000", r.code(), "accepted, so signed with the key registered for " + r.appId());
            String serial = r.bizContent().replaceAll(".*\"serial_number\":\"([^\"]+)\".*", "$1");
            assertEquals(sentToA.contains(serial) ? TwoSandboxApps.APP_A : TwoSandboxApps.APP_B, r.appId(), serial);
        }
    }

    @Test
    void aSecondAlipassRoutesUnderATakenComponentNameFailsInsteadOfReplacingTheFirstApp() {
        AlipassRoutes again = new AlipassRoutes(app(TwoSandboxApps.APP_B, TwoSandboxApps.text(apps.keysB)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> camel.addRoutes(again));
        assertTrue(e.getMessage().contains("'alipay-pass'") && e.getMessage().contains("componentName"), e.getMessage());
        assertTrue(camel.hasComponent("alipay-pass") != again.component(), "the first app's component stays");
    }

    private Set<String> sendConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var template = camel.createProducerTemplate();
            List<Future<?>> sent = new ArrayList<>();
            Set<String> toA = new HashSet<>();
            for (int i = 0; i < PER_APP; i++) {
                String sa = apps.issuedPass();
                String sb = apps.issuedPass();
                toA.add(sa);
                sent.add(pool.submit(() -> template.sendBody("direct:a", TwoSandboxApps.used(sa))));
                sent.add(pool.submit(() -> template.sendBody("direct:b", TwoSandboxApps.used(sb))));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            return toA;
        } finally {
            pool.shutdownNow();
        }
    }
}
