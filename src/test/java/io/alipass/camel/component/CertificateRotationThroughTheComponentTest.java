package io.alipass.camel.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.PassUpdateOutcome;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.nio.file.Files;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * An endpoint configured for certificate mode by its options alone downloads Alipay's new certificate
 * after a rotation through its own connection pool, and every update still succeeds.
 */
class CertificateRotationThroughTheComponentTest {
    static final String APP_ID = "2021000000000115";
    static final String CHANNEL = "2088000000000115";

    @Test
    void anEndpointInCertificateModeFollowsARotationWithOneDownload() throws Exception {
        try (SandboxGateway sandbox = SandboxGateway.start(SandboxSettings.builder().port(0)
                .keysDir(Files.createTempDirectory("sandbox-keys")).build());
             DefaultCamelContext camel = new DefaultCamelContext()) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair app = generator.generateKeyPair();
            var appCertificate = sandbox.issueAppCertificate(APP_ID, app.getPublic());
            sandbox.state().addTemplate("tpl-1", "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
            camel.getRegistry().bind("appKey", app.getPrivate());
            camel.getRegistry().bind("appCert", appCertificate);
            camel.getRegistry().bind("alipayCert", sandbox.alipayCertificate());
            camel.getRegistry().bind("rootCert", sandbox.alipayRootCertificates());
            camel.start();
            ProducerTemplate producer = camel.createProducerTemplate();
            String uri = "alipay-pass:instance-update?gatewayUrl=" + sandbox.url() + "&appId=" + APP_ID
                    + "&privateKey=#appKey&appCert=#appCert&alipayCert=#alipayCert&alipayRootCert=#rootCert&channelId=" + CHANNEL;

            for (int i = 0; i < 10; i++) {
                if (i == 3) {
                    sandbox.rotateAlipayCertificate();
                }
                sandbox.state().addPass("tpl-1", "cmp-rot-" + i, CHANNEL, Map.of("title", "t"));
                String record = "{\"serial_number\":\"cmp-rot-" + i + "\",\"status\":\"USED\"}";
                Exchange done = producer.request(uri, e -> e.getMessage().setBody(record));
                assertNull(done.getException(), "update " + i);
                assertInstanceOf(PassUpdateOutcome.Success.class, done.getMessage().getBody(), "update " + i);
            }
            assertEquals(1, sandbox.received().forMethod(GatewayMethod.ALIPAYCERT_DOWNLOAD.name()).size());
            assertEquals(10, sandbox.received().forMethod(GatewayMethod.PASS_INSTANCE_UPDATE.name()).size());
        }
    }
}
