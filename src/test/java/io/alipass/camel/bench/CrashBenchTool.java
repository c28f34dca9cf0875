package io.alipass.camel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The pieces of {@code bench/crash-test} that need Java: app keys, a sandbox seeded with the passes,
 * feeding JMS and the drop folder, and the final accounting of every input. Each update is
 * {@code crash-<i>} for i in [0, N): JMS carries the even ones, the drop folder the odd ones.
 */
public final class CrashBenchTool {
    static final String APP_ID = "2021000000000001";
    static final String CHANNEL = "2088000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CrashBenchTool() {
    }

    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "keys" -> keys(Path.of(a[1]));
            case "sandbox" -> sandbox(Integer.parseInt(a[1]), Path.of(a[2]), Integer.parseInt(a[3]));
            case "feed" -> feed(a[1], a[2], Integer.parseInt(a[3]));
            case "drop" -> drop(Path.of(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]));
            case "account" -> System.exit(account(Integer.parseInt(a[1]), a[2], Stream.of(a).skip(3).map(Path::of).toArray(Path[]::new)));
            default -> throw new IllegalArgumentException("unknown command " + a[0]);
        }
    }

    static String update(int i) {
        return "{\"api\":\"instance.update\",\"serial_number\":\"crash-" + i + "\",\"channel_id\":\"" + CHANNEL
                + "\",\"tpl_params\":{\"title\":\"t" + i + "\"}}";
    }

    private static void keys(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair k = g.generateKeyPair();
        Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(dir.resolve("app_private_key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + mime.encodeToString(k.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(dir.resolve("app_public_key.txt"), Base64.getEncoder().encodeToString(k.getPublic().getEncoded()));
    }

    private static void sandbox(int port, Path dir, int n) throws Exception {
        PublicKey app = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(Files.readString(dir.resolve("app_public_key.txt")).trim())));
        SandboxGateway s = SandboxGateway.start(SandboxSettings.builder().port(port).keysDir(dir.resolve("sandbox-keys"))
                .recordedRequests(Math.max(10_000, 4 * n)).build());
        s.registerApp(APP_ID, app);
        s.state().addTemplate("tpl-1", "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
        for (int i = 0; i < n; i++) {
            s.state().addPass("tpl-1", "crash-" + i, CHANNEL, Map.of("title", "x"));
        }
        Files.writeString(dir.resolve("alipay_public_key.txt"), s.alipayPublicKeyBase64());
        Files.writeString(dir.resolve("sandbox.ready"), s.url());
        Thread.currentThread().join();
    }

    private static void feed(String brokerUrl, String queue, int n) throws Exception {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(brokerUrl);
             Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (int i = 0; i < n; i += 2) {
                p.send(s.createTextMessage(update(i)));
            }
        }
    }

    private static void drop(Path inbox, int n, int perFile) throws Exception {
        Files.createDirectories(inbox);
        StringBuilder sb = new StringBuilder();
        int inFile = 0;
        int file = 0;
        for (int i = 1; i < n; i += 2) {
            sb.append(update(i)).append('\n');
            if (++inFile == perFile || i + 2 >= n) {
                Path tmp = inbox.resolve(".part-" + file);
                Files.writeString(tmp, sb.toString());
                Files.move(tmp, inbox.resolve("batch-" + file++ + ".jsonl"));
                sb.setLength(0);
                inFile = 0;
            }
        }
    }

    /** Prints the figures; exits 0 when no input is lost (extra outcomes and duplicate calls are reported, not failed). */
    private static int account(int n, String sandboxBase, Path... outboxes) throws Exception {
        Map<String, Integer> outcomes = new HashMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        for (Path outbox : outboxes) {
            for (String kind : new String[] {"success", "failure", "dead-letter"}) {
                Path dir = outbox.resolve(kind);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        JsonNode doc = JSON.readTree(f.toFile());
                        String key = doc.path("key").asText(null);
                        if (key == null) {
                            key = JSON.readTree(doc.path("input").asText("{}")).path("serial_number").asText("?");
                        }
                        outcomes.merge(key, 1, Integer::sum);
                        byKind.merge(doc.path("outcome").asText(), 1, Integer::sum);
                    }
                }
            }
        }
        int lost = 0;
        int doubled = 0;
        for (int i = 0; i < n; i++) {
            int c = outcomes.getOrDefault("crash-" + i, 0);
            lost += c == 0 ? 1 : 0;
            doubled += c > 1 ? c - 1 : 0;
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandboxBase + "/sandbox/requests")).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Integer> calls = new HashMap<>();
        for (JsonNode req : JSON.readTree(r.body())) {
            String biz = req.path("parameters").path("biz_content").asText(null);
            if (biz != null) {
                calls.merge(JSON.readTree(biz).path("serial_number").asText(), 1, Integer::sum);
            }
        }
        int gatewayCalls = calls.values().stream().mapToInt(Integer::intValue).sum();
        int duplicateCalls = calls.values().stream().mapToInt(c -> c - 1).sum();
        System.out.printf("N=%d outcomes=%s lost=%d extra-outcomes=%d gateway-calls=%d duplicate-gateway-calls=%d%n",
                n, byKind, lost, doubled, gatewayCalls, duplicateCalls);
        return lost == 0 ? 0 : 1;
    }
}
