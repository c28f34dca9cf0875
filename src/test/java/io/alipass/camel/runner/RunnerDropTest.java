package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner as a user starts it: its main entry with the default configuration (built-in sandbox,
 * embedded broker, HTTP source), only the data folder and the ports moved, and files dropped in.
 */
class RunnerDropTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path data;
    static AlipassRunner runner;
    static Thread thread;

    @BeforeAll
    static void start() throws Exception {
        // The HTTP source on port 0; management on a port found free, so that the two servers can be told apart.
        int managementPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            managementPort = socket.getLocalPort();
        }
        runner = new AlipassRunner("--alipass.data-dir=" + data, "--camel.server.port=0", "--camel.management.port=" + managementPort);
        thread = new Thread(runner::run, "runner-under-test");
        thread.start();
        assertTrue(runner.awaitStarted(Duration.ofSeconds(60)), "the runner started");
    }

    @AfterAll
    static void stop() throws Exception {
        runner.stop();
        assertTrue(runner.awaitFinished(Duration.ofSeconds(30)), "the runner stopped");
        thread.join(5000);
    }

    @Test
    void theSampleFileDroppedInTheInboxArrivesInTheSuccessFolder() throws Exception {
        Files.copy(Path.of("samples/instance-update.json"), data.resolve("inbox/instance-update.json"));
        Path success = data.resolve("outbox/success");
        JsonNode doc = awaitOneDocument(success, d -> "DEMO-0001".equals(d.path("key").asText()));
        assertEquals("success", doc.path("outcome").asText());
        assertEquals("10000", doc.path("code").asText());
        awaitTrue(() -> Files.exists(data.resolve("done/instance-update.json")), "the file moved to done");
    }

    @Test
    void aMixedFileSplitsIntoSuccessesAndABusinessFailure() throws Exception {
        Files.copy(Path.of("samples/mixed-updates.jsonl"), data.resolve("inbox/mixed-updates.jsonl"));
        JsonNode failure = awaitOneDocument(data.resolve("outbox/failure"), d -> "NO-SUCH-PASS".equals(d.path("key").asText()));
        assertEquals("business-failure", failure.path("outcome").asText());
        assertEquals("KP.AE_ALIPASS_NOTEXIST", failure.path("sub_code").asText());
        awaitOneDocument(data.resolve("outbox/success"), d -> "DEMO-0002".equals(d.path("key").asText()));
        awaitOneDocument(data.resolve("outbox/success"), d -> "DEMO-0003".equals(d.path("key").asText()));
    }

    @Test
    void anUnreadableFileMovesToTheErrorFolderWithItsReason() throws Exception {
        Files.write(data.resolve("inbox/binary.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        awaitTrue(() -> Files.exists(data.resolve("error/binary.json")), "the file moved to error");
        JsonNode why = JSON.readTree(data.resolve("error/binary.json.error.json").toFile());
        assertEquals("binary.json", why.path("file").asText());
        assertFalse(why.path("reason").asText().isEmpty());
    }

    @Test
    void anEmptyFileMovesToTheErrorFolderInsteadOfStayingInTheInbox() throws Exception {
        Files.write(data.resolve("inbox/empty.json"), new byte[0]);
        awaitTrue(() -> Files.exists(data.resolve("error/empty.json")), "the empty file moved to error");
        JsonNode why = JSON.readTree(data.resolve("error/empty.json.error.json").toFile());
        assertTrue(why.path("reason").asText().contains("holds no JSON record"), why.toString());
    }

    @Test
    void anHttpPostWithTheTokenIsAnsweredWithItsOutcome() throws Exception {
        String url = runner.httpUrl();
        assertNotNull(url, "the HTTP source is on");
        HttpClient client = HttpClient.newHttpClient();
        String record = "{\"api\":\"instance.update\",\"serial_number\":\"DEMO-0010\",\"status\":\"USED\",\"verify_code\":\"1\",\"verify_type\":\"wave\"}";
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(record)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + runner.httpToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(record)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, form.statusCode(), "only JSON is accepted");
        HttpResponse<String> upperCase = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + runner.httpToken())
                .header("Content-Type", "APPLICATION/JSON; Charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(record.replace("DEMO-0010", "DEMO-0012"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, upperCase.statusCode(), "media types are case-insensitive: " + upperCase.body());
        HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + runner.httpToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(record)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("success", JSON.readTree(ok.body()).path("outcome").asText());
        assertEquals("POST", JSON.readTree(ok.body()).path("source").path("http").asText().split(" ")[0], "the outcome names its source: " + ok.body());
        HttpResponse<String> invalid = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + runner.httpToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"api\":\"instance.update\",\"serial_number\":\"DEMO-0011\",\"status\":\"DONE\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, invalid.statusCode(), invalid.body());
        assertEquals("status", JSON.readTree(invalid.body()).path("violations").path(0).path("field").asText());
        HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + runner.httpToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"api\":\"instance.update\",\"serial_number\":\"NO-SUCH-PASS\",\"status\":\"CLOSED\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(422, unknown.statusCode(), unknown.body());
    }

    @Test
    void aMessageOnTheQueueOfTheEmbeddedBrokerIsProcessed() throws Exception {
        String record = "{\"api\":\"instance.update\",\"serial_number\":\"DEMO-0020\",\"status\":\"USED\",\"verify_code\":\"2\",\"verify_type\":\"wave\"}";
        // The embedded broker's in-VM acceptor is reachable from anywhere in this JVM.
        try (var factory = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(EmbeddedBroker.IN_VM_URL);
             var jms = factory.createContext()) {
            jms.createProducer().send(jms.createQueue(runner.settings().jms().queue()), record);
        }
        JsonNode doc = awaitOneDocument(data.resolve("outbox/success"), d -> "DEMO-0020".equals(d.path("key").asText()));
        assertEquals("success", doc.path("outcome").asText());
    }

    @Test
    void healthAndMetricsAreServedOnTheManagementPort() throws Exception {
        String observe = runner.managementUrl();
        assertNotNull(observe);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(observe + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("UP"), health.body());
        // One outcome makes sure the alipass meters exist.
        String record = "{\"api\":\"instance.update\",\"serial_number\":\"DEMO-0011\",\"status\":\"USED\",\"verify_code\":\"1\",\"verify_type\":\"wave\"}";
        client.send(HttpRequest.newBuilder(URI.create(runner.httpUrl())).header("Authorization", "Bearer " + runner.httpToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(record)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(observe + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("alipass_outcomes_total{"), "outcome counter exported");
        assertTrue(metrics.body().contains("alipass_gateway_calls_seconds"), "gateway latency exported");
        assertTrue(metrics.body().contains("alipass_gateway_rate_limit"), "the adaptive call rate exported");
        assertFalse(metrics.body().contains(runner.httpToken()), "no token in metrics");
    }

    static JsonNode awaitOneDocument(Path folder, java.util.function.Predicate<JsonNode> match) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode doc : documents(folder)) {
                if (match.test(doc)) {
                    return doc;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no matching outcome in " + folder + " within 30 s; found " + documents(folder));
    }

    static List<JsonNode> documents(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".json")).map(p -> {
                try {
                    return JSON.readTree(Files.readString(p, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return JSON.createObjectNode(); // being written
                }
            }).toList();
        }
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
