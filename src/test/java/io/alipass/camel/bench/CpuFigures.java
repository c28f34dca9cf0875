package io.alipass.camel.bench;

import io.alipass.camel.bench.ResultTable.Row;
import io.alipass.camel.gateway.RequestCharset;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Figures 7a-7c (CPU time per update) and 8 (batch start-up), all against a {@link GatewayDouble} in
 * a JVM of its own, so the gateway's CPU is counted on neither side.
 *
 * <p>CPU per update is taken as the issue asks: a side's process CPU time at two batch sizes, the
 * difference divided by the difference in updates, so that start-up and JIT warm-up cancel. In a fresh
 * JVM they cancel only once the JIT has settled: between 1,000 and 4,000 updates the compiler threads
 * still spend about 0.8 ms per update and much of the route still runs interpreted or in C1. So the
 * fresh-JVM sides (7a, 7c) run three batches, and the figure is the margin between the large and the
 * settled batch; the margin at the sizes (small to large) is printed in the note. The
 * reference of 7a and 7b is the crypto floor taken in the same round: one SHA256withRSA signature
 * with the app's 2048-bit key and one verification with the gateway's 1024-bit answer key, both with
 * Bouncy Castle (the provider the route signs and verifies with), per update, on one thread.
 */
final class CpuFigures {
    private final Benchmark.Sizes sizes;
    private final Consumer<String> progress;

    CpuFigures(Benchmark.Sizes sizes, Consumer<String> progress) {
        this.sizes = sizes;
        this.progress = progress;
    }

    /** Rows 7a, 7b, 7c and 8. */
    List<Row> run() throws Exception {
        Path work = Files.createTempDirectory("bench-cpu");
        List<Row> rows = new ArrayList<>();
        int small = sizes.cpuBatchSmall();
        int large = sizes.cpuBatchLarge();
        int settled = sizes.cpuBatchSettled();
        int c = sizes.cpuConcurrency();
        try (GatewayDouble gateway = new GatewayDouble(work.resolve("gateway"), 1000);
             RouteLoad route = new RouteLoad(gateway.url(), gateway.protocol(), gateway::update, 200)) {
            Floor floor = new Floor();
            progress.accept("7 CPU per update: warming up the floor and the JMS route");
            floor.perUpdateNanos(sizes.floorWarmupIterations());
            route.run(sizes.cpuWarmup(), c, Duration.ofMinutes(3));
            Paired runnerVsFloor = new Paired();
            Paired runnerEarlyVsFloor = new Paired();
            Paired jmsVsFloor = new Paired();
            Paired sdkVsRunner = new Paired();
            Paired sdkEarlyVsRunnerEarly = new Paired();
            for (int round = 0; round < sizes.rounds(); round++) {
                progress.accept(String.format(Locale.ROOT, "7 CPU per update, round %d of %d (batches of %,d, %,d and %,d updates)",
                        round + 1, sizes.rounds(), small, large, settled));
                double floorNs;
                Margins runner;
                double jmsNs;
                Margins sdk;
                // Alternate the order, so a change in the machine's load falls on both sides alike.
                if (round % 2 == 0) {
                    floorNs = floor.perUpdateNanos(sizes.floorIterations());
                    runner = margins(small, large, settled, n -> runnerOnce(gateway, work, n).cpuNanos());
                    jmsNs = marginal(small, large, n -> {
                        gateway.clearCalls();
                        route.run(n, c, Duration.ofMinutes(10));
                        return route.lastCpuNanos();
                    });
                    sdk = margins(small, large, settled, n -> sdkOnce(gateway, n, c));
                } else {
                    sdk = margins(small, large, settled, n -> sdkOnce(gateway, n, c));
                    jmsNs = marginal(small, large, n -> {
                        gateway.clearCalls();
                        route.run(n, c, Duration.ofMinutes(10));
                        return route.lastCpuNanos();
                    });
                    runner = margins(small, large, settled, n -> runnerOnce(gateway, work, n).cpuNanos());
                    floorNs = floor.perUpdateNanos(sizes.floorIterations());
                }
                runnerVsFloor.add(runner.settledNs() / 1e6, floorNs / 1e6);
                runnerEarlyVsFloor.add(runner.earlyNs() / 1e6, floorNs / 1e6);
                jmsVsFloor.add(jmsNs / 1e6, floorNs / 1e6);
                sdkVsRunner.add(sdk.settledNs() / 1e6, runner.settledNs() / 1e6);
                sdkEarlyVsRunnerEarly.add(sdk.earlyNs() / 1e6, runner.earlyNs() / 1e6);
            }
            String how = String.format(Locale.ROOT, "(CPU at %,d updates - CPU at %,d) / %,d; ", settled, large, settled - large);
            String early = String.format(Locale.ROOT, "between %,d and %,d updates, where the JIT is still compiling: ", small, large);
            rows.add(new Row("7a", "runner --once, JSON lines, outcome files, CPU ms/update", runnerVsFloor.ours(),
                    "crypto floor: BC sign 2048 + verify 1024, ms", runnerVsFloor.reference(), runnerVsFloor.ratio(),
                    "ratio <= 1.50", runnerVsFloor.ratio() <= 1.5, how + "own JVM, whole process" + notes(runnerVsFloor)
                    + String.format(Locale.ROOT, "; %s%.2f ms, ratio %.2f", early, runnerEarlyVsFloor.ours(), runnerEarlyVsFloor.ratio())));
            rows.add(new Row("7b", "JMS route, transacted, C = " + c + ", broker in process, CPU ms/update", jmsVsFloor.ours(),
                    "crypto floor, ms", jmsVsFloor.reference(), jmsVsFloor.ratio(), "ratio <= 2.00", jmsVsFloor.ratio() <= 2,
                    String.format(Locale.ROOT, "(CPU at %,d updates - CPU at %,d) / %,d; ", large, small, large - small)
                    + "this JVM, warmed up, whole process, queue filled beforehand" + notes(jmsVsFloor)));
            rows.add(new Row("7c", "alipay-sdk-java, thread pool of " + c + ", CPU ms/update", sdkVsRunner.ours(),
                    "runner --once (7a), ms", sdkVsRunner.reference(), sdkVsRunner.ratio(), "ratio >= 2.00",
                    sdkVsRunner.ratio() >= 2, how + "a fresh JVM per batch, as the runner, whole process" + notes(sdkVsRunner)
                    + String.format(Locale.ROOT, "; %s%.2f ms, ratio %.2f", early, sdkEarlyVsRunnerEarly.ours(), sdkEarlyVsRunnerEarly.ratio())));
            progress.accept("8 batch start-up: runner --once to its first gateway call, and camel-main hello world");
            rows.add(startUp(gateway, work));
        } finally {
            RunnerFigures.delete(work);
        }
        return rows;
    }

    private static String notes(Paired p) {
        return p.note() == null ? "" : "; " + p.note();
    }

    private interface CpuOfBatch {
        long cpuNanos(int n) throws Exception;
    }

    /**
     * A fresh-JVM side's CPU per update at two margins: between the small and the large batch (the issue's
     * sizes, where the JIT still compiles and much code still runs interpreted) and between the large and
     * the settled batch, where start-up and warm-up have cancelled.
     */
    private record Margins(double earlyNs, double settledNs) {
    }

    private static Margins margins(int small, int large, int settled, CpuOfBatch batch) throws Exception {
        long a = batch.cpuNanos(small);
        long b = batch.cpuNanos(large);
        long c = batch.cpuNanos(settled);
        return new Margins((double) (b - a) / (large - small), (double) (c - b) / (settled - large));
    }

    /** (CPU at the large batch - CPU at the small one) / (large - small), in nanoseconds per update. */
    private static double marginal(int small, int large, CpuOfBatch batch) throws Exception {
        long a = batch.cpuNanos(small);
        long b = batch.cpuNanos(large);
        return (double) (b - a) / (large - small);
    }

    /**
     * The official client as the runner is measured: a fresh JVM doing {@code n} updates from a pool of
     * {@code c} threads; its whole CPU time from launch, so start-up and JIT cancel in the difference as ours do.
     */
    private static long sdkOnce(GatewayDouble gateway, int n, int c) throws Exception {
        gateway.clearCalls(); // every batch of every side meets the double in the same state
        try (SdkProcess sdk = new SdkProcess(gateway.url(), gateway.appPrivateKeyBase64(), gateway.alipayPublicKeyBase64(),
                gateway.passes(), c)) {
            sdk.run(n, c);
            return sdk.totalCpuNanos();
        }
    }

    record RunnerRun(long cpuNanos, long firstCallEpochMillis, long launchedEpochMillis) {
    }

    /** One {@code --once} run over a JSON-lines file of {@code n} updates, in a fresh folder. */
    RunnerRun runnerOnce(GatewayDouble gateway, Path work, int n) throws Exception {
        Path dir = Files.createTempDirectory(work, "runner");
        try {
            Path inbox = Files.createDirectories(dir.resolve("data/inbox"));
            Path part = dir.resolve("updates.part");
            try (BufferedWriter w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                for (int i = 0; i < n; i++) {
                    w.write(gateway.update(i));
                    w.write('\n');
                }
            }
            Files.move(part, inbox.resolve("updates.jsonl"));
            gateway.clearCalls();
            List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx256m", "-Dfile.encoding=UTF-8", "-cp", runnerClassPath(),
                    CpuTimedRunner.class.getName()));
            cmd.addAll(gateway.onceRunnerArguments(dir.resolve("data")));
            Path log = dir.resolve("runner.log");
            long launched = System.currentTimeMillis();
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("the runner did not finish " + n + " updates within 30 minutes");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            long successes = RunnerFigures.count(dir.resolve("data/outbox/success"));
            if (p.exitValue() != 0 || successes != n) {
                throw new IllegalStateException(String.format(Locale.ROOT, "runner --once: exit %d, %d of %d updates succeeded:%n%s",
                        p.exitValue(), successes, n, tail(out)));
            }
            long cpu = out.lines().filter(l -> l.startsWith(CpuTimedRunner.CPU_LINE))
                    .map(l -> Long.parseLong(l.substring(CpuTimedRunner.CPU_LINE.length()).split(" ")[0]))
                    .findFirst().orElseThrow(() -> new IllegalStateException("the runner printed no CPU time:\n" + tail(out)));
            return new RunnerRun(cpu, gateway.firstCallEpochMillis(), launched);
        } finally {
            RunnerFigures.delete(dir);
        }
    }

    /**
     * Figure 8: from launching the runner jar ({@code --once}, one update in the drop folder) to the
     * gateway double receiving its first call, against a bare camel-main hello world from the same
     * jar until it is ready; alternating rounds.
     */
    private Row startUp(GatewayDouble gateway, Path work) throws Exception {
        RunnerFigures hello = RunnerFigures.find();
        Paired paired = new Paired();
        int rounds = sizes.rounds() == 1 ? 1 : Math.max(3, sizes.rounds());
        for (int i = 0; i < rounds; i++) {
            double runner = 0;
            double reference = 0;
            if (i % 2 == 0) {
                runner = firstCallSeconds(gateway, work);
                reference = hello.helloReady();
            } else {
                reference = hello.helloReady();
                runner = firstCallSeconds(gateway, work);
            }
            paired.add(runner, reference);
        }
        return new Row("8", "runner --once, launch to first gateway call, s", paired.ours(),
                "bare camel-main hello world until ready, s", paired.reference(), paired.ratio(), "ratio <= 2.00",
                paired.ratio() <= 2, "one update in the drop folder, -Xmx256m, no built-in sandbox" + notes(paired));
    }

    private double firstCallSeconds(GatewayDouble gateway, Path work) throws Exception {
        RunnerRun run = runnerOnce(gateway, work, 1);
        if (run.firstCallEpochMillis() < 0) {
            throw new IllegalStateException("the gateway double saw no call from the runner");
        }
        return (run.firstCallEpochMillis() - run.launchedEpochMillis()) / 1e3;
    }

    /** The shaded runner jar with the bench classes when bench/run built it, else this JVM's class path. */
    static String runnerClassPath() {
        Path jar = Path.of("target", "alipass-camel-runner.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            return System.getProperty("java.class.path");
        }
        String testClasses = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith("test-classes")).findFirst().map(e -> Path.of(e).toAbsolutePath().toString())
                .orElseGet(() -> Path.of("target", "test-classes").toAbsolutePath().toString());
        return jar + File.pathSeparator + testClasses;
    }

    /**
     * The crypto floor per update: one signature with the app's 2048-bit key over a sign content the
     * size of a real request's, and one verification of an answer the size of the gateway's, signed
     * with a 1024-bit key as the gateway double's answers are. Taken with the route's own
     * {@link RequestSigner} and {@link ResponseVerifier} (Bouncy Castle's lightweight API by default),
     * so the floor is always the same signature with the same provider as the route's; their Base64
     * step is a microsecond against a millisecond of RSA. Measured as this thread's CPU time.
     */
    static final class Floor {
        private final RequestSigner signer;
        private final ResponseVerifier verifier;
        private final byte[] signContent;
        private final String answer;
        private final String answerSignature;
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        Floor() throws GeneralSecurityException {
            KeyPair app = keyPair(2048);
            KeyPair answerKey = keyPair(1024);
            signer = new RequestSigner(app.getPrivate(), SignType.RSA2);
            verifier = new ResponseVerifier(answerKey.getPublic());
            // As long as a real sign content (about 420 bytes) and a real answer (about 120 bytes).
            signContent = ("app_id=" + BenchGateway.APP_ID + "&biz_content=" + BenchGateway.bizContentOf(BenchGateway.serial(7), 7)
                    + "&charset=utf-8&format=JSON&method=alipay.pass.instance.update&sign_type=RSA2"
                    + "&timestamp=2026-11-29 12:00:00&version=1.0").getBytes(StandardCharsets.UTF_8);
            answer = "{\"code\":\"10000\",\"msg\":\"Success\",\"success\":\"T\",\"result\":\"{\\\"serialNumber\\\":\\\"bench-7\\\"}\"}";
            answerSignature = new RequestSigner(answerKey.getPrivate(), SignType.RSA2).sign(answer.getBytes(StandardCharsets.UTF_8));
        }

        /** Thread CPU nanoseconds per (signature + verification), over {@code iterations}. */
        double perUpdateNanos(int iterations) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < iterations; i++) {
                signer.sign(signContent);
                if (!verifier.verify(answer, answerSignature, SignType.RSA2, RequestCharset.UTF_8)) {
                    throw new IllegalStateException("the floor's answer does not verify");
                }
            }
            return (double) (threads.getCurrentThreadCpuTime() - start) / Math.max(1, iterations);
        }

        private static KeyPair keyPair(int bits) throws GeneralSecurityException {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }
}
