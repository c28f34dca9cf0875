package io.alipass.camel.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counts the outcomes of one load, remembers when each arrived, and lets the driver wait for all of them. */
final class Tally {
    final AtomicInteger success = new AtomicInteger();
    final AtomicInteger failure = new AtomicInteger();
    /** System.nanoTime() of each outcome, in the order they arrived (as many as the load's size; later ones are only counted). */
    private final AtomicLongArray outcomeNanos;
    private final AtomicInteger arrived = new AtomicInteger();

    /** A tally for a load of {@code n} updates. */
    Tally(int n) {
        outcomeNanos = new AtomicLongArray(Math.max(1, n));
    }

    void success() {
        arrivedNow();
        success.incrementAndGet();
    }

    void failure() {
        arrivedNow();
        failure.incrementAndGet();
    }

    private void arrivedNow() {
        long now = System.nanoTime();
        int i = arrived.getAndIncrement();
        if (i < outcomeNanos.length()) {
            outcomeNanos.set(i, now);
        }
    }

    /**
     * Outcomes per second between the {@code skip}-th outcome and the {@code skip}-th from last: what the
     * load carries once every one of its {@code skip} workers is busy and before the queue runs dry. The
     * first wave of a load arrives spread over its workers' start (a JMS listener container starts its
     * consumers one after the other), and in the last wave fewer than {@code skip} calls are in flight;
     * a short run's rate from the first outcome to the last counts both. NaN when fewer than
     * {@code 2 * skip + 2} outcomes arrived.
     */
    double steadyRate(int skip) {
        int n = Math.min(arrived.get(), outcomeNanos.length());
        if (n < 2 * skip + 2) {
            return Double.NaN;
        }
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = outcomeNanos.get(i);
        }
        java.util.Arrays.sort(times); // threads may record out of order by a few nanoseconds
        long from = times[skip];
        long to = times[n - 1 - skip];
        return to > from ? (n - 1 - 2 * skip) / ((to - from) / 1e9) : Double.NaN;
    }

    int done() {
        return success.get() + failure.get();
    }

    /**
     * Waits until {@code n} outcomes are in and returns the nanoTime at which that was seen (polled
     * every millisecond, so the waiting costs the load nothing); -1 on timeout.
     */
    long await(int n, long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        while (done() < n) {
            if (System.nanoTime() > end) {
                return -1;
            }
            Thread.sleep(1);
        }
        return System.nanoTime();
    }

    /** Throws unless every one of the {@code n} updates succeeded. */
    void requireAllSucceeded(String what, int n) {
        if (success.get() != n || failure.get() != 0) {
            throw new IllegalStateException(what + ": " + success.get() + " of " + n + " succeeded, "
                    + failure.get() + " failed");
        }
    }
}
