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
 * JVM on two busy cores the JIT does not cancel: the C2 compiler thread gets a small share of the cores
 * next to eight busy workers, and a 28,000-update {@code --once} run was still compiling when it ended.
 * So 7a and 7c are taken in processes kept running ({@link WarmProcess}), warmed up until their
 * compiler threads have almost stopped, and left idle before each batch, as a runner that keeps
 * running is; the fresh-JVM figures ("7a once", "7c once") run four batches each, their figure the margin between the two largest, the earlier margins (the
 * issue's sizes among them) in the note.
 *
 * <p>The reference of 7a and 7b is the crypto floor: one SHA256withRSA signature with the app's
 * 2048-bit key and one verification with the gateway's 1024-bit answer key, with the route's own
 * signer and verifier, per update, taken on every core at once as the routes run ({@link FloorReading});
 * the ratio to the floor on one core is in the notes. It is taken before every side's first batch and
 * after each batch, and each batch's CPU is counted in the floors taken beside it (see {@link Batches}).
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
        int[] freshJvm = {sizes.cpuBatchSmall(), sizes.cpuBatchLarge(), sizes.cpuBatchSettled(), sizes.cpuBatchLongest()};
        int[] warmJvm = {sizes.cpuBatchLarge(), sizes.cpuBatchSettled()};
        int c = sizes.cpuConcurrency();
        try (GatewayDouble gateway = new GatewayDouble(work.resolve("gateway"), 1000);
             RouteLoad route = new RouteLoad(gateway.url(), gateway.protocol(), gateway::update, 200);
             WarmProcess.Runner keptRunner = new WarmProcess.Runner(gateway, work);
             WarmProcess.Sdk keptSdk = new WarmProcess.Sdk(gateway, c)) {
            Floor floor = new Floor();
            progress.accept("7 CPU per update: warming up the floor");
            floor.read(sizes.floorWarmupIterations());
            WarmProcess.InThisJvm jmsSide = new WarmProcess.InThisJvm(n -> {
                gateway.clearCalls();
                route.runWithOutcomesQueued(n, c, Duration.ofMinutes(10));
                return route.lastCpuNanos();
            });
            progress.accept("7 CPU per update: warming up the JMS route, the kept runner and the kept SDK until their JIT has settled");
            WarmProcess.WarmUp jmsWarmUp = jmsSide.warmUp(sizes.cpuBatchLarge(), sizes.cpuKeptWarmupAtMost());
            WarmProcess.WarmUp runnerWarmUp = keptRunner.warmUp(sizes.cpuBatchLarge(), sizes.cpuKeptWarmupAtMost());
            WarmProcess.WarmUp sdkWarmUp = keptSdk.warmUp(sizes.cpuBatchLarge(), sizes.cpuKeptWarmupAtMost());
            Paired keptVsFloor = new Paired();
            Paired keptVsOneCore = new Paired();
            Paired keptSdkVsRunner = new Paired();
            List<String> keptMargins = new ArrayList<>();
            List<String> keptSdkMargins = new ArrayList<>();
            Paired runnerVsFloor = new Paired();
            Paired runnerVsOneCore = new Paired();
            Paired jmsVsFloor = new Paired();
            Paired jmsVsOneCore = new Paired();
            Paired sdkVsRunner = new Paired();
            List<String> runnerEarly = new ArrayList<>();
            List<String> sdkEarly = new ArrayList<>();
            Paired runnerInRun = new Paired();
            Paired sdkInRun = new Paired();
            int settled = freshJvm[2];
            int longest = freshJvm[3];
            CpuOfBatch runner = n -> {
                RunnerRun run = runnerOnce(gateway, work, n, n == longest ? settled : 0);
                return new BatchCpu(run.cpuNanos(), run.inRunNanosPerCall());
            };
            CpuOfBatch jms = n -> BatchCpu.of(jmsSide.batch(n));
            CpuOfBatch sdk = n -> sdkOnce(gateway, n, c, n == longest ? settled : 0);
            CpuOfBatch keptOurs = n -> BatchCpu.of(keptRunner.batch(n));
            CpuOfBatch keptTheirs = n -> BatchCpu.of(keptSdk.batch(n));
            for (int round = 0; round < sizes.rounds(); round++) {
                progress.accept(String.format(Locale.ROOT, "7 CPU per update, round %d of %d (batches of %s updates)",
                        round + 1, sizes.rounds(), Arrays.stream(freshJvm).mapToObj(n -> String.format(Locale.ROOT, "%,d", n))
                                .collect(java.util.stream.Collectors.joining(", "))));
                Batches ours;
                Batches keptRoute;
                Batches jmsRoute;
                Batches keptClient;
                Batches theirs;
                // Alternate the order, so a change in the machine's load falls on all sides alike.
                if (round % 2 == 0) {
                    ours = batches(floor, freshJvm, runner);
                    keptRoute = batches(floor, warmJvm, keptOurs);
                    jmsRoute = batches(floor, warmJvm, jms);
                    keptClient = batches(floor, warmJvm, keptTheirs);
                    theirs = batches(floor, freshJvm, sdk);
                } else {
                    theirs = batches(floor, freshJvm, sdk);
                    keptClient = batches(floor, warmJvm, keptTheirs);
                    jmsRoute = batches(floor, warmJvm, jms);
                    keptRoute = batches(floor, warmJvm, keptOurs);
                    ours = batches(floor, freshJvm, runner);
                }
                double keptMillis = keptRoute.perUpdateInFloors() * keptRoute.floorMillis();
                keptVsFloor.add(keptMillis, keptRoute.floorMillis());
                keptVsOneCore.add(keptRoute.perUpdateInOneCoreFloors() * keptRoute.oneCoreFloorMillis(), keptRoute.oneCoreFloorMillis());
                keptSdkVsRunner.add(keptClient.perUpdateInFloors() * keptClient.floorMillis(), keptMillis);
                keptMargins.add(String.format(Locale.ROOT, "%.2f", keptRoute.marginInFloors(0, 1)));
                keptSdkMargins.add(String.format(Locale.ROOT, "%.2f", keptClient.marginInFloors(0, 1) / keptRoute.marginInFloors(0, 1)));
                double oursMillis = ours.marginInFloors(2, 3) * ours.floorMillis();
                double oursInRunMillis = ours.inRunInFloors() * ours.floorMillis();
                runnerVsFloor.add(oursMillis, ours.floorMillis());
                runnerVsOneCore.add(ours.marginInOneCoreFloors(2, 3) * ours.oneCoreFloorMillis(), ours.oneCoreFloorMillis());
                jmsVsFloor.add(jmsRoute.marginInFloors(0, 1) * jmsRoute.floorMillis(), jmsRoute.floorMillis());
                jmsVsOneCore.add(jmsRoute.marginInOneCoreFloors(0, 1) * jmsRoute.oneCoreFloorMillis(), jmsRoute.oneCoreFloorMillis());
                sdkVsRunner.add(theirs.marginInFloors(2, 3) * theirs.floorMillis(), oursMillis);
                runnerEarly.add(ours.early());
                sdkEarly.add(theirs.early());
                runnerInRun.add(oursInRunMillis, ours.floorMillis());
                sdkInRun.add(theirs.inRunInFloors() * theirs.floorMillis(), oursInRunMillis);
            }
            String how = String.format(Locale.ROOT, "(CPU at %,d updates - CPU at %,d) / %,d, each batch's CPU in floors taken "
                    + "beside it; ", longest, settled, longest - settled);
            String kept = String.format(Locale.ROOT, "CPU of a %,d-update and a %,d-update batch / %,d, each in floors taken "
                    + "beside it; one process kept running, left to go idle before each batch, whole process; ",
                    warmJvm[0], warmJvm[1], warmJvm[0] + warmJvm[1]);
            String keptMargin = "; the difference of the two batches, per round: %s (with nothing to cancel in a warm "
                    + "process, a difference only amplifies each batch's noise)";
            rows.add(new Row("7a", "drop-folder runner kept running, JSON lines, outcome files, CPU ms/update", keptVsFloor.ours(),
                    "crypto floor: BC sign 2048 + verify 1024, ms", keptVsFloor.reference(), keptVsFloor.ratio(),
                    "ratio <= 1.50", keptVsFloor.ratio() <= 1.5, kept + jitNote(runnerWarmUp, keptRunner) + notes(keptVsFloor)
                    + oneCoreNote(keptVsOneCore)
                    + String.format(Locale.ROOT, keptMargin, String.join(", ", keptMargins))));
            rows.add(new Row("7a once", "runner --once, fresh JVM, JSON lines, outcome files, CPU ms/update", runnerVsFloor.ours(),
                    "crypto floor: BC sign 2048 + verify 1024, ms", runnerVsFloor.reference(), runnerVsFloor.ratio(),
                    "ratio <= 1.50", runnerVsFloor.ratio() <= 1.5, how + "own JVM, whole process" + notes(runnerVsFloor)
                    + oneCoreNote(runnerVsOneCore)
                    + inRunNote(runnerInRun, settled, longest, "floors")
                    + "; earlier margins, where the JIT is still compiling, per round: " + String.join("; ", runnerEarly)));
            rows.add(new Row("7b", "JMS route, transacted, C = " + c + ", outcome to a queue, broker in process, CPU ms/update", jmsVsFloor.ours(),
                    "crypto floor, ms", jmsVsFloor.reference(), jmsVsFloor.ratio(), "ratio <= 2.00", jmsVsFloor.ratio() <= 2,
                    String.format(Locale.ROOT, "(CPU at %,d updates - CPU at %,d) / %,d, in floors taken beside each batch; ",
                            warmJvm[1], warmJvm[0], warmJvm[1] - warmJvm[0])
                    + "this JVM, whole process, queue filled beforehand, left to go idle before each batch; "
                    + jitNote(jmsWarmUp, jmsSide) + notes(jmsVsFloor) + oneCoreNote(jmsVsOneCore)));
            rows.add(new Row("7c", "alipay-sdk-java kept running, thread pool of " + c + ", CPU ms/update", keptSdkVsRunner.ours(),
                    "runner kept running (7a), ms", keptSdkVsRunner.reference(), keptSdkVsRunner.ratio(), "ratio >= 2.00",
                    keptSdkVsRunner.ratio() >= 2, kept + "in its own JVM; " + jitNote(sdkWarmUp, keptSdk) + notes(keptSdkVsRunner)
                    + String.format(Locale.ROOT, keptMargin, String.join(", ", keptSdkMargins))));
            rows.add(new Row("7c once", "alipay-sdk-java, fresh JVM, thread pool of " + c + ", CPU ms/update", sdkVsRunner.ours(),
                    "runner --once (7a once), ms", sdkVsRunner.reference(), sdkVsRunner.ratio(), "ratio >= 2.00",
                    sdkVsRunner.ratio() >= 2, how + "a fresh JVM per batch, as the runner, whole process" + notes(sdkVsRunner)
                    + inRunNote(sdkInRun, settled, longest, "the SDK's over ours")
                    + "; the SDK's earlier margins per round: " + String.join("; ", sdkEarly)));
            progress.accept("8 batch start-up: runner --once to its first gateway call, and camel-main hello world");
            rows.add(startUp(gateway, work));
        } finally {
            RunnerFigures.delete(work);
        }
        return rows;
    }

    /** The in-run margins of the longest batches: their median and each round's ratio. */
    private static String inRunNote(Paired inRun, int from, int to, String ratioOf) {
        return String.format(Locale.ROOT, "; inside the longest batch's one process, from its %,dth call to its %,dth: "
                + "%.2f ms, ratio (%s) %.2f, per round %s", from, to, inRun.ours(), ratioOf, inRun.ratio(), inRun.ratios());
    }

    /** How a kept process was warmed up, and how much of its measured batches' CPU its compiler threads still took. */
    private static String jitNote(WarmProcess.WarmUp warmUp, WarmProcess process) {
        double share = process.jitShareOfBatches();
        return warmUp.describe() + (Double.isNaN(share) ? "; the compiler threads' share of the measured batches unreadable here"
                : String.format(Locale.ROOT, "; compiler threads %.1f%% of the measured batches' CPU", 100 * share));
    }

    /** The same figure against the floor taken on one core while the others idle. */
    private static String oneCoreNote(Paired p) {
        return String.format(Locale.ROOT, "; against the floor on one core, the other idle (%.2f ms): ratio %.2f, per round %s",
                p.reference(), p.ratio(), p.ratios());
    }

    private static String notes(Paired p) {
        return p.note() == null ? "" : "; " + p.note();
    }

    private interface CpuOfBatch {
        BatchCpu run(int n) throws Exception;
    }

    /**
     * A batch's whole process CPU, and for the longest batch also its CPU per call between the
     * settled and the longest batch's number of calls, read inside the one process ({@link InRunMargin});
     * NaN for the other batches.
     */
    record BatchCpu(long cpuNanos, double inRunNanosPerCall) {
        static BatchCpu of(long cpuNanos) {
            return new BatchCpu(cpuNanos, Double.NaN);
        }
    }

    /**
     * Reads a running batch's process CPU at the moments the gateway double has received a given number
     * of its calls, polling the double every 10 ms (the double's and this JVM's work count on neither
     * side). The margin between two such moments is taken inside one process, so the start-up and the
     * shutdown cancel exactly, where two batches in two fresh JVMs each bring their own: the same code
     * measured 31 to 35 s of CPU for the same 12,000-update batch within minutes.
     */
    static final class InRunMargin implements AutoCloseable {
        private final Thread poller;
        private volatile double nanosPerCall = Double.NaN;

        InRunMargin(GatewayDouble gateway, ProcessHandle process, long from, long to) throws IOException {
            long baseline = gateway.callsReceived();
            poller = new Thread(() -> {
                long fromCalls = -1;
                long fromCpu = 0;
                try {
                    while (process.isAlive()) {
                        long calls = gateway.callsReceived() - baseline;
                        if (fromCalls < 0 && calls >= from) {
                            fromCpu = WarmProcess.cpuNanos(process);
                            fromCalls = calls;
                        } else if (fromCalls >= 0 && calls >= to) {
                            nanosPerCall = (double) (WarmProcess.cpuNanos(process) - fromCpu) / (calls - fromCalls);
                            return;
                        }
                        Thread.sleep(10);
                    }
                } catch (IOException | RuntimeException e) {
                    // no in-run figure for this batch; the batch's own result still stands
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-in-run-margin");
            poller.setDaemon(true);
            poller.start();
        }

        /** CPU nanoseconds per call between the two moments; NaN if the process ended before both. */
        double nanosPerCall() throws InterruptedException {
            poller.join(TimeUnit.SECONDS.toMillis(10));
            return nanosPerCall;
        }

        @Override
        public void close() {
            poller.interrupt();
        }
    }

    /**
     * One side's batches of a round, each with its process CPU and the floor taken just before and just
     * after it (the mean of the two). On these shared virtual cores the CPU time a piece of work costs
     * moves with the host's load by tens of percent within minutes; a batch's CPU counted in floors taken
     * beside it cancels that drift, where one floor per round, taken seconds or minutes away from a
     * batch, does not see the machine the batch saw.
     */
    private record Batches(int[] updates, long[] cpuNanos, FloorReading[] floors, double[] inRunNanosPerCall) {
        /** CPU per update from batch {@code a} to batch {@code b}, in floors: the ratio to the floor. */
        double marginInFloors(int a, int b) {
            return margin(a, b, Arrays.stream(floors).mapToDouble(FloorReading::allCores).toArray());
        }

        /** The same margin in floors taken on one core while the others idle. */
        double marginInOneCoreFloors(int a, int b) {
            return margin(a, b, Arrays.stream(floors).mapToDouble(FloorReading::oneCore).toArray());
        }

        private double margin(int a, int b, double[] floorNanos) {
            return (cpuNanos[b] / floorNanos[b] - cpuNanos[a] / floorNanos[a]) / (updates[b] - updates[a]);
        }

        /**
         * CPU per update over all the batches, in floors: for a process kept running, where start-up and
         * the JIT are not in the batches, so there is nothing for a difference to cancel.
         */
        double perUpdateInFloors() {
            return perUpdate(Arrays.stream(floors).mapToDouble(FloorReading::allCores).toArray());
        }

        /** The same in floors taken on one core while the others idle. */
        double perUpdateInOneCoreFloors() {
            return perUpdate(Arrays.stream(floors).mapToDouble(FloorReading::oneCore).toArray());
        }

        private double perUpdate(double[] floorNanos) {
            double inFloors = 0;
            for (int i = 0; i < updates.length; i++) {
                inFloors += cpuNanos[i] / floorNanos[i];
            }
            return inFloors / Arrays.stream(updates).sum();
        }

        /** The floor over the round's batches, in milliseconds: turns a margin in floors back into time. */
        double floorMillis() {
            return Arrays.stream(floors).mapToDouble(FloorReading::allCores).average().orElseThrow() / 1e6;
        }

        /** The floor on one core over the round's batches, in milliseconds. */
        double oneCoreFloorMillis() {
            return Arrays.stream(floors).mapToDouble(FloorReading::oneCore).average().orElseThrow() / 1e6;
        }

        /** The longest batch's own margin from the settled batch's size to its end, in floors; NaN if not read. */
        double inRunInFloors() {
            int last = updates.length - 1;
            return inRunNanosPerCall[last] / floors[last].allCores();
        }

        /** The margins before the JIT has settled: the sizes, and from there to the settled batch. */
        String early() {
            return String.format(Locale.ROOT, "%,d to %,d: %.2f ms (%.2f floors), %,d to %,d: %.2f ms (%.2f floors)",
                    updates[0], updates[1], marginInFloors(0, 1) * floorMillis(), marginInFloors(0, 1),
                    updates[1], updates[2], marginInFloors(1, 2) * floorMillis(), marginInFloors(1, 2));
        }
    }

    /** Runs {@code side}'s batches in order, taking the floor before the first and after each. */
    private Batches batches(Floor floor, int[] updates, CpuOfBatch side) throws Exception {
        long[] cpu = new long[updates.length];
        FloorReading[] floors = new FloorReading[updates.length];
        double[] inRun = new double[updates.length];
        FloorReading before = floor.read(sizes.floorIterations());
        for (int i = 0; i < updates.length; i++) {
            BatchCpu batch = side.run(updates[i]);
            cpu[i] = batch.cpuNanos();
            inRun[i] = batch.inRunNanosPerCall();
            FloorReading after = floor.read(sizes.floorIterations());
            floors[i] = before.meanWith(after);
            before = after;
        }
        return new Batches(updates, cpu, floors, inRun);
    }

    /**
     * The official client as the runner is measured: a fresh JVM doing {@code n} updates from a pool of
     * {@code c} threads; its whole CPU time from launch, so start-up and JIT cancel in the difference as ours do.
     */
    private static BatchCpu sdkOnce(GatewayDouble gateway, int n, int c, int inRunFrom) throws Exception {
        gateway.clearCalls(); // every batch of every side meets the double in the same state
        try (SdkProcess sdk = new SdkProcess(gateway.url(), gateway.appPrivateKeyBase64(), gateway.alipayPublicKeyBase64(),
                gateway.passes(), c);
             InRunMargin inRun = inRunFrom > 0 ? new InRunMargin(gateway, sdk.handle(), inRunFrom, n) : null) {
            sdk.run(n, c);
            return new BatchCpu(sdk.totalCpuNanos(), inRun == null ? Double.NaN : inRun.nanosPerCall());
        }
    }

    record RunnerRun(long cpuNanos, long firstCallEpochMillis, long launchedEpochMillis, double inRunNanosPerCall) {
    }

    /**
     * One {@code --once} run over a JSON-lines file of {@code n} updates, in a fresh folder; with
     * {@code inRunFrom} above 0, also its CPU per call from that call to its last ({@link InRunMargin}).
     */
    RunnerRun runnerOnce(GatewayDouble gateway, Path work, int n, int inRunFrom) throws Exception {
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
            List<String> cmd = new ArrayList<>(List.of(RunnerFigures.java(), "-Xmx256m", "-Dfile.encoding=UTF-8", "-cp", runnerClassPath(),
                    CpuTimedRunner.class.getName()));
            cmd.addAll(gateway.onceRunnerArguments(dir.resolve("data")));
            Path log = dir.resolve("runner.log");
            long launched = System.currentTimeMillis();
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            double inRunNanosPerCall = Double.NaN;
            try (InRunMargin inRun = inRunFrom > 0 ? new InRunMargin(gateway, p.toHandle(), inRunFrom, n) : null) {
                if (!p.waitFor(30, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("the runner did not finish " + n + " updates within 30 minutes");
                }
                if (inRun != null) {
                    inRunNanosPerCall = inRun.nanosPerCall();
                }
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
            return new RunnerRun(cpu, gateway.firstCallEpochMillis(), launched, inRunNanosPerCall);
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
        RunnerRun run = runnerOnce(gateway, work, 1, 0);
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
     * One reading of the floor per update, in thread CPU nanoseconds: taken on every core at once, the
     * reference, and on one core while the others idle.
     *
     * <p>Why every core: the routes keep both cores busy, and on these virtual cores a signature costs
     * more CPU time while the other core works too (in sixteen paired readings from 4% less to 22% more,
     * 7% more at the median: a shared host's clock and caches). The work the route cannot avoid is the floor in the conditions
     * the route runs in; the one-core floor is printed beside it.
     */
    record FloorReading(double allCores, double oneCore) {
        FloorReading meanWith(FloorReading other) {
            return new FloorReading((allCores + other.allCores) / 2, (oneCore + other.oneCore) / 2);
        }
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
        // One signer and one verifier for every thread, as the route shares its own among its workers.
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

        /** The floor on every core at once, then on this thread alone, each over {@code iterations} per thread. */
        FloorReading read(int iterations) throws InterruptedException {
            int cores = Runtime.getRuntime().availableProcessors();
            double[] perThread = new double[cores];
            RuntimeException[] failed = new RuntimeException[1];
            Thread[] threads = new Thread[cores];
            for (int i = 0; i < cores; i++) {
                int slot = i;
                threads[i] = new Thread(() -> {
                    try {
                        perThread[slot] = perUpdateNanos(iterations);
                    } catch (RuntimeException e) {
                        failed[0] = e;
                    }
                }, "bench-floor-" + i);
                threads[i].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            if (failed[0] != null) {
                throw failed[0];
            }
            return new FloorReading(Arrays.stream(perThread).average().orElseThrow(), perUpdateNanos(iterations));
        }

        /** This thread's CPU nanoseconds per (signature + verification), over {@code iterations}. */
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

    /** The end of a child's output, for an error message. */
    static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }
}
