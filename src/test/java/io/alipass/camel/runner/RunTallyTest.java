package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.component.OutcomeKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class RunTallyTest {

    @Test
    void outcomesCountAsDoneFailedOrDeadLetteredAndAsMeters() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RunTally tally = new RunTally(meters);
        for (int i = 0; i < 3; i++) {
            tally.recordReceived();
        }
        tally.outcome(OutcomeKind.SUCCESS, "alipay.pass.instance.update", "10000", null);
        tally.outcome(OutcomeKind.BUSINESS_FAILURE, "alipay.pass.instance.update", "40004", "KP.AE_ALIPASS_NOTEXIST");
        tally.outcome(OutcomeKind.DEAD_LETTER, "alipay.pass.instance.update", "20000", "isp.unknow-error");
        tally.gatewayCall("alipay.pass.instance.update", OutcomeKind.SUCCESS, 5_000_000);

        assertEquals("done 1, failed 1, dead-lettered 1, unreadable files 0, skipped 0", tally.summary());
        assertTrue(tally.anyFailure());
        assertEquals(1.0, meters.get("alipass.outcomes").tag("sub_code", "KP.AE_ALIPASS_NOTEXIST").counter().count());
        assertEquals(1.0, meters.get("alipass.outcomes").tag("kind", "success").tag("sub_code", "none").counter().count());
        assertEquals(1, meters.get("alipass.gateway.calls").tag("kind", "success").timer().count());
    }

    @Test
    void repeatedTagsCountOnOneMeterAndNewTagsGetTheirOwn() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RunTally tally = new RunTally(meters);
        for (int i = 0; i < 5; i++) {
            tally.outcome(OutcomeKind.SUCCESS, "alipay.pass.instance.update", "10000", null);
            tally.gatewayCall("alipay.pass.instance.update", OutcomeKind.SUCCESS, 1_000_000);
        }
        tally.outcome(OutcomeKind.SUCCESS, "alipay.pass.template.update", "10000", null);
        tally.gatewayCall("alipay.pass.instance.update", OutcomeKind.CALL_LIMITED, 1_000_000);

        assertEquals(5.0, meters.get("alipass.outcomes").tag("method", "alipay.pass.instance.update").counter().count());
        assertEquals(1.0, meters.get("alipass.outcomes").tag("method", "alipay.pass.template.update").counter().count());
        assertEquals(5, meters.get("alipass.gateway.calls").tag("kind", "success").timer().count());
        assertEquals(1, meters.get("alipass.gateway.calls").tag("kind", OutcomeKind.CALL_LIMITED.wireName()).timer().count());
        assertEquals(2, meters.get("alipass.outcomes").counters().size());
        assertEquals(2, meters.get("alipass.gateway.calls").timers().size());
    }

    @Test
    void onlySuccessesIsNoFailure() {
        RunTally tally = new RunTally(new SimpleMeterRegistry());
        tally.outcome(OutcomeKind.SUCCESS, "alipay.pass.template.update", "10000", null);
        assertFalse(tally.anyFailure());
    }

    @Test
    void aDuplicateTheGatewayAlreadyAnsweredIsDoneNotAFailure() {
        // A re-dropped file whose updates the idempotency file already answered: --once must exit 0.
        RunTally tally = new RunTally(new SimpleMeterRegistry());
        tally.outcome(OutcomeKind.DUPLICATE, "alipay.pass.instance.update", null, null);
        assertEquals("done 1, failed 0, dead-lettered 0, unreadable files 0, skipped 0", tally.summary());
        assertFalse(tally.anyFailure());
    }

    @Test
    void theProgressLineSaysDoneOfReceivedAndTheRate() {
        RunTally tally = new RunTally(new SimpleMeterRegistry());
        tally.outcome(OutcomeKind.SUCCESS, null, "10000", null);
        tally.outcome(OutcomeKind.INVALID_INPUT, null, null, "KP.AE_ALIPASS_PARAM_IS_NULL");
        ProgressLine line = new ProgressLine(new DefaultCamelContext(), tally, java.time.Duration.ofSeconds(10));
        assertEquals("progress: 2 of 1500 records (done 1, failed 1, dead-lettered 0), 85.3/s", line.line(1500, 2, 85.25));
    }
}
