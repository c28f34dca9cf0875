package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The AIMD call rate: 40005 lowers it, accepted calls raise it slowly, the ceiling holds. */
class AdaptiveCallRateTest {
    private static final GatewayMethod INSTANCE = GatewayMethod.PASS_INSTANCE_UPDATE;
    private static final GatewayMethod TEMPLATE = GatewayMethod.PASS_TEMPLATE_UPDATE;

    private static PassUpdateOutcome success(GatewayMethod m) {
        return new PassUpdateOutcome.Success(m, "10000", "Success", PassResult.NONE);
    }

    private static PassUpdateOutcome limited(GatewayMethod m, String subCode) {
        return new PassUpdateOutcome.CallLimited(m, "40005", "Call Limited", subCode, null, null);
    }

    @Test
    void withoutCeilingTheRateIsUnlimitedUntilTheFirstCallLimit() {
        AdaptiveCallRate rate = AdaptiveCallRate.of(0);
        assertEquals(Double.POSITIVE_INFINITY, rate.currentRate());
        for (int i = 0; i < 50; i++) {
            rate.record(INSTANCE, success(INSTANCE));
        }
        rate.record(INSTANCE, limited(INSTANCE, GatewayCode.APP_CALL_LIMITED));
        assertEquals(0.9 * 50, rate.currentRate(), 1e-9, "0.9 of the 50 calls the gateway accepted in the last second");
    }

    @Test
    void aCallLimitLowersTheRateMultiplicativelyAndAcceptedCallsRaiseItSlowly() {
        AdaptiveCallRate rate = AdaptiveCallRate.of(100);
        for (int i = 0; i < 100; i++) {
            rate.record(INSTANCE, success(INSTANCE));
        }
        rate.record(INSTANCE, limited(INSTANCE, GatewayCode.APP_CALL_LIMITED));
        double lowered = rate.currentRate();
        assertEquals(90, lowered, 1e-9);
        for (int i = 0; i < 90; i++) {
            rate.record(INSTANCE, success(INSTANCE));
        }
        assertTrue(rate.currentRate() > lowered && rate.currentRate() < lowered + 5,
                "a second of accepted calls adds about max(1, rate/25) calls per second: " + rate.currentRate());
    }

    @Test
    void aSecondCallLimitWithinTheSameSecondDoesNotLowerTheRateAgain() {
        AdaptiveCallRate rate = AdaptiveCallRate.of(100);
        for (int i = 0; i < 100; i++) {
            rate.record(INSTANCE, success(INSTANCE));
        }
        rate.record(INSTANCE, limited(INSTANCE, GatewayCode.APP_CALL_LIMITED));
        rate.record(INSTANCE, limited(INSTANCE, GatewayCode.APP_CALL_LIMITED));
        assertEquals(90, rate.currentRate(), 1e-9, "answers to calls already under way say nothing new");
    }

    @Test
    void theRateNeverRisesAboveTheCeiling() {
        AdaptiveCallRate rate = AdaptiveCallRate.of(10);
        for (int i = 0; i < 10_000; i++) {
            rate.record(INSTANCE, success(INSTANCE));
        }
        assertEquals(10, rate.currentRate(), 1e-9);
    }

    @Test
    void aMethodCallLimitLowersOnlyThatMethod() {
        AdaptiveCallRate rate = AdaptiveCallRate.of(100);
        for (int i = 0; i < 40; i++) {
            rate.record(TEMPLATE, success(TEMPLATE));
        }
        rate.record(TEMPLATE, limited(TEMPLATE, GatewayCode.METHOD_CALL_LIMITED));
        assertEquals(100, rate.currentRate(), 1e-9, "the app's rate");
        assertEquals(100, rate.currentRate(INSTANCE), 1e-9);
        assertTrue(rate.currentRate(TEMPLATE) < 100, "the template method's rate: " + rate.currentRate(TEMPLATE));
    }

    @Test
    void anHttp429AlsoLowersTheRate() {
        AdaptiveCallRate rate = AdaptiveCallRate.of(20);
        rate.record(INSTANCE, new PassUpdateOutcome.CallLimited(INSTANCE, null, null, null, null, "HTTP 429"));
        assertTrue(rate.currentRate() < 20);
    }

    @Test
    void aNegativeCeilingIsRefusedWithItsName() {
        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class, () -> AdaptiveCallRate.of(-1));
        assertTrue(e.getMessage().contains("rate-limit"));
    }
}
