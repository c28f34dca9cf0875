package io.alipass.camel.runner;

import io.alipass.camel.component.OutcomeKind;
import io.alipass.camel.component.OutcomeListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the runner has done: records received, outcomes by kind (for the batch summary and
 * the progress line) and, in Micrometer, {@code alipass.outcomes} by kind, method, code and sub_code
 * and the {@code alipass.gateway.calls} timer by method and kind. Thread-safe.
 *
 * <p>The summary's three numbers: done (success, or a duplicate the gateway had already answered),
 * failed (business failure or invalid input, which retrying cannot fix) and dead-lettered (retries
 * exhausted, or an unexpected error).
 */
public final class RunTally implements OutcomeListener {
    private final MeterRegistry meters;
    private final LongAdder received = new LongAdder();
    private final LongAdder done = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder unreadableFiles = new LongAdder();

    public RunTally(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A record entered the routes (from a file, JMS or HTTP). Called by the YAML source routes. */
    public void recordReceived() {
        received.increment();
    }

    /** A dropped file could not be read as records and went to the error folder. */
    public void recordUnreadableFile() {
        unreadableFiles.increment();
        meters.counter("alipass.files.unreadable").increment();
    }

    @Override
    public void outcome(OutcomeKind kind, String method, String code, String subCode) {
        LongAdder counted = switch (kind) {
            // A duplicate was answered before and is not sent again: nothing is left to do, so a re-dropped
            // file that the idempotency file already answered does not make --once exit 1.
            case SUCCESS, DUPLICATE -> done;
            case BUSINESS_FAILURE, INVALID_INPUT -> failed;
            // The last two are one call's kinds, never final on their own; counted where they would end.
            case DEAD_LETTER, ERROR, TRANSIENT_FAILURE, INVALID_RESPONSE -> deadLettered;
        };
        counted.increment();
        Counter.builder("alipass.outcomes")
                .description("Final outcomes of pass updates")
                .tag("kind", kind.wireName())
                .tag("method", tagValue(method))
                .tag("code", tagValue(code))
                .tag("sub_code", tagValue(subCode))
                .register(meters)
                .increment();
    }

    @Override
    public void gatewayCall(String method, OutcomeKind kind, long nanos) {
        Timer.builder("alipass.gateway.calls")
                .description("Calls to the Alipay gateway, signing excluded")
                .tag("method", tagValue(method))
                .tag("kind", kind.wireName())
                .register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records that entered the routes. */
    public long received() {
        return received.sum();
    }

    /** Records that reached an outcome endpoint. */
    public long finished() {
        return done.sum() + failed.sum() + deadLettered.sum();
    }

    public long done() {
        return done.sum();
    }

    public long failed() {
        return failed.sum();
    }

    public long deadLettered() {
        return deadLettered.sum();
    }

    public long unreadableFiles() {
        return unreadableFiles.sum();
    }

    /** Whether anything went wrong: a failed or dead-lettered record, or an unreadable file. */
    public boolean anyFailure() {
        return failed() + deadLettered() + unreadableFiles() > 0;
    }

    /** The batch summary line: {@code done 3, failed 1, dead-lettered 0, unreadable files 0}. */
    public String summary() {
        return "done " + done() + ", failed " + failed() + ", dead-lettered " + deadLettered()
                + ", unreadable files " + unreadableFiles();
    }

    private static String tagValue(String value) {
        return value == null || value.isEmpty() ? "none" : value;
    }
}
