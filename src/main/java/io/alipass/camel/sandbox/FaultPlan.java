package io.alipass.camel.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Which failures and delays the sandbox injects, changeable while it runs. A scripted queue comes
 * first ("the next 2 calls answer 20000, then normal"); when it is empty, each call draws from the
 * random shares, with a seeded generator so a run with the same arrival order repeats exactly.
 * Latency is the time from a request's arrival to its answer: a fixed part plus a uniformly random
 * extra (the sandbox's own work on the call counts towards it, as a real gateway's does).
 *
 * <p>Thread-safe: every method is synchronized; deciding costs a few nanoseconds.
 */
public final class FaultPlan {
    /**
     * What to do with one call.
     *
     * @param fault the failure to inject, or null for a normal answer
     * @param delay how long to wait before answering
     * @param refusal a scripted gateway refusal to answer instead of processing the call, or null
     */
    public record Decision(Fault fault, Duration delay, GatewayError refusal) {
        public Decision(Fault fault, Duration delay) {
            this(fault, delay, null);
        }
    }

    private final Random random;
    private final Map<Fault, Double> shares = new EnumMap<>(Fault.class);
    /** An ArrayDeque refuses null, so a scripted normal answer is queued as this marker. */
    private static final Object NORMAL = new Object();
    /** Scripted calls: a {@link Fault}, a {@link GatewayError} or {@link #NORMAL}. */
    private final Deque<Object> script = new ArrayDeque<>();
    private Duration fixedLatency = Duration.ZERO;
    private Duration randomLatency = Duration.ZERO;

    FaultPlan(long seed) {
        this.random = new Random(seed);
    }

    /** Every answer leaves {@code fixed} plus up to {@code randomExtra} (uniformly) after its request arrived. */
    public synchronized FaultPlan latency(Duration fixed, Duration randomExtra) {
        if (fixed.isNegative() || randomExtra.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        this.fixedLatency = fixed;
        this.randomLatency = randomExtra;
        return this;
    }

    /** Injects a fault into this share (0 to 1) of the calls that no script covers. */
    public synchronized FaultPlan share(Fault fault, double share) {
        Objects.requireNonNull(fault, "fault");
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("share must be between 0 and 1, was " + share);
        }
        shares.put(fault, share);
        double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total > 1.0 + 1e-9) {
            shares.put(fault, 0.0);
            throw new IllegalArgumentException("the shares add up to more than 1");
        }
        return this;
    }

    /** Scripts the next {@code times} calls to fail with {@code fault}, after anything already scripted. */
    public synchronized FaultPlan next(Fault fault, int times) {
        Objects.requireNonNull(fault, "fault");
        for (int i = 0; i < times; i++) {
            script.addLast(fault);
        }
        return this;
    }

    /**
     * Scripts the next {@code times} calls to be refused with this gateway error (signed, the state
     * unchanged), after anything already scripted: {@code 20001} for a bad {@code app_auth_token},
     * {@code 40003}, {@code 40006}, {@code 40005} and so on.
     */
    public synchronized FaultPlan next(GatewayError refusal, int times) {
        Objects.requireNonNull(refusal, "refusal");
        for (int i = 0; i < times; i++) {
            script.addLast(refusal);
        }
        return this;
    }

    /** Scripts the next {@code times} calls to be answered normally, whatever the random shares say. */
    public synchronized FaultPlan nextNormal(int times) {
        for (int i = 0; i < times; i++) {
            script.addLast(NORMAL);
        }
        return this;
    }

    /** How many scripted calls are still to come. */
    public synchronized int scripted() {
        return script.size();
    }

    /** Back to no faults and no latency; the random generator keeps its position. */
    public synchronized FaultPlan reset() {
        shares.clear();
        script.clear();
        fixedLatency = Duration.ZERO;
        randomLatency = Duration.ZERO;
        return this;
    }

    /** Decides the fate of the next call. */
    synchronized Decision decide() {
        Duration delay = fixedLatency;
        if (!randomLatency.isZero()) {
            delay = delay.plusNanos((long) (random.nextDouble() * randomLatency.toNanos()));
        }
        Object scripted = script.pollFirst();
        if (scripted != null) {
            if (scripted instanceof GatewayError refusal) {
                return new Decision(null, delay, refusal);
            }
            return new Decision(scripted == NORMAL ? null : (Fault) scripted, delay);
        }
        if (shares.isEmpty()) {
            return new Decision(null, delay);
        }
        double draw = random.nextDouble();
        double upTo = 0;
        for (Map.Entry<Fault, Double> e : shares.entrySet()) {
            upTo += e.getValue();
            if (draw < upTo) {
                return new Decision(e.getKey(), delay);
            }
        }
        return new Decision(null, delay);
    }
}
