package io.alipass.camel.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The design's "sign with a custom processor": the enrich, sign and verify processors in a route a
 * user builds by hand around their own camel-http endpoint (source, enrich, sign, http, verify,
 * choice), with no alipay-pass endpoint at all, against the sandbox over real HTTP.
 */
class HandBuiltRouteTest {
    private TwoSandboxApps apps;
    private DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        apps = new TwoSandboxApps();
        GatewayProtocol protocol = GatewayProtocol.builder()
                .appId(TwoSandboxApps.APP_A)
                .signer(new RequestSigner(apps.keysA.getPrivate(), SignType.RSA2))
                .verifier(new ResponseVerifier(apps.sandbox.alipayPublicKey()))
                .build();
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:hand-built")
                        .process(new EnrichProcessor(TwoSandboxApps.CHANNEL, null))
                        .process(new SigningProcessor(protocol))
                        .to(apps.sandbox.url() + "?throwExceptionOnFailure=false")
                        .process(new GatewayResponseProcessor(protocol))
                        .choice()
                            .when(header(AlipayPassConstants.OUTCOME).isEqualTo("success")).to("mock:success")
                            .otherwise().to("mock:failure")
                        .end();
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        apps.close();
    }

    @Test
    void aHandBuiltRouteWithTheProcessorsUpdatesAPass() throws Exception {
        MockEndpoint success = camel.getEndpoint("mock:success", MockEndpoint.class);
        success.expectedMessageCount(1);
        success.expectedHeaderReceived(AlipayPassConstants.CODE, "10000");
        String serial = apps.issuedPass();
        camel.createProducerTemplate().sendBody("direct:hand-built", TwoSandboxApps.used(serial));
        success.assertIsSatisfied();
        assertEquals("10000", apps.sandbox.received().all().get(0).code());
        assertEquals(serial, success.getExchanges().get(0).getMessage().getHeader(AlipayPassConstants.KEY));
    }

    @Test
    void aHandBuiltRouteRoutesABusinessFailureOnTheOutcomeHeader() throws Exception {
        MockEndpoint failure = camel.getEndpoint("mock:failure", MockEndpoint.class);
        failure.expectedMessageCount(1);
        failure.expectedHeaderReceived(AlipayPassConstants.OUTCOME, "business-failure");
        camel.createProducerTemplate().sendBody("direct:hand-built", TwoSandboxApps.used("no-such-pass"));
        failure.assertIsSatisfied();
    }
}
