package io.alipass.camel.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.alipass.camel.component.AlipayPassComponent;
import io.alipass.camel.component.AlipayPassConstants;
import io.alipass.camel.component.TwoSandboxApps;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the app's component is already there (Spring Boot's auto-configuration, camel-main's
 * {@code camel.component.alipay-pass.*}, or added by hand), {@code AlipassRoutes.onComponent} adds only
 * the template and its error route configuration, on that component.
 */
class TemplateOnAnExistingComponentTest {
    private TwoSandboxApps apps;
    private DefaultCamelContext camel;
    private AlipayPassComponent registered;

    @BeforeEach
    void start() throws Exception {
        apps = new TwoSandboxApps();
        camel = new DefaultCamelContext();
        registered = new AlipayPassComponent();
        registered.getConfiguration().setGatewayUrl(apps.sandbox.url());
        registered.getConfiguration().setAppId(TwoSandboxApps.APP_A);
        registered.getConfiguration().setPrivateKey(TwoSandboxApps.text(apps.keysA));
        registered.getConfiguration().setAlipayPublicKey(apps.sandbox.alipayPublicKeyBase64());
        camel.addComponent("alipay-pass", registered);
        camel.addRoutes(AlipassRoutes.onComponent("alipay-pass"));
        camel.start();
        TemplatedRouteBuilder.builder(camel, AlipassRoutes.TEMPLATE).routeId("updates")
                .parameter("sourceUri", "direct:updates")
                .parameter("successUri", "mock:success")
                .parameter("failureUri", "mock:failure")
                .parameter("deadLetterUri", "mock:dead")
                .add();
    }

    @AfterEach
    void stop() {
        camel.stop();
        apps.close();
    }

    @Test
    void anUpdateThroughTheTemplateIsSignedByTheRegisteredComponentsApp() throws Exception {
        MockEndpoint success = camel.getEndpoint("mock:success", MockEndpoint.class);
        success.expectedMessageCount(1);
        success.expectedHeaderReceived(AlipayPassConstants.OUTCOME, "success");

        camel.createProducerTemplate().sendBody("direct:updates", TwoSandboxApps.used(apps.issuedPass()));

        success.assertIsSatisfied();
        assertSame(registered, camel.getComponent("alipay-pass"), "the registered component is left in place");
        var received = apps.sandbox.received().all();
        assertEquals(1, received.size());
        assertEquals(TwoSandboxApps.APP_A, received.get(0).appId());
        assertEquals("10000", received.get(0).code());
    }

    @Test
    void invalidInputTakesTheTemplatesErrorHandlingToTheFailureEndpoint() throws Exception {
        MockEndpoint failure = camel.getEndpoint("mock:failure", MockEndpoint.class);
        failure.expectedMessageCount(1);
        failure.expectedHeaderReceived(AlipayPassConstants.OUTCOME, "invalid-input");

        camel.createProducerTemplate().sendBody("direct:updates", "{\"api\":\"instance.update\",\"status\":\"USED\"}");

        failure.assertIsSatisfied();
        assertEquals(0, apps.sandbox.received().all().size(), "nothing was sent");
    }

    @Test
    void theTemplateOnlyRoutesHaveNoComponentOfTheirOwnToHandOut() {
        AlipassRoutes routes = AlipassRoutes.onComponent("alipay-pass");
        assertThrows(IllegalStateException.class, routes::component);
        assertThrows(IllegalStateException.class, routes::callRate);
    }
}
