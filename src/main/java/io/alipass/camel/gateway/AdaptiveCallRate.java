package io.alipass.camel.gateway;

/**
 * The rate at which one app calls the gateway: a hard ceiling (the configured rate limit, shared by
 * every source of the app) and, under it, a rate that adapts to the gateway's call limits. Callers
 * {@link #acquire(GatewayMethod) acquire} a permit before each call (every attempt, retries included)
 * and {@link #record(GatewayMethod, PassUpdateOutcome) record} each outcome, so that a
 * {@code 40005} answer can slow the app down. Thread-safe.
 *
 * <p>This first version only enforces the ceiling, with calls spaced evenly; issue 13 makes it adapt.
 */
public final class AdaptiveCallRate {
    private final double ceilingPerSecond;
    private final long intervalNanos;
    private long nextFreeAt;

    private AdaptiveCallRate(double ceilingPerSecond) {
        if (ceilingPerSecond < 0 || Double.isNaN(ceilingPerSecond)) {
            throw new GatewayConfigurationException("rate-limit must be 0 (none) or more");
        }
        this.ceilingPerSecond = ceilingPerSecond;
        this.intervalNanos = ceilingPerSecond == 0 ? 0 : (long) (1_000_000_000L / ceilingPerSecond);
    }

    /** A call rate with this ceiling in calls per second; 0 for no ceiling. */
    public static AdaptiveCallRate of(double ceilingPerSecond) {
        return new AdaptiveCallRate(ceilingPerSecond);
    }

    /** Waits until a call of this method may go out. */
    public void acquire(GatewayMethod method) throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextFreeAt);
            nextFreeAt = slot + intervalNanos;
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Hears the outcome of a call made after {@link #acquire}. */
    public void record(GatewayMethod method, PassUpdateOutcome outcome) {
        // Not adaptive yet.
    }

    /** The calls per second now allowed; {@link Double#POSITIVE_INFINITY} without ceiling or adaptation. */
    public double currentRate() {
        return ceilingPerSecond == 0 ? Double.POSITIVE_INFINITY : ceilingPerSecond;
    }

    @Override
    public String toString() {
        return "AdaptiveCallRate[ceiling " + (ceilingPerSecond == 0 ? "none" : ceilingPerSecond + "/s") + "]";
    }
}
