package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.bench.CrashBenchTool;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --replay}: updates dead-lettered while the gateway was unreachable are replayed once it is
 * back, each new outcome names its document, each document moves to {@code replayed/} once its
 * outcome is delivered, and a document replayed again (a move cut by a crash) is not sent twice.
 */
class ReplayTest {
    private static final int N = 6;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SandboxGateway sandbox;
    private static Path keys;

    @BeforeAll
    static void start() throws Exception {
        keys = Files.createTempDirectory("replay-keys");
        CrashBenchTool.keys(keys);
        sandbox = CrashBenchTool.seededSandbox(SandboxSettings.builder().port(0).keysDir(keys.resolve("sandbox-keys")).build(), keys, 2 * N);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String[] args(Path data, String gatewayUrl, String... more) throws IOException {
        List<String> a = new ArrayList<>(List.of(more));
        a.addAll(List.of("--alipass.data-dir=" + data,
                "--alipass.gateway-url=" + gatewayUrl,
                "--alipass.app-id=" + CrashBenchTool.APP_ID,
                "--alipass.private-key=" + keys.resolve("app_private_key.pem"),
                "--alipass.alipay-public-key=" + Files.readString(keys.resolve("alipay_public_key.txt")).trim(),
                "--alipass.channel-id=" + CrashBenchTool.CHANNEL,
                "--alipass.retry.maximum-redeliveries=1",
                "--alipass.retry.redelivery-delay=10"));
        return a.toArray(String[]::new);
    }

    private static String unreachableGateway() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/gateway.do";
        }
    }

    /** Runs --once against an unreachable gateway: every dropped update is dead-lettered. */
    private static Path deadLetterEverything(Path data) throws Exception {
        CrashBenchTool.drop(data.resolve("inbox"), 2 * N, N);
        assertEquals(AlipassRunner.EXIT_FAILURES, new AlipassRunner(args(data, unreachableGateway(), "--once")).run());
        Path deadLetters = data.resolve("outbox/dead-letter");
        assertEquals(N, jsonFiles(deadLetters).size(), "every update dead-lettered");
        return deadLetters;
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static List<JsonNode> documents(Path dir) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (Path p : jsonFiles(dir)) {
            docs.add(JSON.readTree(p.toFile()));
        }
        return docs;
    }

    private static long callsSince(long before) {
        return sandbox.received().total() - before;
    }

    @Test
    void deadLetteredUpdatesReplayedOnceTheGatewayIsBackSucceedAndMoveToReplayed(@TempDir Path data) throws Exception {
        Path deadLetters = deadLetterEverything(data);
        long before = sandbox.received().total();

        AlipassRunner replay = new AlipassRunner(args(data, sandbox.url(), "--replay", deadLetters.toString()));
        assertEquals(0, replay.run());

        assertEquals("done " + N + ", failed 0, dead-lettered 0, unreadable files 0, skipped 0", replay.tally().summary());
        assertEquals(N, callsSince(before));
        List<JsonNode> successes = documents(data.resolve("outbox/success"));
        assertEquals(N, successes.size());
        List<String> replayedNames = jsonFiles(deadLetters.resolve("replayed")).stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(N, replayedNames.size(), "every document moved to replayed/");
        for (JsonNode s : successes) {
            assertEquals("success", s.path("outcome").asText());
            assertTrue(replayedNames.contains(s.path("replay_of").asText()), "replay_of names a replayed document: " + s);
        }
        assertEquals(0, jsonFiles(deadLetters).size(), "nothing left to replay");
    }

    @Test
    void aDocumentReplayedAgainAfterItsMoveWasCutIsNotSentTwice(@TempDir Path data) throws Exception {
        Path deadLetters = deadLetterEverything(data);
        assertEquals(0, new AlipassRunner(args(data, sandbox.url(), "--replay", deadLetters.toString())).run());
        // A crash between the outcome and the move leaves the document where it was.
        Path one = jsonFiles(deadLetters.resolve("replayed")).get(0);
        Files.copy(one, deadLetters.resolve(one.getFileName()));
        long before = sandbox.received().total();

        AlipassRunner again = new AlipassRunner(args(data, sandbox.url(), "--replay", deadLetters.toString()));
        assertEquals(0, again.run());

        assertEquals(0, callsSince(before), "not sent a second time");
        assertEquals(1, documents(data.resolve("outbox/success")).stream()
                .filter(d -> d.path("outcome").asText().equals("duplicate")).count());
        assertEquals(0, jsonFiles(deadLetters).size(), "moved this time");
    }

    @Test
    void aDocumentWithoutReadableInputIsReportedAndLeftWhereItIs(@TempDir Path data) throws Exception {
        Path folder = Files.createDirectories(data.resolve("to-replay"));
        Files.writeString(folder.resolve("no-input.json"), "{\"outcome\":\"error\",\"reason\":\"the body was binary\"}");
        Files.writeString(folder.resolve("not-an-outcome.json"), "{\"serial_number\":\"x\"}");

        AlipassRunner replay = new AlipassRunner(args(data, sandbox.url(), "--replay", folder.toString()));
        assertEquals(AlipassRunner.EXIT_FAILURES, replay.run());

        assertEquals("done 0, failed 0, dead-lettered 0, unreadable files 2, skipped 0", replay.tally().summary());
        assertEquals(2, jsonFiles(folder).size(), "left for a person to look at");
    }

    @Test
    void onlyTheNamedSubCodesAreReplayed(@TempDir Path data) throws Exception {
        Path folder = Files.createDirectories(data.resolve("to-replay"));
        Files.writeString(folder.resolve("a.json"), JSON.createObjectNode().put("outcome", "dead-letter").put("sub_code", "isp.unknow-error")
                .put("input", CrashBenchTool.update(0)).toString());
        Files.writeString(folder.resolve("b.json"), JSON.createObjectNode().put("outcome", "business-failure")
                .put("sub_code", "KP.AE_ALIPASS_NOTEXIST").put("input", CrashBenchTool.update(1)).toString());

        AlipassRunner replay = new AlipassRunner(args(data, sandbox.url(), "--replay", folder.toString(), "--replay-sub-code", "isp.unknow-error"));
        assertEquals(0, replay.run());

        assertEquals(1, replay.tally().done());
        assertEquals(List.of(folder.resolve("b.json")), jsonFiles(folder), "the other sub_code stays");
    }

    @Test
    void aReplayFilterWithoutReplayStopsBeforeAnythingStarts() {
        assertEquals(AlipassRunner.EXIT_CANNOT_START, new AlipassRunner("--replay-sub-code", "isp.unknow-error").run());
    }

    @Test
    void aReplayPathThatDoesNotExistStopsWithExitTwo(@TempDir Path data) throws Exception {
        assertEquals(AlipassRunner.EXIT_CANNOT_START,
                new AlipassRunner(args(data, sandbox.url(), "--replay", data.resolve("nowhere").toString())).run());
    }
}
