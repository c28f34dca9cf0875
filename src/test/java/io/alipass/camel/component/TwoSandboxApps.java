package io.alipass.camel.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import io.alipass.camel.sandbox.ReceivedRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
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

    /**
     * Sends {@code perApp} updates of freshly issued passes to each of two endpoints, interleaved, from
     * eight threads at once; returns the serial numbers sent to the first.
     */
    public Set<String> sendConcurrently(CamelContext camel, String first, String second, int perApp) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var template = camel.createProducerTemplate();
            List<Future<?>> sent = new ArrayList<>();
            Set<String> toFirst = new HashSet<>();
            for (int i = 0; i < perApp; i++) {
                String sa = issuedPass();
                String sb = issuedPass();
                toFirst.add(sa);
                sent.add(pool.submit(() -> template.sendBody(first, used(sa))));
                sent.add(pool.submit(() -> template.sendBody(second, used(sb))));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            return toFirst;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Every request the sandbox received was accepted ({@code 10000}: its signature checked against the
     * key registered for its app id) and came from app A exactly when its pass was sent to app A.
     */
    public void assertEachRequestSignedByItsOwnApp(Set<String> sentToA, int total) {
        List<ReceivedRequest> received = sandbox.received().all();
        assertEquals(total, received.size());
        for (ReceivedRequest r : received) {
            assertEquals("10000", r.code(), "accepted, so signed with the key registered for " + r.appId());
            String serial = r.bizContent().replaceAll(".*\"serial_number\":\"([^\"]+)\".*", "$1");
            assertEquals(sentToA.contains(serial) ? APP_A : APP_B, r.appId(), serial);
        }
    }
}
