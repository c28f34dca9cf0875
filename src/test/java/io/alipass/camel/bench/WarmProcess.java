package io.alipass.camel.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A side of figure 7 measured in one long-lived process of its own, as a runner that keeps running
 * is: warmed up until its JIT has settled, then each batch's CPU is the process's CPU from handing it
 * the batch to its last outcome. Before every batch the process is left alone until it is idle, so the
 * compiler threads finish their backlog and a batch pays only for its own updates.
 *
 * <p>Why figure 7 needs this: in a fresh JVM on two cores the C2 compiler thread competes with eight
 * busy workers, and it was still compiling when a 28,000-update {@code --once} run ended (about 16% of
 * that run's CPU over its last 40%). So a margin between two fresh-JVM batches carries some of the JIT
 * and cannot be the cost of an update.
 *
 * <p>Leaving the process idle is not enough on its own. While the C2 queue is long, HotSpot raises the
 * invocation counts at which it queues a method for C2 (its load feedback), so the per-record methods
 * stay in profiled C1 code and are queued only in later batches: a kept runner warmed with 12,000
 * updates still spent about 15% of every batch's CPU in its compiler threads up to about 36,000
 * updates, and 0.2 to 1% after that. So the warm-up runs batches until the compiler threads' share of a
 * batch's CPU falls under {@value #SETTLED_JIT_SHARE_PERCENT}% twice running, read from each thread's CPU in
 * {@code /proc}; the share in the measured batches is kept for the figure's note.
 */
abstract class WarmProcess implements AutoCloseable {
    private static final Duration IDLE_POLL = Duration.ofMillis(250);
    /** Idle: less than a tenth of one core over a poll, twice running. */
    private static final long IDLE_NANOS_PER_POLL = IDLE_POLL.toNanos() / 10;
    private static final Duration IDLE_AT_MOST = Duration.ofSeconds(60);

    /** A warm-up batch whose compiler threads used less than this share of its CPU ends the warm-up. */
    static final int SETTLED_JIT_SHARE_PERCENT = 2;
    /** The kernel's clock tick for the CPU times in {@code /proc/<pid>/task/<tid>/stat} (USER_HZ, fixed on Linux). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private long measuredCpuNanos;
    private long measuredJitNanos;

    /**
     * Runs batches of {@code n} updates until two in a row whose compiler threads each used less than
     * {@value #SETTLED_JIT_SHARE_PERCENT}% of its CPU, or until {@code atMost} updates. Two, because
     * one quiet batch can fall between two waves of C2 compilations (a 2,000-update batch at 0.3% was
     * followed by measured batches at 5.6%).
     */
    final WarmUp warmUp(int n, int atMost) throws Exception {
        int updates = 0;
        int quiet = 0;
        double jitShare = Double.NaN;
        while (updates < atMost) {
            jitShare = timed(n).jitShare();
            updates += n;
            quiet = jitShare * 100 < SETTLED_JIT_SHARE_PERCENT ? quiet + 1 : 0;
            if (quiet == 2) {
                return new WarmUp(updates, jitShare, true);
            }
        }
        return new WarmUp(updates, jitShare, false);
    }

    /** How a warm-up ended: its updates, the compiler threads' share of its last batch, and whether that settled it. */
    record WarmUp(int updates, double lastJitShare, boolean settled) {
        String describe() {
            return String.format(Locale.ROOT, "warmed up with %,d updates (%s)", updates, settled
                    ? String.format(Locale.ROOT, "the last batch's compiler threads %.1f%% of its CPU", 100 * lastJitShare)
                    : Double.isNaN(lastJitShare) ? "the compiler threads' CPU unreadable here"
                    : String.format(Locale.ROOT, "NOT settled: the last batch's compiler threads still %.1f%% of its CPU", 100 * lastJitShare));
        }
    }

    /** The process's CPU nanoseconds for a batch of {@code n} updates, after waiting for it to be idle. */
    final long batch(int n) throws Exception {
        Timed batch = timed(n);
        measuredCpuNanos += batch.cpuNanos();
        measuredJitNanos = measuredJitNanos < 0 || batch.jitNanos() < 0 ? -1 : measuredJitNanos + batch.jitNanos();
        return batch.cpuNanos();
    }

    /** The compiler threads' share of the CPU of every batch measured so far (not the warm-up's); NaN if unreadable. */
    final double jitShareOfBatches() {
        return new Timed(measuredCpuNanos, measuredJitNanos).jitShare();
    }

    /** A batch of {@code n} updates after an idle wait: the process's CPU and its compiler threads' part of it. */
    private Timed timed(int n) throws Exception {
        awaitIdle();
        long jitBefore = compilerNanos(handle());
        long cpu = run(n);
        long jitAfter = jitBefore < 0 ? -1 : compilerNanos(handle());
        return new Timed(cpu, jitAfter < 0 ? -1 : jitAfter - jitBefore);
    }

    /** Process CPU nanoseconds and the compiler threads' part of them, -1 where {@code /proc} does not tell it. */
    private record Timed(long cpuNanos, long jitNanos) {
        double jitShare() {
            return jitNanos < 0 || cpuNanos == 0 ? Double.NaN : (double) jitNanos / cpuNanos;
        }
    }

    /**
     * The CPU of a process's JIT compiler threads (HotSpot names them "C1 CompilerThre..." and "C2
     * CompilerThre..."), or -1 where {@code /proc} does not tell it.
     */
    static long compilerNanos(ProcessHandle process) {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (IOException gone) {
                    continue; // the thread ended while listed
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (!stat.substring(open + 1, close).contains("CompilerThre")) {
                    continue;
                }
                // After "pid (comm) ", field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
                String[] fields = stat.substring(close + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }

    /** Hands the process {@code n} updates and returns its CPU nanoseconds until the last outcome. */
    abstract long run(int n) throws Exception;

    abstract ProcessHandle handle();

    /** Waits until the process has used less than a tenth of a core for two polls in a row, or a minute. */
    private void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + IDLE_AT_MOST.toNanos();
        long last = cpuNanos(handle());
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() < deadline) {
            Thread.sleep(IDLE_POLL.toMillis());
            long now = cpuNanos(handle());
            quiet = now - last < IDLE_NANOS_PER_POLL ? quiet + 1 : 0;
            last = now;
        }
    }

    /** A running process's CPU time as the kernel counts it (every thread: workers, JIT, GC). */
    static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("this OS does not tell process " + process.pid() + "'s CPU time"));
    }

    /**
     * The drop-folder runner without {@code --once}: the same route and the same services as a batch
     * run (JSON lines, outcome files, no JMS, HTTP or metrics), fed one file per batch. A batch ends
     * when its file reaches the done folder, which the route does only after every record's outcome.
     */
    static final class Runner extends WarmProcess {
        private final GatewayDouble gateway;
        private final Path dir;
        private final Path inbox;
        private final Path done;
        private final Process process;
        private long updates;
        private int batches;

        Runner(GatewayDouble gateway, Path work) throws IOException {
            this.gateway = gateway;
            dir = Files.createTempDirectory(work, "warm-runner");
            inbox = Files.createDirectories(dir.resolve("data/inbox"));
            done = dir.resolve("data/done");
            List<String> cmd = new ArrayList<>(List.of(RunnerFigures.java(), "-Xmx256m", "-Dfile.encoding=UTF-8", "-cp",
                    CpuFigures.runnerClassPath(), CpuTimedRunner.class.getName()));
            cmd.addAll(gateway.runnerArguments(dir.resolve("data")));
            process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("runner.log").toFile()).start();
        }

        @Override
        long run(int n) throws Exception {
            String name = "batch-" + (++batches) + ".jsonl";
            Path part = dir.resolve(name + ".part");
            try (BufferedWriter w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                for (int i = 0; i < n; i++) {
                    w.write(gateway.update(i));
                    w.write('\n');
                }
            }
            gateway.clearCalls(); // every batch of every side meets the double in the same state
            long before = cpuNanos(process.toHandle());
            Files.move(part, inbox.resolve(name));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (!Files.exists(done.resolve(name))) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the runner did not finish " + name + ": " + log());
                }
                Thread.sleep(10);
            }
            long cpu = cpuNanos(process.toHandle()) - before;
            updates += n;
            long successes = RunnerFigures.count(dir.resolve("data/outbox/success"));
            if (successes != updates) {
                throw new IllegalStateException(String.format(Locale.ROOT, "the runner has %,d successes after %,d updates: %s",
                        successes, updates, log()));
            }
            return cpu;
        }

        @Override
        ProcessHandle handle() {
            return process.toHandle();
        }

        private String log() throws IOException {
            return CpuFigures.tail(Files.readString(dir.resolve("runner.log"), StandardCharsets.UTF_8));
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            RunnerFigures.delete(dir);
        }
    }

    /**
     * A side that runs inside this JVM (figure 7b's JMS route, with its broker): the same warm-up and
     * idle waits, and this whole process's CPU as {@code batch} reads it.
     */
    static final class InThisJvm extends WarmProcess {
        /** Runs {@code n} updates and returns the process CPU nanoseconds they took. */
        interface Batch {
            long cpuNanos(int n) throws Exception;
        }

        private final Batch batch;

        InThisJvm(Batch batch) {
            this.batch = batch;
        }

        @Override
        long run(int n) throws Exception {
            return batch.cpuNanos(n);
        }

        @Override
        ProcessHandle handle() {
            return ProcessHandle.current();
        }

        @Override
        public void close() {
            // nothing of its own: the route and its broker belong to the caller
        }
    }

    /** The official client in its own JVM, kept between batches: a batch is {@code n} updates from its thread pool. */
    static final class Sdk extends WarmProcess {
        private final GatewayDouble gateway;
        private final SdkProcess sdk;
        private final int threads;

        Sdk(GatewayDouble gateway, int threads) throws IOException {
            this.gateway = gateway;
            this.threads = threads;
            sdk = new SdkProcess(gateway.url(), gateway.appPrivateKeyBase64(), gateway.alipayPublicKeyBase64(), gateway.passes(), threads);
        }

        @Override
        long run(int n) throws Exception {
            gateway.clearCalls();
            long before = cpuNanos(sdk.handle());
            sdk.run(n, threads);
            return cpuNanos(sdk.handle()) - before;
        }

        @Override
        ProcessHandle handle() {
            return sdk.handle();
        }

        @Override
        public void close() throws IOException {
            sdk.close();
        }
    }
}
