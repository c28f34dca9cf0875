package io.alipass.camel.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the outcomes of one load and lets the driver wait for all of them. */
final class Tally {
    final AtomicInteger success = new AtomicInteger();
    final AtomicInteger failure = new AtomicInteger();
    /** System.nanoTime() of the first outcome, 0 before it. */
    private final java.util.concurrent.atomic.AtomicLong firstOutcome = new java.util.concurrent.atomic.AtomicLong();

    void success() {
        firstOutcome.compareAndSet(0, System.nanoTime());
        success.incrementAndGet();
    }

    void failure() {
        firstOutcome.compareAndSet(0, System.nanoTime());
        failure.incrementAndGet();
    }

    /** When the first outcome arrived (System.nanoTime()), 0 if none has. */
    long firstOutcomeNanos() {
        return firstOutcome.get();
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
