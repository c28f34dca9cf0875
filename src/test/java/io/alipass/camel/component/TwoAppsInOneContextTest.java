package io.alipass.camel.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Alipay apps in one CamelContext against one sandbox that knows both: a second component
 * instance under another name, and an endpoint that overrides the app on the URI. Every request
 * must be signed with its own app's key (the sandbox checks each app's signature and would answer
 * {@code 40002 isv.invalid-signature} otherwise) and every answer must come back to its own route.
 */
class TwoAppsInOneContextTest {
    private static final int PER_APP = 20;

    private TwoSandboxApps apps;
    private DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        apps = new TwoSandboxApps();
        camel = new DefaultCamelContext();
        camel.addComponent("alipay-pass", component(TwoSandboxApps.APP_A, TwoSandboxApps.text(apps.keysA)));
        camel.addComponent("alipay-pass-b", component(TwoSandboxApps.APP_B, TwoSandboxApps.text(apps.keysB)));
        camel.getRegistry().bind("appBKey", apps.keysB.getPrivate());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to("alipay-pass:instance-update").to("mock:a");
                from("direct:b").to("alipay-pass-b:instance-update").to("mock:b");
                // The same second app, reached through the first component with endpoint-level options.
                from("direct:b-override")
                        .to("alipay-pass:instance-update?appId=" + TwoSandboxApps.APP_B + "&privateKey=#appBKey")
                        .to("mock:b-override");
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        apps.close();
    }

    private AlipayPassComponent component(String appId, String privateKey) {
        AlipayPassComponent component = new AlipayPassComponent();
        component.getConfiguration().setGatewayUrl(apps.sandbox.url());
        component.getConfiguration().setAppId(appId);
        component.getConfiguration().setPrivateKey(privateKey);
        component.getConfiguration().setAlipayPublicKey(apps.sandbox.alipayPublicKeyBase64());
        return component;
    }

    @Test
    void twoComponentInstancesSignEachRequestWithTheirOwnAppsKeyConcurrently() throws Exception {
        MockEndpoint a = camel.getEndpoint("mock:a", MockEndpoint.class);
        MockEndpoint b = camel.getEndpoint("mock:b", MockEndpoint.class);
        a.expectedMessageCount(PER_APP);
        b.expectedMessageCount(PER_APP);
        a.expectedHeaderValuesReceivedInAnyOrder(AlipayPassConstants.OUTCOME, repeat("success"));
        b.expectedHeaderValuesReceivedInAnyOrder(AlipayPassConstants.OUTCOME, repeat("success"));

        Set<String> sentToA = sendConcurrently("direct:a", "direct:b");

        MockEndpoint.assertIsSatisfied(camel);
        Set<String> answeredOnA = a.getExchanges().stream()
                .map(e -> e.getMessage().getHeader(AlipayPassConstants.KEY, String.class)).collect(Collectors.toSet());
        assertEquals(sentToA, answeredOnA, "each answer came back to the route of its own app");
        apps.assertEachRequestSignedByItsOwnApp(sentToA, 2 * PER_APP);
    }

    @Test
    void anEndpointMayOverrideTheAppOfItsComponent() throws Exception {
        MockEndpoint a = camel.getEndpoint("mock:a", MockEndpoint.class);
        MockEndpoint b = camel.getEndpoint("mock:b-override", MockEndpoint.class);
        a.expectedMessageCount(PER_APP);
        b.expectedMessageCount(PER_APP);
        b.expectedHeaderValuesReceivedInAnyOrder(AlipayPassConstants.OUTCOME, repeat("success"));

        sendConcurrently("direct:a", "direct:b-override");

        MockEndpoint.assertIsSatisfied(camel);
        long byB = apps.sandbox.received().all().stream()
                .filter(r -> r.appId().equals(TwoSandboxApps.APP_B) && "10000".equals(r.code())).count();
        assertEquals(PER_APP, byB);
    }

    private Set<String> sendConcurrently(String first, String second) throws Exception {
        return apps.sendConcurrently(camel, first, second, PER_APP);
    }

    private static Object[] repeat(String value) {
        Object[] values = new Object[PER_APP];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
