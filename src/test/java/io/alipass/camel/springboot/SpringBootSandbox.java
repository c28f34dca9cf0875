package io.alipass.camel.springboot;

import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The built-in sandbox gateway with the test application's two apps registered, each with a key pair
 * of its own, written where {@code springboot/application.properties} expects the {@code sandbox.*}
 * properties to point.
 */
final class SpringBootSandbox implements AutoCloseable {
    static final String APP_A = "2021000000001601";
    static final String APP_B = "2021000000001602";
    static final String CHANNEL = "2088000000000001";
    static final String TEMPLATE = "tpl-spring-boot";
    /** App A's app_auth_token in springboot/application.properties, looked for where it must never appear. */
    static final String APP_AUTH_TOKEN = "202611BBd2c9e5a1e0f44b6a8c8c1f0e7X16";

    /**
     * Keeps Spring Boot from reconfiguring Log4j2 in this test JVM: other tests run here after these and
     * rely on log4j2-test.xml (which, for one, pins HttpClient's wire loggers that would print sign).
     */
    static void leaveLoggingAlone() {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    }

    final SandboxGateway gateway;
    final Path dir;
    final Path appAKey;
    final Path appBKey;

    SpringBootSandbox() {
        try {
            dir = Files.createTempDirectory("alipass-spring-boot");
            gateway = SandboxGateway.start(SandboxSettings.builder().keysDir(dir.resolve("sandbox-keys")).build());
            KeyPair a = rsa();
            KeyPair b = rsa();
            gateway.registerApp(APP_A, a.getPublic());
            gateway.registerApp(APP_B, b.getPublic());
            gateway.state().addTemplate(TEMPLATE, "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
            appAKey = pem(dir.resolve("app-a-private-key.pem"), a);
            appBKey = pem(dir.resolve("app-b-private-key.pem"), b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(DynamicPropertyRegistry registry) {
        registry.add("sandbox.url", gateway::url);
        registry.add("sandbox.alipay-public-key", () -> gateway.alipayPublicKeyPath().toString());
        registry.add("sandbox.app-a-private-key", appAKey::toString);
        registry.add("sandbox.app-b-private-key", appBKey::toString);
    }

    /** Issues a pass with a serial number no other test uses. */
    String issuedPass(String prefix) {
        String serial = prefix + "-" + System.nanoTime();
        gateway.state().addPass(TEMPLATE, serial, CHANNEL, Map.of("title", "券标题"));
        return serial;
    }

    static String used(String serial) {
        return "{\"serial_number\":\"" + serial + "\",\"channel_id\":\"" + CHANNEL
                + "\",\"status\":\"USED\",\"verify_code\":\"8612231273\",\"verify_type\":\"wave\"}";
    }

    @Override
    public void close() {
        gateway.close();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path pem(Path file, KeyPair pair) throws IOException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded());
        return Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
    }
}
