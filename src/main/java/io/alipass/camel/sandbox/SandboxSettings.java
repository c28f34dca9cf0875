package io.alipass.camel.sandbox;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link SandboxGateway} runs. Build with {@link #builder()}; every option has a default,
 * so {@code SandboxSettings.builder().build()} is a working sandbox on a free port.
 *
 * @param port               the TCP port on 127.0.0.1; 0 picks a free one
 * @param keysDir            where the sandbox's keys and certificates are read from if present, and
 *                           written to otherwise; null for a fresh temporary directory, removed on close
 * @param alipayKeyBits      the size of a generated Alipay RSA key; the real one is 2048
 * @param timestampTolerance how far {@code timestamp} may be from the sandbox's clock
 * @param forbiddenWords     words a template may not contain ({@code KP.AE_ALIPASS_DATA_CONTAIN_FORBIDDEN_WORD})
 * @param faultSeed          the seed of the random fault shares, so a run can be repeated
 * @param workerThreads      threads that read, check and answer requests; 0 to answer on the HTTP
 *                           server's single dispatcher thread, which saves a thread hand-off per
 *                           request but lets one slow client hold up the others
 * @param recordedRequests   how many received requests are kept for inspection (the oldest are dropped)
 * @param clock              the clock timestamps are checked against
 * @param callLimit          calls per second each app may make before the sandbox answers {@code 40005
 *                           isv.app-call-limited} ({@link CallQuota}); 0 for no limit
 * @param methodCallLimits   calls per second per app for single API methods (by method name), beyond
 *                           which the sandbox answers {@code 40005 isv.method-call-limited}
 */
public record SandboxSettings(int port, Path keysDir, int alipayKeyBits, Duration timestampTolerance,
                              Set<String> forbiddenWords, long faultSeed, int workerThreads, int recordedRequests,
                              Clock clock, int callLimit, Map<String, Integer> methodCallLimits) {

    /** Placeholder forbidden words: the real list is Alipay's and not public. */
    public static final List<String> DEFAULT_FORBIDDEN_WORDS = List.of("违禁词", "赌博", "forbidden-word");

    public SandboxSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
        }
        if (alipayKeyBits < 1024) {
            throw new IllegalArgumentException("alipayKeyBits must be at least 1024, was " + alipayKeyBits);
        }
        Objects.requireNonNull(timestampTolerance, "timestampTolerance");
        forbiddenWords = Set.copyOf(forbiddenWords);
        if (workerThreads < 0) {
            throw new IllegalArgumentException("workerThreads must not be negative");
        }
        if (recordedRequests < 0) {
            throw new IllegalArgumentException("recordedRequests must not be negative");
        }
        Objects.requireNonNull(clock, "clock");
        if (callLimit < 0) {
            throw new IllegalArgumentException("callLimit must be 0 (none) or more, was " + callLimit);
        }
        methodCallLimits = Map.copyOf(methodCallLimits);
        methodCallLimits.forEach((method, limit) -> {
            if (limit < 1) {
                throw new IllegalArgumentException("the call limit of " + method + " must be at least 1, was " + limit);
            }
        });
    }

    /** A builder with the defaults: free port, temporary keys, 2048-bit key, ±15 minutes. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SandboxSettings}. */
    public static final class Builder {
        private int port;
        private Path keysDir;
        private int alipayKeyBits = 2048;
        private Duration timestampTolerance = Duration.ofMinutes(15);
        private final Set<String> forbiddenWords = new LinkedHashSet<>(DEFAULT_FORBIDDEN_WORDS);
        private long faultSeed = 1L;
        private int workerThreads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
        private int recordedRequests = 10_000;
        private Clock clock = Clock.systemUTC();
        private int callLimit;
        private final Map<String, Integer> methodCallLimits = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder keysDir(Path keysDir) {
            this.keysDir = keysDir;
            return this;
        }

        public Builder alipayKeyBits(int bits) {
            this.alipayKeyBits = bits;
            return this;
        }

        public Builder timestampTolerance(Duration tolerance) {
            this.timestampTolerance = tolerance;
            return this;
        }

        /** Replaces the forbidden words. */
        public Builder forbiddenWords(Iterable<String> words) {
            forbiddenWords.clear();
            words.forEach(forbiddenWords::add);
            return this;
        }

        public Builder faultSeed(long seed) {
            this.faultSeed = seed;
            return this;
        }

        public Builder workerThreads(int threads) {
            this.workerThreads = threads;
            return this;
        }

        public Builder recordedRequests(int count) {
            this.recordedRequests = count;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Answers {@code 40005 isv.app-call-limited} beyond this many calls per second per app; 0 for no limit. */
        public Builder callLimit(int perSecond) {
            this.callLimit = perSecond;
            return this;
        }

        /** Answers {@code 40005 isv.method-call-limited} beyond this many calls per second of one method per app. */
        public Builder methodCallLimit(String method, int perSecond) {
            methodCallLimits.put(method, perSecond);
            return this;
        }

        public SandboxSettings build() {
            return new SandboxSettings(port, keysDir, alipayKeyBits, timestampTolerance, forbiddenWords, faultSeed,
                    workerThreads, recordedRequests, clock, callLimit, methodCallLimits);
        }
    }
}
