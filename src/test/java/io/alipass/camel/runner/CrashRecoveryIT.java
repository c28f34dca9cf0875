package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.alipass.camel.bench.CrashBenchTool;
import io.alipass.camel.bench.CrashBenchTool.Accounting;
import io.alipass.camel.sandbox.ReceivedRequest;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
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
 * The crash test CI can afford: one runner jar as its own JVM, a real Artemis broker (the
 * distribution from Maven Central, persistence on) as its own process, and the sandbox gateway in
 * this JVM. N updates go in, the even ones by JMS and the odd ones as JSON-lines files; the runner
 * is killed with SIGKILL when about a third of the outcomes exist and started again on the same data
 * folder. {@code bench/crash-test} is the larger version, with two runners and several kills.
 *
 * <p>The runner keeps its idempotency file, so an update redelivered after the kill is answered
 * {@code duplicate} rather than sent again once the gateway has answered it. The key is stored only
 * after the outcome document is written, so every update must end with a success, failure or dead
 * letter; a kill between the document and the key can give an update a second one, which is
 * reported (answered-twice), not failed.
 *
 * <p>Run by failsafe after {@code package}, which passes the runner jar and the unpacked Artemis
 * distribution as system properties. Every wait is bounded; nothing asserts a speed.
 */
class CrashRecoveryIT {
    private static final int N = 60;
    private static final int RECORDS_PER_FILE = 5;
    /** Enough for the kill to land while calls are in flight; small enough to keep the test short. */
    private static final Duration GATEWAY_LATENCY = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String QUEUE = "alipass.updates";
    /** 128 + 9: how a process killed by SIGKILL reports its end on Linux. */
    private static final int SIGKILL_EXIT = 137;

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
    void aRunnerKilledMidRunAndRestartedLeavesEveryUpdateWithAnOutcome() throws Exception {
        long startNanos = System.nanoTime();
        Path jar = Path.of(requiredProperty("alipass.it.runner-jar"));
        Path artemisHome = Path.of(requiredProperty("alipass.it.artemis-home"));
        Path work = jar.toAbsolutePath().getParent().resolve("crash-recovery-it");
        deleteTree(work);
        Files.createDirectories(work);
        Logs logs = new Logs(work.resolve("runner.log"), work.resolve("broker.log"));

        int brokerPort = startBroker(artemisHome, work, logs);

        Path keys = work.resolve("keys");
        CrashBenchTool.keys(keys);
        sandbox = CrashBenchTool.seededSandbox(SandboxSettings.builder().port(0).keysDir(keys.resolve("sandbox-keys"))
                .recordedRequests(10 * N).build(), keys, N);
        sandbox.faults().latency(GATEWAY_LATENCY, Duration.ZERO);

        Path runnerDir = work.resolve("runner");
        Files.createDirectories(runnerDir);
        Files.writeString(runnerDir.resolve("application.properties"), runnerConfig(work, runnerDir, keys, brokerPort));

        CrashBenchTool.feed("tcp://127.0.0.1:" + brokerPort + "?user=bench&password=bench", QUEUE, N);
        CrashBenchTool.drop(work.resolve("inbox"), N, RECORDS_PER_FILE);

        Path outbox = runnerDir.resolve("outbox");
        Process first = startRunner(jar, runnerDir, logs);
        awaitCondition(() -> outcomeFiles(outbox) >= N / 3, first, "a third of the outcomes before the kill", logs);

        first.destroyForcibly();
        awaitExit(first, "the killed runner", logs);
        int atKill = outcomeFiles(outbox);
        assertEquals(SIGKILL_EXIT, first.exitValue(), "the runner ended by SIGKILL" + logs.tails());

        Process second = startRunner(jar, runnerDir, logs);
        awaitCondition(() -> outcomeFiles(outbox) >= N && everyInputEnded(account(outbox)), second,
                "an outcome for every input after the restart", logs);
        // Stopped before the final count, so that no document is half written while it is read.
        second.destroy();
        if (!second.waitFor(30, TimeUnit.SECONDS)) {
            second.destroyForcibly();
            awaitExit(second, "the restarted runner", logs);
        }

        Accounting a = account(outbox);
        System.out.printf("crash-recovery: kills=1 (SIGKILL at %d of %d outcomes) %s wall=%.1fs%n",
                atKill, N, a, (System.nanoTime() - startNanos) / 1e9);
        String why = "\n" + a + logs.tails();
        assertEquals(0, a.lost(), "inputs without an outcome" + why);
        assertEquals(0, a.onlyDuplicate(), "inputs whose only outcome is a duplicate note, without a success, failure or dead letter" + why);
        assertEquals(0, a.notCalled(), "inputs the gateway never received" + why);
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

    private static Process startRunner(Path jar, Path dir, Logs logs) throws IOException {
        Files.writeString(logs.runner(), "=== runner start ===\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toAbsolutePath().toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.runner().toFile()))
                .start();
        PROCESSES.add(p);
        return p;
    }

    /** As bench/crash-test's runner_config, with the idempotency file on. */
    private static String runnerConfig(Path work, Path runnerDir, Path keys, int brokerPort) throws IOException {
        return String.join("\n",
                "alipass.gateway-url = " + sandbox.url(),
                "alipass.app-id = " + CrashBenchTool.APP_ID,
                "alipass.private-key = " + keys.resolve("app_private_key.pem"),
                "alipass.alipay-public-key = " + Files.readString(keys.resolve("alipay_public_key.txt")).trim(),
                "alipass.channel-id = " + CrashBenchTool.CHANNEL,
                "alipass.data-dir = " + runnerDir,
                "alipass.file.enabled = true",
                "alipass.file.inbox = " + work.resolve("inbox"),
                "alipass.file.done = " + work.resolve("done"),
                "alipass.file.error = " + work.resolve("error"),
                "alipass.jms.broker-url = tcp://127.0.0.1:" + brokerPort,
                "alipass.jms.username = bench",
                "alipass.jms.password = bench",
                "alipass.jms.queue = " + QUEUE,
                "alipass.jms.concurrent-consumers = 2",
                "alipass.http.enabled = false",
                "alipass.retry.redelivery-delay = 50",
                "alipass.retry.maximum-redelivery-delay = 1000",
                "alipass.idempotency-file = " + runnerDir.resolve("answered-updates.dat"),
                "camel.server.enabled = false",
                "camel.management.enabled = false",
                "");
    }

    private static Accounting account(Path outbox) {
        List<String> received = sandbox.received().all().stream().map(ReceivedRequest::bizContent).toList();
        try {
            return CrashBenchTool.account(N, received, outbox);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every input has an outcome, and one that is more than a duplicate note. */
    private static boolean everyInputEnded(Accounting a) {
        return a.lost() == 0 && a.onlyDuplicate() == 0;
    }

    private static int outcomeFiles(Path outbox) {
        int count = 0;
        for (String folder : List.of("success", "failure", "dead-letter")) {
            try (Stream<Path> files = Files.list(outbox.resolve(folder))) {
                count += (int) files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
            } catch (IOException e) {
                // The folder appears with its first document.
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
