package io.alipass.camel.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.alipass.camel.gateway.GatewayProtocol;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A protocol resolved once on the component (as the runner does, to watch certificate expiry) is
 * shared by the endpoints of that app, while an endpoint whose URI names another app still signs with
 * its own key instead of silently taking the component's.
 */
class ResolvedProtocolTest {
    private TwoSandboxApps apps;
    private DefaultCamelContext camel;
    private GatewayProtocol resolved;

    @BeforeEach
    void start() throws Exception {
        apps = new TwoSandboxApps();
        camel = new DefaultCamelContext();
        AlipayPassComponent component = new AlipayPassComponent();
        component.getConfiguration().setGatewayUrl(apps.sandbox.url());
        component.getConfiguration().setAppId(TwoSandboxApps.APP_A);
        component.getConfiguration().setPrivateKey(TwoSandboxApps.text(apps.keysA));
        component.getConfiguration().setAlipayPublicKey(apps.sandbox.alipayPublicKeyBase64());
        camel.addComponent("alipay-pass", component);
        camel.getRegistry().bind("appBKey", apps.keysB.getPrivate());
        resolved = component.resolveProtocol();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to("alipay-pass:instance-update");
                from("direct:b").to("alipay-pass:instance-update?appId=" + TwoSandboxApps.APP_B + "&privateKey=#appBKey");
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        apps.close();
    }

    private AlipayPassEndpoint endpoint(String uri) {
        return camel.getEndpoint(uri, AlipayPassEndpoint.class);
    }

    @Test
    void theComponentsOwnEndpointsShareTheResolvedProtocol() {
        assertSame(resolved, endpoint("alipay-pass:instance-update").app().protocol());
        var reply = camel.createProducerTemplate().request("direct:a", e -> e.getMessage().setBody(TwoSandboxApps.used(apps.issuedPass())));
        assertEquals("success", reply.getMessage().getHeader(AlipayPassConstants.OUTCOME));
        assertEquals(TwoSandboxApps.APP_A, apps.sandbox.received().all().get(0).appId());
    }

    @Test
    void anEndpointNamingAnotherAppBuildsItsOwnAndSignsWithItsOwnKey() {
        AlipayPassEndpoint b = endpoint("alipay-pass:instance-update?appId=" + TwoSandboxApps.APP_B + "&privateKey=#appBKey");
        assertNotSame(resolved, b.app().protocol());
        assertEquals(TwoSandboxApps.APP_B, b.app().protocol().appId());
        var reply = camel.createProducerTemplate().request("direct:b", e -> e.getMessage().setBody(TwoSandboxApps.used(apps.issuedPass())));
        assertEquals("success", reply.getMessage().getHeader(AlipayPassConstants.OUTCOME));
        assertEquals(TwoSandboxApps.APP_B, apps.sandbox.received().all().get(0).appId());
        assertEquals("10000", apps.sandbox.received().all().get(0).code());
    }
}
