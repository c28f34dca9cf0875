package io.alipass.camel.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The route's behaviour where no gateway answers: invalid input never reaches it, and an
 * unreachable gateway is retried, then dead-lettered. The gateway address is a loopback port that
 * was free a moment ago, so connections are refused for real.
 */
class RouteWithoutGatewayTest extends CamelTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected RoutesBuilder createRouteBuilder() throws Exception {
        return new AlipassRoutes(TestKeys.appOnAClosedPort());
    }

    @Override
    protected void doPostSetup() throws Exception {
        TemplatedRouteBuilder.builder(context, AlipassRoutes.TEMPLATE)
                .routeId("under-test")
                .parameter("sourceUri", "direct:in")
                .parameter("successUri", "mock:success")
                .parameter("failureUri", "mock:failure")
                .parameter("deadLetterUri", "mock:dead")
                .parameter("maximumRedeliveries", "2")
                .parameter("redeliveryDelay", "10")
                .add();
    }

    @Test
    void invalidInputGoesToTheFailureEndpointNamingFieldAndRule() throws Exception {
        MockEndpoint failure = getMockEndpoint("mock:failure");
        failure.expectedMessageCount(1);
        failure.expectedHeaderReceived(AlipassHeaders.OUTCOME, "invalid-input");
        getMockEndpoint("mock:success").expectedMessageCount(0);
        getMockEndpoint("mock:dead").expectedMessageCount(0);

        String input = "{\"api\":\"instance.update\",\"serial_number\":\"s1\",\"status\":\"DONE\"}";
        template.sendBody("direct:in", input);

        MockEndpoint.assertIsSatisfied(context);
        JsonNode doc = JSON.readTree(failure.getExchanges().get(0).getMessage().getBody(String.class));
        assertEquals("invalid-input", doc.get("outcome").asText());
        assertEquals("status", doc.get("violations").get(0).get("field").asText());
        assertTrue(doc.get("violations").get(0).get("rule").asText().contains("USED, CLOSED"));
        assertEquals(input, doc.get("input").asText());
        assertEquals(0, doc.get("attempts").asInt(), "the gateway was never called");
    }

    @Test
    void theDefaultChannelIdFillsARecordWithoutOne() throws Exception {
        // With a channel_id default the record is valid, so it gets as far as the (unreachable) gateway.
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);
        template.sendBody("direct:in", "{\"api\":\"instance.update\",\"serial_number\":\"s1\",\"status\":\"USED\","
                + "\"verify_code\":\"1\",\"verify_type\":\"qrcode\"}");
        MockEndpoint.assertIsSatisfied(context);
        assertEquals(3, dead.getExchanges().get(0).getMessage().getHeader(AlipassHeaders.ATTEMPTS, Integer.class));
    }

    @Test
    void anUnreachableGatewayIsRetriedThenDeadLettered() throws Exception {
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);
        dead.expectedHeaderReceived(AlipassHeaders.OUTCOME, "dead-letter");
        getMockEndpoint("mock:success").expectedMessageCount(0);
        getMockEndpoint("mock:failure").expectedMessageCount(0);

        template.sendBody("direct:in", "{\"api\":\"template.update\",\"tpl_id\":\"t1\",\"tpl_content\":{\"logo\":\"\"}}");

        MockEndpoint.assertIsSatisfied(context);
        JsonNode doc = JSON.readTree(dead.getExchanges().get(0).getMessage().getBody(String.class));
        assertEquals("io-error", doc.get("last_outcome").asText());
        assertEquals(3, doc.get("attempts").asInt(), "one call and two redeliveries, each signed afresh");
        assertTrue(doc.get("reason").asText().contains("Connect"), doc.get("reason").asText());
    }
}
