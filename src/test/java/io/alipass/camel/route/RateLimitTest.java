package io.alipass.camel.route;

import io.alipass.camel.component.AlipayPassConfiguration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.alipass.camel.sandbox.ReceivedRequest;
import java.time.Duration;
import java.util.List;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * The per-app rate limit: with a limit of 2 calls per second, six calls sent at once reach the sandbox
 * spread out as the limit spaces them, half a second apart, where without it they would all arrive
 * within milliseconds. The calls are timed where the sandbox receives them, after signing and the
 * network: on a loaded machine each can be late by a few hundred milliseconds, so the bounds leave
 * half a second for that and still fail at once without a limit.
 */
class RateLimitTest extends SourceContract {
    private static final int LIMIT = 2;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        AlipayPassConfiguration app = new AlipayPassConfiguration();
        app.setProtocol(protocol());
        app.setGatewayUrl(sandbox.url());
        app.setChannelId(CHANNEL);
        app.setRateLimit(LIMIT);
        return new AlipassRoutes(app);
    }

    @Override
    String sourceUri() {
        return "seda:limited?concurrentConsumers=6";
    }

    @Override
    void send(String body) {
        template.sendBody("seda:limited", body);
    }

    @Test
    void noSecondHoldsMoreCallsThanTheLimit() throws Exception {
        sandbox.received().clear();
        expect(6, 0, 0);
        for (int i = 0; i < 6; i++) {
            send(used(issuedPass()));
        }
        MockEndpoint.assertIsSatisfied(context, 30, java.util.concurrent.TimeUnit.SECONDS);
        List<ReceivedRequest> calls = sandbox.received().forMethod("alipay.pass.instance.update");
        assertEquals(6, calls.size());
        Duration lateness = Duration.ofMillis(500);
        for (int i = 0; i + LIMIT < calls.size(); i++) {
            Duration window = Duration.between(calls.get(i).receivedAt(), calls.get(i + LIMIT).receivedAt());
            assertFalse(window.compareTo(Duration.ofSeconds(1).minus(lateness)) < 0,
                    "calls " + i + " to " + (i + LIMIT) + " fell within " + window);
        }
        Duration all = Duration.between(calls.get(0).receivedAt(), calls.get(calls.size() - 1).receivedAt());
        Duration paced = Duration.ofMillis(1000L * (calls.size() - 1) / LIMIT);
        assertFalse(all.compareTo(paced.minus(lateness)) < 0, "six calls at 2 per second took only " + all);
    }
}
