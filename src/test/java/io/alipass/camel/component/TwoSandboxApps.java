package io.alipass.camel.component;

import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** One sandbox gateway on a free loopback port with two registered apps, each with its own key pair. */
public final class TwoSandboxApps implements AutoCloseable {
    public static final String APP_A = "2021000000000001";
    public static final String APP_B = "2021000000000002";
    public static final String CHANNEL = "2088000000000001";
    private static final AtomicInteger SERIALS = new AtomicInteger();

    public final KeyPair keysA = generate();
    public final KeyPair keysB = generate();
    public final SandboxGateway sandbox;

    public TwoSandboxApps() throws Exception {
        sandbox = SandboxGateway.start(SandboxSettings.builder().port(0).keysDir(Files.createTempDirectory("sandbox-keys")).build());
        sandbox.registerApp(APP_A, keysA.getPublic());
        sandbox.registerApp(APP_B, keysB.getPublic());
        sandbox.state().addTemplate("tpl-1", "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
    }

    /** The private key as bare Base64 text, the way an operator pastes it into a property. */
    public static String text(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
    }

    /** A pass that exists in the sandbox, fresh for each call. */
    public String issuedPass() {
        String serial = "sn-" + SERIALS.incrementAndGet() + "-" + System.nanoTime();
        sandbox.state().addPass("tpl-1", serial, CHANNEL, Map.of("title", "券标题"));
        return serial;
    }

    public static String used(String serial) {
        return "{\"api\":\"instance.update\",\"serial_number\":\"" + serial + "\",\"channel_id\":\"" + CHANNEL
                + "\",\"status\":\"USED\",\"verify_code\":\"8612231273\",\"verify_type\":\"wave\"}";
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
