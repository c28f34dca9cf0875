package io.alipass.camel.bench;

import io.alipass.camel.runner.AlipassRunner;
import io.alipass.camel.runner.RunTally;
import io.alipass.camel.sandbox.ReceivedRequest;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of N instance updates through the runner ({@code --once}, drop folder) against a sandbox that
 * allows {@code quota} calls per second per app and answers {@code 40005} beyond, and the figures the
 * call-limit test and the benchmark row read from it: what succeeded, how fast, and how many calls the
 * gateway refused. Shared by {@code CallLimitedRunTest} and {@link Benchmark}, so both measure alike.
 */
public final class CallLimitRun {
    /** The calls of the first seconds, while the rate finds the quota, are left out of the 40005 share. */
    public static final Duration WARM_UP = Duration.ofSeconds(10);

    private CallLimitRun() {
    }

    /**
     * What one run showed.
     *
     * @param n                       updates sent
     * @param succeeded               outcomes {@code success}
     * @param failed                  business failures and invalid input
     * @param deadLettered            dead letters and errors
     * @param calls                   calls the gateway received
     * @param callLimited             calls it answered 40005
     * @param callsAfterWarmUp        calls after {@link #WARM_UP}
     * @param callLimitedAfterWarmUp  of those, answered 40005
     * @param seconds                 from the first call to the last
     * @param busiestSecond           the most calls that fell within any 0.9 s (a one-second window, less
     *                                the timestamp jitter of a busy machine)
     */
    public record Figures(int n, long succeeded, long failed, long deadLettered, int calls, int callLimited,
                          int callsAfterWarmUp, int callLimitedAfterWarmUp, double seconds, int busiestSecond) {

        /** Successes per second over the run. */
        public double successesPerSecond() {
            return succeeded / Math.max(seconds, 1e-9);
        }

        /** The share of the calls after the warm-up that were answered 40005. */
        public double callLimitedShareAfterWarmUp() {
            return callsAfterWarmUp == 0 ? 0 : (double) callLimitedAfterWarmUp / callsAfterWarmUp;
        }

        /** The share of all calls answered 40005. */
        public double callLimitedShare() {
            return calls == 0 ? 0 : (double) callLimited / calls;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "n=%d success=%d failed=%d dead=%d calls=%d 40005=%d (%.1f%% after %ds warm-up)"
                            + " %.1fs %.1f successes/s busiest 0.9s=%d", n, succeeded, failed, deadLettered, calls, callLimited,
                    100 * callLimitedShareAfterWarmUp(), WARM_UP.toSeconds(), seconds, successesPerSecond(), busiestSecond);
        }
    }

    /**
     * Runs N updates through {@code java -jar runner --once} (in this JVM) against a fresh sandbox with
     * this quota; {@code rateLimit} is {@code alipass.rate-limit} (0 for none).
     */
    public static Figures runnerOnce(Path work, int n, int quota, double rateLimit) throws Exception {
        Path keys = work.resolve("keys");
        CrashBenchTool.keys(keys);
        try (SandboxGateway sandbox = CrashBenchTool.seededSandbox(SandboxSettings.builder().port(0)
                .keysDir(keys.resolve("sandbox-keys")).callLimit(quota).recordedRequests(Math.max(10_000, 4 * n)).build(), keys, n)) {
            Path inbox = Files.createDirectories(work.resolve("data/inbox"));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(CrashBenchTool.update(i)).append('\n');
            }
            Files.writeString(work.resolve("updates.part"), sb);
            Files.move(work.resolve("updates.part"), inbox.resolve("updates.jsonl"));
            AlipassRunner runner = new AlipassRunner("--once", "--alipass.data-dir=" + work.resolve("data"),
                    "--alipass.gateway-url=" + sandbox.url(), "--alipass.app-id=" + CrashBenchTool.APP_ID,
                    "--alipass.private-key=" + keys.resolve("app_private_key.pem"),
                    "--alipass.alipay-public-key=" + sandbox.alipayPublicKeyBase64(),
                    "--alipass.channel-id=" + CrashBenchTool.CHANNEL, "--alipass.rate-limit=" + rateLimit,
                    "--alipass.retry.redelivery-delay=100");
            runner.run();
            RunTally t = runner.tally();
            return figures(n, t.done(), t.failed(), t.deadLettered(), sandbox.received().all());
        }
    }

    /** The figures of a run from its outcome counts and the calls the sandbox received. */
    public static Figures figures(int n, long succeeded, long failed, long deadLettered, List<ReceivedRequest> calls) {
        List<ReceivedRequest> sorted = new ArrayList<>(calls);
        sorted.sort(java.util.Comparator.comparing(ReceivedRequest::receivedAt));
        if (sorted.isEmpty()) {
            return new Figures(n, succeeded, failed, deadLettered, 0, 0, 0, 0, 0, 0);
        }
        Instant first = sorted.get(0).receivedAt();
        Instant warm = first.plus(WARM_UP);
        int limited = 0;
        int after = 0;
        int limitedAfter = 0;
        for (ReceivedRequest r : sorted) {
            boolean isLimited = "40005".equals(r.code());
            limited += isLimited ? 1 : 0;
            if (!r.receivedAt().isBefore(warm)) {
                after++;
                limitedAfter += isLimited ? 1 : 0;
            }
        }
        int busiest = 0;
        int j = 0;
        for (int i = 0; i < sorted.size(); i++) {
            while (Duration.between(sorted.get(j).receivedAt(), sorted.get(i).receivedAt()).toMillis() >= 900) {
                j++;
            }
            busiest = Math.max(busiest, i - j + 1);
        }
        double seconds = Duration.between(first, sorted.get(sorted.size() - 1).receivedAt()).toNanos() / 1e9;
        return new Figures(n, succeeded, failed, deadLettered, sorted.size(), limited, after, limitedAfter, seconds, busiest);
    }
}
