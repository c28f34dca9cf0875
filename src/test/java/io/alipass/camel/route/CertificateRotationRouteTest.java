package io.alipass.camel.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.SignType;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;

import io.alipass.camel.component.PooledGatewayTransport;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The route in certificate mode across a rotation of Alipay's certificate: the sandbox switches to a
 * new certificate (same root) after the 50th of 200 updates, and the route downloads it once, so
 * that every update succeeds and none is retried into the dead letter.
 */
class CertificateRotationRouteTest extends CamelTestSupport {
    static final String APP_ID = "2021000000000114";
    static final String CHANNEL = "2088000000000114";
    static SandboxGateway sandbox;
    static X509Certificate appCertificate;
    static PooledGatewayTransport downloads;

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = SandboxGateway.start(SandboxSettings.builder().port(0).keysDir(Files.createTempDirectory("sandbox-keys")).build());
        appCertificate = sandbox.issueAppCertificate(APP_ID, TestKeys.APP.getPublic());
        sandbox.state().addTemplate("tpl-1", "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
        downloads = PooledGatewayTransport.to(sandbox.url());
    }

    @AfterAll
    static void stopSandbox() throws Exception {
        downloads.close();
        sandbox.close();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        GatewayProtocol protocol = GatewayProtocol.builder()
                .appId(APP_ID)
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .certificates(appCertificate, sandbox.alipayRootCertificates())
                .alipayCertificates(List.of(sandbox.alipayCertificate()))
                .certificateDownloads(downloads)
                .build();
        return new AlipassRoutes(protocol, sandbox.url(), CHANNEL);
    }

    @Override
    protected void doPostSetup() throws Exception {
        TemplatedRouteBuilder.builder(context, AlipassRoutes.TEMPLATE)
                .routeId("updates")
                .parameter("sourceUri", "direct:updates")
                .parameter("successUri", "mock:success")
                .parameter("failureUri", "mock:failure")
                .parameter("deadLetterUri", "mock:dead")
                .parameter("maximumRedeliveries", "3")
                .parameter("redeliveryDelay", "5")
                .add();
    }

    static String used(String serial) {
        return "{\"api\":\"instance.update\",\"serial_number\":\"" + serial + "\",\"channel_id\":\"" + CHANNEL
                + "\",\"status\":\"USED\",\"verify_code\":\"8612231273\",\"verify_type\":\"wave\"}";
    }

    @Test
    void twoHundredUpdatesAcrossARotationAllSucceedWithOneDownload() throws Exception {
        for (int i = 0; i < 200; i++) {
            sandbox.state().addPass("tpl-1", "rot-" + i, CHANNEL, Map.of("title", "券标题"));
        }
        getMockEndpoint("mock:success").expectedMessageCount(200);
        getMockEndpoint("mock:failure").expectedMessageCount(0);
        getMockEndpoint("mock:dead").expectedMessageCount(0);

        for (int i = 0; i < 200; i++) {
            if (i == 50) {
                sandbox.rotateAlipayCertificate();
            }
            template.sendBody("direct:updates", used("rot-" + i));
        }

        MockEndpoint.assertIsSatisfied(context);
        assertEquals(1, sandbox.received().forMethod(GatewayMethod.ALIPAYCERT_DOWNLOAD.name()).size());
        assertEquals(200, sandbox.received().forMethod(GatewayMethod.PASS_INSTANCE_UPDATE.name()).size(),
                "no update was sent twice: the rotation caused no retry");
    }
}
