package io.alipass.camel.bench;

import io.alipass.camel.bench.ResultTable.Row;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The benchmark behind {@code bench/run}: measures each figure of bench/README.md and its reference
 * in this one run, on this machine, and prints one table of ratios.
 *
 * <p>Arguments: none for the full run (about 13 minutes on 2 busy cores), {@code --quick} for a few
 * minutes, {@code --smoke} for the seconds-long run the tests use (its numbers mean nothing);
 * {@code --cpu-only} for figures 7 (CPU per update, {@link CpuFigures}) and 8 (batch start-up) alone.
 */
public final class Benchmark {
    /**
     * How much work each figure does. A figure and its reference are taken in {@code rounds} turns
     * of alternating order, and the median ratio is reported, so that a change in the machine's
     * load during the run falls on both sides alike.
     */
    record Sizes(String name, int rounds, int jmhForks, int jmhWarmups, int jmhIterations, int jmhMillis,
                 int cpuWarmup, int cpuUpdates, int cpuConcurrency,
                 Duration latency, List<Integer> inFlight, double latencySeconds,
                 int dropFiles, int dropLines, int callLimitUpdates,
                 int cpuBatchSmall, int cpuBatchLarge, int cpuBatchSettled, int cpuBatchLongest, int cpuKeptWarmupAtMost,
                 int floorWarmupIterations, int floorIterations) {
        static Sizes of(String name) {
            return switch (name) {
                case "full" -> new Sizes(name, 3, 1, 5, 3, 1000, 2000, 3000, 8, Duration.ofMillis(100), List.of(16, 64, 256), 12,
                        2_000, 20_000, 6_000, 1_000, 4_000, 12_000, 28_000, 80_000, 3_000, 600);
                case "quick" -> new Sizes(name, 2, 1, 3, 2, 1000, 600, 1000, 8, Duration.ofMillis(100), List.of(16, 64, 256), 5,
                        300, 3_000, 3_000, 500, 2_000, 6_000, 14_000, 60_000, 2_000, 400);
                case "smoke" -> new Sizes(name, 1, 0, 1, 1, 100, 20, 40, 4, Duration.ofMillis(20), List.of(16, 64, 256), 0.1,
                        10, 100, 150, 20, 100, 160, 200, 200, 10, 10);
                default -> throw new IllegalArgumentException("unknown size " + name + ": use --quick or --smoke, or nothing");
            };
        }

        /** The drop-folder loads of the issue: each record is one 2048-bit signature, so about half an hour on 2 cores. */
        Sizes issueScale() {
            return new Sizes(name + ", drop folder at issue scale", rounds, jmhForks, jmhWarmups, jmhIterations, jmhMillis,
                    cpuWarmup, cpuUpdates, cpuConcurrency, latency, inFlight, latencySeconds, 100_000, 1_000_000,
                    callLimitUpdates, cpuBatchSmall, cpuBatchLarge, cpuBatchSettled, cpuBatchLongest, cpuKeptWarmupAtMost,
                    floorWarmupIterations, floorIterations);
        }
    }

    private static final int PASSES = 1000;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final Sizes sizes;
    private final PrintStream out;
    private final ResultTable table = new ResultTable();

    private final boolean runnerOnly;
    private final boolean callLimitOnly;
    private boolean cpuOnly;

    Benchmark(Sizes sizes, PrintStream out, boolean runnerOnly) {
        this(sizes, out, runnerOnly, false);
    }

    Benchmark(Sizes sizes, PrintStream out, boolean runnerOnly, boolean callLimitOnly) {
        this.sizes = sizes;
        this.out = out;
        this.runnerOnly = runnerOnly;
        this.callLimitOnly = callLimitOnly;
    }

    public static void main(String[] args) throws Exception {
        String size = "full";
        boolean issueScale = false;
        boolean runnerOnly = false;
        boolean callLimitOnly = false;
        boolean cpuOnly = false;
        for (String a : args) {
            switch (a) {
                case "--quick" -> size = "quick";
                case "--smoke" -> size = "smoke";
                case "--issue-scale" -> issueScale = true;
                case "--runner-only" -> runnerOnly = true;
                case "--call-limit-only" -> callLimitOnly = true;
                case "--cpu-only" -> cpuOnly = true;
                default -> {
                    System.err.println("usage: bench/run [--quick | --smoke] [--issue-scale] [--runner-only | --call-limit-only | --cpu-only]");
                    System.exit(2);
                }
            }
        }
        // The broker warns about queues without a dead-letter address, Spring about consumers
        // interrupted when a timed route stops: neither matters here.
        Configurator.setLevel("org.apache.activemq", Level.ERROR);
        Configurator.setLevel("org.springframework", Level.ERROR);
        Sizes sizes = Sizes.of(size);
        Benchmark benchmark = new Benchmark(issueScale ? sizes.issueScale() : sizes, System.out, runnerOnly, callLimitOnly);
        benchmark.cpuOnly = cpuOnly;
        benchmark.run();
        System.exit(0); // JMS and HTTP client threads are not all daemons
    }

    List<Row> run() throws Exception {
        long t0 = System.nanoTime();
        out.printf(Locale.ROOT, "alipass-camel benchmark (%s), %d cores, Java %s%n", sizes.name(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if (cpuOnly) {
            new CpuFigures(sizes, this::progress).run().forEach(table::add);
        } else {
            if (!runnerOnly && !callLimitOnly) {
                signing();
                try (BenchGateway gateway = BenchGateway.start(PASSES)) {
                    endToEnd(gateway);
                }
            }
            if (!callLimitOnly) {
                new CpuFigures(sizes, this::progress).run().forEach(table::add);
                runnerFigures();
            }
            callLimit();
        }
        out.println();
        table.print(out);
        out.printf(Locale.ROOT, "(%s run took %.0f s; ratios compare figures taken in this one run)%n", sizes.name(),
                (System.nanoTime() - t0) / 1e9);
        return table.rows();
    }

    /**
     * Figure 1, with JMH: forks use this JVM's class path, which bench/run sets. Bouncy Castle's RSA
     * path needs a few seconds of warm-up before C2 has compiled it (measured: a quarter of its
     * steady speed after half a second), hence warm-up iterations longer than the measured ones.
     */
    private void signing() throws Exception {
        Paired paired = pairedJmh("1 signing (JMH)", "signingProcessor", "rawSignature");
        table.add(new Row("1", "signing processor, signatures/s (1 thread)", paired.ours(),
                "raw JCA Signature SHA256withRSA, same content", paired.reference(), paired.ratio(), "ratio >= 0.95",
                paired.ratio() >= 0.95, paired.note()));
        // The processor signs with Bouncy Castle (the design's choice); against a bare Bouncy Castle
        // Signature the ratio is the processor's own overhead, without the difference between providers.
        Paired sameProvider = pairedJmh("1b signing against bare Bouncy Castle (JMH)", "signingProcessor", "rawBouncyCastleSignature");
        table.add(new Row("1b", "signing processor, signatures/s (1 thread)", sameProvider.ours(),
                "bare Bouncy Castle RSADigestSigner, same content", sameProvider.reference(), sameProvider.ratio(), "ratio >= 0.95",
                sameProvider.ratio() >= 0.95, sameProvider.note()));
        // RequestSigner takes any JCA provider; on the JDK's own, the processor is compared with the issue's
        // reference on equal terms (the signatures are byte-identical: PKCS#1 v1.5 is deterministic).
        Paired onJdk = pairedJmh("1c signing processor on the JDK provider (JMH)", "signingProcessorOnJdkProvider", "rawSignature");
        table.add(new Row("1c", "signing processor on the JDK's provider, signatures/s", onJdk.ours(),
                "raw JCA Signature SHA256withRSA, same content", onJdk.reference(), onJdk.ratio(), "ratio >= 0.95",
                onJdk.ratio() >= 0.95, onJdk.note()));
    }

    /** The signing processor against a reference method, in alternating rounds so that drift hits both alike. */
    private Paired pairedJmh(String label, String oursMethod, String referenceMethod) throws Exception {
        Paired paired = new Paired();
        for (int round = 0; round < sizes.rounds(); round++) {
            progress(label + ", round " + (round + 1) + " of " + sizes.rounds());
            boolean oursFirst = round % 2 == 0;
            double a = jmh(oursFirst ? oursMethod : referenceMethod);
            double b = jmh(oursFirst ? referenceMethod : oursMethod);
            paired.add(oursFirst ? a : b, oursFirst ? b : a);
        }
        return paired;
    }

    private double jmh(String method) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(SigningBenchmark.class.getName() + "\\." + method + "$")
                .forks(sizes.jmhForks())
                .warmupIterations(sizes.jmhWarmups())
                .warmupTime(TimeValue.milliseconds(sizes.jmhMillis()))
                .measurementIterations(sizes.jmhIterations())
                .measurementTime(TimeValue.milliseconds(sizes.jmhMillis()))
                .threads(1)
                .timeUnit(TimeUnit.SECONDS)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                // Replaces the forks' default of this JVM's own options (bench/run's heap).
                .jvmArgs("-Xms256m", "-Xmx256m", "-Dfile.encoding=UTF-8");
        return score(new Runner(options.build()).run(), method);
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("JMH gave no result for " + method))
                .getPrimaryResult().getScore();
    }

    /** Figures 2 and 3. The SDK runs in its own JVM (see {@link SdkLoad}), taking turns with our route. */
    private void endToEnd(BenchGateway gateway) throws Exception {
        int maxInFlight = sizes.inFlight().stream().mapToInt(Integer::intValue).max().orElse(1);
        try (RouteLoad route = new RouteLoad(gateway, Math.max(200, maxInFlight));
             SdkProcess sdk = new SdkProcess(gateway, PASSES, sizes.cpuConcurrency())) {
            int c = sizes.cpuConcurrency();
            gateway.latency(Duration.ZERO);
            progress("2 end to end, CPU-bound: warming up both sides");
            route.run(sizes.cpuWarmup(), c, TIMEOUT);
            sdk.run(sizes.cpuWarmup(), c);
            Paired paired = new Paired();
            for (int round = 0; round < sizes.rounds(); round++) {
                progress("2 end to end, CPU-bound, round " + (round + 1) + " of " + sizes.rounds());
                if (round % 2 == 0) {
                    double ours = route.run(sizes.cpuUpdates(), c, TIMEOUT);
                    paired.add(ours, sdk.run(sizes.cpuUpdates(), c));
                } else {
                    double theirs = sdk.run(sizes.cpuUpdates(), c);
                    paired.add(route.run(sizes.cpuUpdates(), c, TIMEOUT), theirs);
                }
            }
            table.add(new Row("2", "route JMS->enrich->sign->HTTP->verify, updates/s, C = " + c, paired.ours(),
                    "alipay-sdk-java, thread pool, same C", paired.reference(), paired.ratio(), "ratio >= 1.20",
                    paired.ratio() >= 1.2, paired.note()));

            double cpuBound = paired.ours();
            gateway.latency(sizes.latency());
            char letter = 'a';
            for (int inFlight : sizes.inFlight()) {
                progress("3 end to end, latency-bound: C = " + inFlight);
                double ideal = inFlight / (sizes.latency().toNanos() / 1e9);
                // About latencySeconds of steady load at whichever ceiling holds (latency or CPU), so a
                // CPU-bound C does not run many times longer than a latency-bound one.
                int n = (int) Math.max(4L * inFlight, Math.round(Math.min(ideal, cpuBound) * sizes.latencySeconds()));
                double whole = route.run(n, inFlight, TIMEOUT);
                // Steady state: the route's start (JMS consumers, connections, the first round trip) is a fixed
                // cost of each timed run, not part of what C calls in flight carry; the whole-run rate is in the note.
                double steady = route.lastSteadyRate();
                double got = Double.isNaN(steady) ? whole : steady;
                String note = String.format(Locale.ROOT, "steady rate, from the C-th outcome to the C-th from last; n = %d; "
                        + "whole run from route start: %.1f updates/s", n, whole);
                // The issue's goal is C = 16 (0.95); the larger C keep the earlier 0.9.
                double goal = inFlight <= 16 ? 0.95 : 0.9;
                String figure = "route with " + sizes.latency().toMillis() + " ms gateway latency, C = " + inFlight + ", updates/s";
                if (ideal > cpuBound) {
                    // C / latency is more than this machine can sign: the CPU is the ceiling, whatever the design,
                    // so the reference is what the route does when nothing but the CPU limits it (figure 2).
                    table.add(Row.of("3" + letter++, figure, got, "CPU-bound rate (figure 2; C / latency = "
                            + String.format(Locale.ROOT, "%.0f", ideal) + ")", cpuBound, goal, note));
                } else {
                    table.add(Row.of("3" + letter++, figure, got, "C / latency", ideal, goal, note));
                }
            }
            gateway.latency(Duration.ZERO);
        }
    }

    /** Figures 4 and 5 need the standalone runner, as a separate JVM. */
    private void runnerFigures() throws Exception {
        RunnerFigures runner = RunnerFigures.find();
        if (runner == null) {
            String why = "not measured: runner not available";
            table.add(Row.notMeasured("4a", "drop folder, small files, -Xmx128m, s", "-", "no failure", why));
            table.add(Row.notMeasured("4b", "drop folder, one JSON-lines file, -Xmx128m, s", "-", "no failure", why));
            table.add(Row.notMeasured("5", "runner start-up until ready, s", "bare camel-main hello world", "-", why));
            return;
        }
        progress(String.format(Locale.ROOT, "4 drop folder: %,d files, then one file of %,d lines", sizes.dropFiles(), sizes.dropLines()));
        runner.dropFolder(sizes.dropFiles(), sizes.dropLines()).forEach(table::add);
        progress("5 start-up: runner and camel-main hello world");
        table.add(runner.startUp(sizes.rounds() == 1 ? 1 : Math.max(3, sizes.rounds())));
    }

    /**
     * Figure 6 (issue 13): the runner ({@code --once}, drop folder, no rate limit configured) against a
     * sandbox that allows {@value #QUOTA} calls per second and answers 40005 beyond: how much of the
     * quota it turns into successes, and how many of its calls the gateway refused.
     */
    private void callLimit() throws Exception {
        progress(String.format(Locale.ROOT, "6 call limit: %,d updates against a quota of %d calls/s", sizes.callLimitUpdates(), QUOTA));
        java.nio.file.Path work = java.nio.file.Files.createTempDirectory("bench-call-limit");
        CallLimitRun.Figures f = CallLimitRun.runnerOnce(work, sizes.callLimitUpdates(), QUOTA, 0);
        String note = f.succeeded() == f.n() ? f.toString() : "NOT ALL SUCCEEDED: " + f;
        table.add(Row.of("6a", "runner --once against a 40005 quota, successes/s", f.successesPerSecond(),
                "the quota, calls/s", QUOTA, 0.9, note));
        double share = 100 * f.callLimitedShare();
        table.add(new Row("6b", "same run, calls answered 40005, % of all calls", share, "goal, %", 5, share / 5,
                "ratio <= 1.00", share <= 5, null));
    }

    private static final int QUOTA = 100;

    private final long started = System.nanoTime();

    private void progress(String what) {
        out.printf(Locale.ROOT, "... %5.1f s  %s%n", (System.nanoTime() - started) / 1e9, what);
        out.flush();
    }
}
