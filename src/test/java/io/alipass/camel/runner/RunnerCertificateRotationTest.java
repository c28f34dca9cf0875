package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner in certificate mode against a gateway that has rotated its Alipay certificate since
 * the runner's files were written: it downloads the new certificate once, keeps it in
 * {@code alipass.certificate-cache-dir}, and every update succeeds; a second run reads the folder
 * instead of downloading again.
 */
class RunnerCertificateRotationTest {
    static final String APP_ID = "2021000000000143";
    static final String CHANNEL = "2088000000000143";

    @Test
    void aRunnerConfiguredWithTheOldAlipayCertificateDownloadsTheNewOneOnceAndSucceeds(@TempDir Path dir) throws Exception {
        try (SandboxGateway sandbox = SandboxGateway.start(SandboxSettings.builder().keysDir(dir.resolve("sandbox-keys")).build())) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair app = g.generateKeyPair();
            X509Certificate appCert = sandbox.issueAppCertificate(APP_ID, app.getPublic());
            Path keys = Files.createDirectories(dir.resolve("keys"));
            Files.writeString(keys.resolve("app_private_key.pem"), pem("PRIVATE KEY", app.getPrivate().getEncoded()));
            Files.writeString(keys.resolve("appCertPublicKey.crt"), pem("CERTIFICATE", appCert.getEncoded()));
            Files.writeString(keys.resolve("alipayCertPublicKey_RSA2.crt"), sandbox.alipayCertificatePem());
            Files.writeString(keys.resolve("alipayRootCert.crt"), sandbox.alipayRootCertificatesPem());
            sandbox.state().addTemplate("tpl-runner", "{\"logo\":\"\",\"content\":{}}");
            StringBuilder records = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                sandbox.state().addPass("tpl-runner", "RUN-" + i, CHANNEL, Map.of());
                records.append("{\"api\":\"instance.update\",\"serial_number\":\"RUN-").append(i).append("\",\"channel_id\":\"")
                        .append(CHANNEL).append("\",\"status\":\"USED\",\"verify_code\":\"8612231273\",\"verify_type\":\"wave\"}\n");
            }
            sandbox.rotateAlipayCertificate();

            Path data = dir.resolve("data");
            String[] args = {"--once", "--alipass.data-dir=" + data, "--alipass.gateway-url=" + sandbox.url(),
                    "--alipass.app-id=" + APP_ID, "--alipass.private-key=" + keys.resolve("app_private_key.pem"),
                    "--alipass.app-cert=" + keys.resolve("appCertPublicKey.crt"),
                    "--alipass.alipay-cert=" + keys.resolve("alipayCertPublicKey_RSA2.crt"),
                    "--alipass.alipay-root-cert=" + keys.resolve("alipayRootCert.crt"),
                    "--alipass.certificate-cache-dir=" + dir.resolve("certificates"),
                    "--alipass.retry.redelivery-delay=10"};

            Files.createDirectories(data.resolve("inbox"));
            Files.writeString(data.resolve("inbox/first.jsonl"), records, StandardCharsets.UTF_8);
            AlipassRunner first = new AlipassRunner(args);
            assertEquals(0, first.run());
            assertEquals(6, first.tally().done());
            assertEquals(1, sandbox.received().forMethod(GatewayMethod.ALIPAYCERT_DOWNLOAD.name()).size());
            try (var cached = Files.list(dir.resolve("certificates"))) {
                assertEquals(1, cached.count());
            }

            Files.writeString(data.resolve("inbox/second.jsonl"), records, StandardCharsets.UTF_8);
            AlipassRunner second = new AlipassRunner(args);
            assertEquals(0, second.run());
            assertEquals(6, second.tally().done());
            assertEquals(1, sandbox.received().forMethod(GatewayMethod.ALIPAYCERT_DOWNLOAD.name()).size(),
                    "the restarted runner read the certificate folder");
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
