package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Unlike the official SDK, the protocol core changes no JVM-wide state: Bouncy Castle is passed to
 * each JCA call, never registered, and no security property is touched. This class runs in the
 * surefire fork where the SDK is never loaded (the SDK's tests are {@code *SdkOracleTest}, in a
 * fork of their own), so the JVM's state can be compared with the JDK's own configuration.
 */
class JvmSecurityStateTest {
    private static final String DISABLED_ALGORITHMS = "jdk.certpath.disabledAlgorithms";

    @Test
    void ourCodeLeavesSecurityProvidersAndPropertiesUnchanged() throws Exception {
        List<String> providersBefore = providerNames();
        String disabledBefore = Security.getProperty(DISABLED_ALGORITHMS);

        exerciseEveryCryptographicPath();

        assertEquals(providersBefore, providerNames());
        assertNull(Security.getProvider("BC"), "Bouncy Castle must not be registered JVM-wide");
        assertEquals(disabledBefore, Security.getProperty(DISABLED_ALGORITHMS));
        // Earlier tests in this fork ran our code too: compare with the JDK's own configuration as well.
        Properties jdk = jdkSecurityProperties();
        assertEquals(jdk.getProperty(DISABLED_ALGORITHMS).trim(), Security.getProperty(DISABLED_ALGORITHMS).trim());
        assertEquals(jdkProviderNames(jdk), providerNames());
    }

    /** Key reading (PEM, encrypted PEM, PKCS#12), signing, verifying, certificates, AES: everything that touches JCA. */
    private static void exerciseEveryCryptographicPath() {
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(TestKeys.APP.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        KeyReader.privateKey(pkcs8.getBytes(StandardCharsets.US_ASCII), null, "test");
        KeyReader.publicKey(TestKeys.pem(TestKeys.ALIPAY_CERT).getBytes(StandardCharsets.US_ASCII), "test");
        List<java.security.cert.X509Certificate> chain = CertificateReader.certificates(
                TestKeys.pem(TestKeys.ROOT, TestKeys.EC_ROOT, TestKeys.ROOT_SHA1).getBytes(StandardCharsets.US_ASCII), "test");
        BizContentCipher cipher = new BizContentCipher(Base64.getEncoder().encodeToString(new byte[16]));
        for (SignType type : SignType.values()) {
            GatewayProtocol protocol = GatewayProtocol.builder()
                    .appId("2021000000000001")
                    .signer(new RequestSigner(TestKeys.APP.getPrivate(), type))
                    .verifier(ResponseVerifier.forCertificate(TestKeys.ALIPAY_CERT))
                    .certificates(TestKeys.APP_CERT, chain)
                    .cipher(cipher)
                    .build();
            protocol.prepare(GatewayMethod.PASS_INSTANCE_UPDATE, "{\"serial_number\":\"1\",\"channel_id\":\"2\"}");
            String node = "\"" + cipher.encrypt("{\"code\":\"10000\",\"msg\":\"Success\"}", RequestCharset.UTF_8) + "\"";
            String body = new GatewaySide(TestKeys.ALIPAY.getPrivate()).signedBody(GatewayMethod.PASS_INSTANCE_UPDATE.responseNode(),
                    node, type, StandardCharsets.UTF_8, CertificateSn.of(TestKeys.ALIPAY_CERT));
            assertInstanceOf(PassUpdateOutcome.Success.class, protocol.interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body));
        }
    }

    private static List<String> providerNames() {
        return Arrays.stream(Security.getProviders()).map(Provider::getName).toList();
    }

    private static Properties jdkSecurityProperties() throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "conf", "security", "java.security"))) {
            p.load(in);
        }
        return p;
    }

    /** The names of {@code security.provider.N}, in order; each entry is a name or class name, maybe with an argument. */
    private static List<String> jdkProviderNames(Properties jdk) {
        List<String> names = new ArrayList<>();
        for (int i = 1; jdk.getProperty("security.provider." + i) != null; i++) {
            String entry = jdk.getProperty("security.provider." + i).trim().split("\\s+")[0];
            names.add(entry.contains(".") ? Security.getProviders()[i - 1].getName() : entry);
        }
        return names;
    }
}
