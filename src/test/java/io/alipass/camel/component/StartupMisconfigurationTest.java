package io.alipass.camel.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A misconfigured endpoint stops its route from starting, with a message that names the option and
 * never quotes a secret, instead of dead-lettering every message once running.
 */
class StartupMisconfigurationTest {
    private static TwoSandboxApps apps;

    @BeforeAll
    static void start() throws Exception {
        apps = new TwoSandboxApps();
    }

    @AfterAll
    static void stop() {
        apps.close();
    }

    /** Starts a context whose one route sends to the URI, and returns why it could not start. */
    private static AlipayPassConfigurationException startFailure(String uri, java.util.function.Consumer<AlipayPassConfiguration> config) {
        DefaultCamelContext camel = new DefaultCamelContext();
        AlipayPassComponent component = new AlipayPassComponent();
        component.getConfiguration().setGatewayUrl(apps.sandbox.url());
        component.getConfiguration().setAppId(TwoSandboxApps.APP_A);
        component.getConfiguration().setPrivateKey(TwoSandboxApps.text(apps.keysA));
        component.getConfiguration().setAlipayPublicKey(apps.sandbox.alipayPublicKeyBase64());
        config.accept(component.getConfiguration());
        camel.addComponent("alipay-pass", component);
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to(uri);
                }
            });
            // Camel wraps what the endpoint threw on start; the cause chain holds the component's own exception.
            RuntimeCamelException e = assertThrows(RuntimeCamelException.class, camel::start, "the route must not start");
            AlipayPassConfigurationException cause = causeOf(e);
            assertNotNull(cause, "the cause names the option: " + e);
            return cause;
        } catch (Exception e) {
            throw new AssertionError("the route could not even be added", e);
        } finally {
            camel.stop();
        }
    }

    private static AlipayPassConfigurationException causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AlipayPassConfigurationException c) {
                return c;
            }
        }
        return null;
    }

    @Test
    void aMissingPrivateKeyIsNamedAtStart() {
        AlipayPassConfigurationException e = startFailure("alipay-pass:instance-update", c -> c.setPrivateKey(null));
        assertEquals("privateKey", e.option());
        assertTrue(e.getMessage().contains("privateKey is required"), e.getMessage());
    }

    @Test
    void theAppsOwnPublicKeyGivenAsTheAlipayPublicKeyIsRefusedAtStartWithoutQuotingIt() {
        String appPublic = Base64.getEncoder().encodeToString(apps.keysA.getPublic().getEncoded());
        AlipayPassConfigurationException e = startFailure("alipay-pass:instance-update", c -> c.setAlipayPublicKey(appPublic));
        assertEquals("alipayPublicKey", e.option());
        assertTrue(e.getMessage().contains("app's own public key"), e.getMessage());
        assertFalse(e.getMessage().contains(appPublic.substring(40, 80)), "no key material in the message");
        assertFalse(e.getMessage().contains(TwoSandboxApps.text(apps.keysA).substring(40, 80)), "no private key in the message");
    }

    @Test
    void anUnknownApiIsNamedAtStart() {
        AlipayPassConfigurationException e = startFailure("alipay-pass:instance-updat", c -> { });
        assertEquals("api", e.option());
        assertTrue(e.getMessage().contains("instance-updat"), e.getMessage());
    }

    @Test
    void anUnknownDefaultApiIsNamedAtStart() {
        AlipayPassConfigurationException e = startFailure("alipay-pass:update?defaultApi=pass.update", c -> { });
        assertEquals("defaultApi", e.option());
    }

    @Test
    void anUnreadablePrivateKeyIsNamedWithoutQuotingIt() {
        AlipayPassConfigurationException e = startFailure("alipay-pass:instance-update", c -> c.setPrivateKey("MIIEnot-a-key-secret-part"));
        assertEquals("privateKey", e.option());
        assertFalse(e.getMessage().contains("secret-part"), e.getMessage());
    }

    @Test
    void aGatewayUrlWithoutHttpsIsNamedAtStart() {
        AlipayPassConfigurationException e = startFailure("alipay-pass:instance-update", c -> c.setGatewayUrl("openapi.alipay.com/gateway.do"));
        assertEquals("gatewayUrl", e.option());
    }

    @Test
    void aGatewayUrlThatIsNoUrlIsNamedAtStartInsteadOfDeadLetteringEveryUpdate() {
        AlipayPassConfigurationException e = startFailure("alipay-pass:instance-update", c -> c.setGatewayUrl("https://openapi alipay.com/gateway.do"));
        assertEquals("gatewayUrl", e.option());
        assertTrue(e.getMessage().contains("host name"), e.getMessage());
    }

    @Test
    void certificateModeWithoutTheRootCertificateIsNamedAtStart() {
        AlipayPassConfigurationException e = startFailure("alipay-pass:instance-update", c -> {
            c.setAlipayPublicKey(null);
            c.setAppCert(apps.sandbox.alipayCertificatePem());
            c.setAlipayCert(apps.sandbox.alipayCertificatePem());
        });
        assertEquals("alipayRootCert", e.option());
    }
}
