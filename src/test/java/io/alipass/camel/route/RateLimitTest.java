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
 * The per-app rate limit: with a limit of 2 calls per second, no second-long window at the
 * sandbox ever holds more than 2 calls. This bounds the rate from above only, so a slow machine
 * cannot make it fail.
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
        for (int i = 0; i + LIMIT < calls.size(); i++) {
            Duration window = Duration.between(calls.get(i).receivedAt(), calls.get(i + LIMIT).receivedAt());
            boolean tooMany = window.compareTo(Duration.ofMillis(900)) < 0;
            assertFalse(tooMany, "calls " + i + " to " + (i + LIMIT) + " fell within " + window);
        }
    }
}
