package io.alipass.camel.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The rate at which one app calls the gateway: a hard ceiling (the configured rate limit, shared by
 * every source of the app) and, under it, a rate that adapts to the gateway's call limits. Callers
 * {@link #acquire(GatewayMethod) acquire} a permit before each call (every attempt, retries included)
 * and {@link #record(GatewayMethod, PassUpdateOutcome) record} each outcome. Thread-safe.
 *
 * <p>The adaptation is AIMD, as TCP's congestion control: a call-limited answer ({@code 40005} or
 * HTTP 429, see {@link Retryability}) lowers the rate multiplicatively, to {@value #DECREASE} of what
 * the gateway actually accepted in the last second (or of the current rate, if lower); every accepted
 * call raises it a little, by {@code max(1, rate/25)} calls per second per second of accepted calls.
 * The rate thus settles in a sawtooth just under the gateway's quota, between 0.9 and 1.0 of it, and
 * only the calls at the top of each tooth are refused. At most one decrease per second, because the
 * answers to calls already on their way when the rate went down say nothing new. Without a ceiling the
 * rate is unlimited until the first {@code 40005}. {@code isv.app-call-limited} lowers the app's rate;
 * {@code isv.method-call-limited} lowers only that method's, which every call of the method also waits for.
 *
 * <p>Why not a library: Resilience4j's {@code RateLimiter} can change its limit at run time
 * ({@code changeLimitForPeriod}), but it hands out a period's permits at once, so every second starts
 * with a burst that a gateway counting in windows refuses; Guava's {@code RateLimiter} spaces calls
 * evenly and can change its rate, but is marked {@code @Beta}, would add Guava (3 MB) to every user's
 * classpath, and like Camel's throttler does not adapt by itself. The adaptation is the part that
 * matters and none of them offers it; the even spacing it needs is a dozen lines, below.
 *
 * <p>Several runners (JVMs) calling for one app each adapt on their own: each finds its share of the
 * quota, and their sum stays just under it, but a runner that starts later first takes some of the
 * others' share through 40005 answers until all have settled. See README, "Call limits".
 */
public final class AdaptiveCallRate {
    /** The multiplicative decrease: the new rate is this share of the accepted rate. */
    static final double DECREASE = 0.9;
    /**
     * The additive increase: each second of accepted calls adds this share of the rate (at least one
     * call per second), so the climb from 0.9 back to the quota takes about 2.5 s whatever the quota,
     * and the rate spends most of its time near the top of the sawtooth.
     */
    static final double INCREASE = 1.0 / 25;
    /** The lowest rate a decrease goes to, in calls per second. */
    static final double FLOOR = 1.0;
    /** Where a decrease starts when nothing was accepted lately and no rate was set. */
    static final double UNKNOWN_START = 10.0;
    private static final long SECOND = 1_000_000_000L;
    private static final System.Logger LOG = System.getLogger(AdaptiveCallRate.class.getName());

    private final double ceilingPerSecond;
    private final Pace app;
    private final Map<GatewayMethod, Pace> methods = new ConcurrentHashMap<>();

    private AdaptiveCallRate(double ceilingPerSecond) {
        if (ceilingPerSecond < 0 || Double.isNaN(ceilingPerSecond)) {
            throw new GatewayConfigurationException("rate-limit must be 0 (none) or more");
        }
        this.ceilingPerSecond = ceilingPerSecond;
        this.app = new Pace("the app", ceilingPerSecond == 0 ? Double.POSITIVE_INFINITY : ceilingPerSecond);
    }

    /** A call rate with this ceiling in calls per second; 0 for no ceiling. */
    public static AdaptiveCallRate of(double ceilingPerSecond) {
        return new AdaptiveCallRate(ceilingPerSecond);
    }

    /** Waits until a call of this method may go out: the method's own pace, if limited, then the app's. */
    public void acquire(GatewayMethod method) throws InterruptedException {
        Pace own = methods.get(method);
        if (own != null) {
            own.acquire();
        }
        app.acquire();
    }

    /** Hears the outcome of a call made after {@link #acquire}: a call-limited one slows down, an accepted one speeds up. */
    public void record(GatewayMethod method, PassUpdateOutcome outcome) {
        if (outcome instanceof PassUpdateOutcome.CallLimited limited) {
            String why = limited.code() != null ? limited.code() + " " + limited.subCode() : limited.cause();
            if (limited.methodLimited()) {
                methods.computeIfAbsent(method, m -> new Pace(m.name(), app.rate())).slowDown(why);
            } else {
                app.slowDown(why);
            }
        } else if (accepted(outcome)) {
            app.speedUp();
            Pace own = methods.get(method);
            if (own != null) {
                own.speedUp();
            }
        }
    }

    /** The calls per second the app may now make; {@link Double#POSITIVE_INFINITY} without ceiling or adaptation. */
    public double currentRate() {
        return app.rate();
    }

    /** The calls per second this method may now make: the lower of its own rate and the app's. */
    public double currentRate(GatewayMethod method) {
        Pace own = methods.get(method);
        return own == null ? app.rate() : Math.min(own.rate(), app.rate());
    }

    /** The configured ceiling in calls per second; 0 for none. */
    public double ceiling() {
        return ceilingPerSecond;
    }

    /** Whether the gateway took the call into its quota: it answered, and not with a call limit. */
    private static boolean accepted(PassUpdateOutcome outcome) {
        return outcome instanceof PassUpdateOutcome.Success || outcome instanceof PassUpdateOutcome.BusinessFailure
                || outcome instanceof PassUpdateOutcome.TransientFailure t && t.code() != null;
    }

    @Override
    public String toString() {
        return "AdaptiveCallRate[ceiling " + (ceilingPerSecond == 0 ? "none" : ceilingPerSecond + "/s") + ", now "
                + format(currentRate()) + "]";
    }

    private static String format(double rate) {
        return Double.isInfinite(rate) ? "unlimited" : String.format(java.util.Locale.ROOT, "%.1f/s", rate);
    }

    /** One rate (the app's or a method's), its even spacing, and what the gateway accepted lately. */
    private final class Pace {
        private final String name;
        private final double max;
        private double rate;
        private long nextFreeAt;
        private long lastDecreaseAt;
        private boolean decreased;
        private double loggedRate;
        /** Accepted calls in ten buckets of 100 ms: the last second's count. */
        private final long[] buckets = new long[10];
        private long bucketEpoch;
        private boolean counting;

        Pace(String name, double rate) {
            this.name = name;
            this.max = ceilingPerSecond == 0 ? Double.POSITIVE_INFINITY : ceilingPerSecond;
            this.rate = Math.min(rate, max);
            this.loggedRate = this.rate;
        }

        void acquire() throws InterruptedException {
            long slot;
            synchronized (this) {
                if (Double.isInfinite(rate)) {
                    return;
                }
                long now = System.nanoTime();
                slot = Math.max(now, nextFreeAt);
                nextFreeAt = slot + (long) (SECOND / rate);
            }
            long wait = slot - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }

        synchronized double rate() {
            return rate;
        }

        synchronized void slowDown(String why) {
            long now = System.nanoTime();
            if (decreased && now - lastDecreaseAt < SECOND) {
                return;
            }
            long acceptedLastSecond = acceptedLastSecond(now);
            // Nothing accepted lately (another runner holds the quota, or this is the first call): halve
            // a known rate, or start from a modest one and let the increase find the share.
            double base = acceptedLastSecond > 0 ? Math.min(rate, acceptedLastSecond)
                    : Double.isInfinite(rate) ? UNKNOWN_START : rate / 2 / DECREASE;
            rate = Math.max(FLOOR, DECREASE * base);
            decreased = true;
            lastDecreaseAt = now;
            logIfMuchChanged(why);
        }

        synchronized void speedUp() {
            countAccepted(System.nanoTime());
            if (Double.isInfinite(rate) || rate >= max) {
                return;
            }
            double step = Math.max(1.0, rate * INCREASE);
            rate = Math.min(max, rate + step / rate);
            logIfMuchChanged(null);
        }

        private void countAccepted(long now) {
            roll(now);
            buckets[Math.floorMod(bucketEpoch, buckets.length)]++;
        }

        private long acceptedLastSecond(long now) {
            roll(now);
            long sum = 0;
            for (long b : buckets) {
                sum += b;
            }
            return sum;
        }

        /** Moves to the bucket of {@code now}, emptying the buckets passed over. */
        private void roll(long now) {
            long epoch = Math.floorDiv(now, SECOND / buckets.length);
            if (!counting || epoch - bucketEpoch >= buckets.length) {
                java.util.Arrays.fill(buckets, 0);
                bucketEpoch = epoch;
                counting = true;
                return;
            }
            while (bucketEpoch < epoch) {
                bucketEpoch++;
                buckets[Math.floorMod(bucketEpoch, buckets.length)] = 0;
            }
        }

        /** Logs a change of more than a factor of two since the last line, not every step. */
        private void logIfMuchChanged(String why) {
            boolean much = Double.isInfinite(loggedRate) != Double.isInfinite(rate)
                    || rate > 2 * loggedRate || rate < loggedRate / 2;
            if (much) {
                LOG.log(System.Logger.Level.INFO, "gateway call rate of {0} {1} to {2} (was {3}){4}", name,
                        rate < loggedRate ? "lowered" : "raised", format(rate), format(loggedRate),
                        why == null ? "" : " after " + why);
                loggedRate = rate;
            }
        }
    }
}
