package io.alipass.camel.route;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OutcomeReplay} in a library route: outcome documents arriving on any endpoint (here
 * {@code direct:dead-letters}, standing in for a JMS dead-letter queue) go through the template again.
 */
class OutcomeReplayTest {
    private static final String CHANNEL = "2088000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();
    static SandboxGateway sandbox;

    @TempDir
    Path dir;
    private DefaultCamelContext ctx;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxGateway.start(SandboxSettings.builder().port(0).keysDir(Files.createTempDirectory("sandbox-keys")).build());
        sandbox.registerApp("2021000000000001", TestKeys.APP.getPublic());
        sandbox.state().addTemplate("tpl-1", "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
        sandbox.state().addPass("tpl-1", "replay-1", CHANNEL, Map.of("title", "券"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void route() throws Exception {
        ctx = new DefaultCamelContext();
        ctx.getRegistry().bind("seen", FileIdempotentRepository.fileIdempotentRepository(dir.resolve("seen.dat").toFile(), 1000));
        ctx.addRoutes(new AlipassRoutes(TestKeys.protocol(sandbox.alipayPublicKey()), sandbox.url(), CHANNEL));
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:dead-letters").process(new OutcomeReplay()).to("direct:updates");
            }
        });
        ctx.start();
        TemplatedRouteBuilder.builder(ctx, AlipassRoutes.TEMPLATE).routeId("updates")
                .parameter("sourceUri", "direct:updates").parameter("successUri", "mock:success")
                .parameter("failureUri", "mock:failure").parameter("deadLetterUri", "mock:dead")
                .parameter("idempotentRepository", "seen")
                .add();
    }

    @AfterEach
    void close() {
        ctx.stop();
    }

    private static String deadLetter(String input) {
        return JSON.createObjectNode().put("outcome", "dead-letter").put("sub_code", "isp.unknow-error").put("input", input).toString();
    }

    @Test
    void aDocumentFromAnyEndpointIsSentAgainAndItsOutcomeNamesIt() throws Exception {
        String doc = deadLetter("{\"api\":\"instance.update\",\"serial_number\":\"replay-1\",\"tpl_params\":{\"title\":\"B\"}}");
        long before = sandbox.received().total();

        ctx.createProducerTemplate().sendBodyAndHeader("direct:dead-letters", doc, "JMSMessageID", "ID:dead-7");

        Exchange out = MockEndpoint.resolve(ctx, "mock:success").getExchanges().get(0);
        JsonNode result = JSON.readTree(out.getMessage().getBody(String.class));
        assertEquals("success", result.path("outcome").asText());
        assertEquals("ID:dead-7", result.path("replay_of").asText());
        assertEquals(1, sandbox.received().total() - before);
    }

    @Test
    void theSameDocumentReplayedTwiceReachesTheGatewayOnce() throws Exception {
        String doc = deadLetter("{\"api\":\"instance.update\",\"serial_number\":\"replay-1\",\"tpl_params\":{\"title\":\"C\"}}");
        long before = sandbox.received().total();

        ctx.createProducerTemplate().sendBody("direct:dead-letters", doc);
        ctx.createProducerTemplate().sendBody("direct:dead-letters", doc);

        assertEquals(1, sandbox.received().total() - before);
        assertEquals("duplicate", JSON.readTree(MockEndpoint.resolve(ctx, "mock:success").getExchanges().get(1)
                .getMessage().getBody(String.class)).path("outcome").asText());
    }

    @Test
    void aDocumentWithoutInputIsRefusedNotGuessedAt() {
        Exchange done = ctx.createProducerTemplate().send("direct:dead-letters",
                x -> x.getMessage().setBody("{\"outcome\":\"error\",\"reason\":\"the body was binary\"}"));
        NotReplayableException e = assertInstanceOf(NotReplayableException.class, done.getException());
        assertTrue(e.getMessage().contains("\"input\" is missing"), e.getMessage());
        assertEquals(0, MockEndpoint.resolve(ctx, "mock:success").getReceivedCounter() + MockEndpoint.resolve(ctx, "mock:dead").getReceivedCounter());
    }
}
