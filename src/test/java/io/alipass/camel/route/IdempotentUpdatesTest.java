package io.alipass.camel.route;


import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import io.alipass.camel.sandbox.Fault;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With an idempotent repository named on the template, an instance update the gateway already
 * answered is not sent again: it still gets exactly one outcome, "duplicate", at the success
 * endpoint. The repository is a file, so this holds across a restart.
 */
class IdempotentUpdatesTest {
    private static final String APP_ID = "2021000000000001";
    private static final String CHANNEL = "2088000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SERIALS = new AtomicInteger();
    static SandboxGateway sandbox;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxGateway.start(SandboxSettings.builder().port(0).keysDir(Files.createTempDirectory("sandbox-keys")).build());
        sandbox.registerApp(APP_ID, TestKeys.APP.getPublic());
        sandbox.state().addTemplate("tpl-1", "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** A running template instance from direct:in; with a file repository when a store is given. */
    private DefaultCamelContext route(Path store) throws Exception {
        DefaultCamelContext ctx = new DefaultCamelContext();
        if (store != null) {
            ctx.getRegistry().bind("passUpdatesSeen", FileIdempotentRepository.fileIdempotentRepository(store.toFile(), 100_000));
        }
        GatewayProtocol protocol = GatewayProtocol.builder().appId(APP_ID)
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .verifier(new ResponseVerifier(sandbox.alipayPublicKey())).build();
        ctx.addRoutes(new AlipassRoutes(protocol, sandbox.url(), CHANNEL));
        ctx.start();
        TemplatedRouteBuilder.builder(ctx, AlipassRoutes.TEMPLATE).routeId("updates")
                .parameter("sourceUri", "direct:in").parameter("successUri", "mock:success")
                .parameter("failureUri", "mock:failure").parameter("deadLetterUri", "mock:dead")
                .parameter("maximumRedeliveries", "1").parameter("redeliveryDelay", "5")
                .parameter("idempotentRepository", store == null ? "" : "passUpdatesSeen")
                .add();
        return ctx;
    }

    @Test
    void anIdempotentRepositoryThatIsNoBeanStopsTheTemplateInstanceFromBeingBuilt() throws Exception {
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            GatewayProtocol protocol = GatewayProtocol.builder().appId(APP_ID)
                    .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                    .verifier(new ResponseVerifier(sandbox.alipayPublicKey())).build();
            ctx.addRoutes(new AlipassRoutes(protocol, sandbox.url(), CHANNEL));
            ctx.start();
            var builder = TemplatedRouteBuilder.builder(ctx, AlipassRoutes.TEMPLATE).routeId("updates")
                    .parameter("sourceUri", "direct:in").parameter("successUri", "mock:success")
                    .parameter("failureUri", "mock:failure").parameter("deadLetterUri", "mock:dead")
                    .parameter("idempotentRepository", "noSuchRepository");
            IllegalArgumentException e =
                    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, builder::add);
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            org.junit.jupiter.api.Assertions.assertTrue(cause.getMessage().contains("idempotentRepository")
                    && cause.getMessage().contains("noSuchRepository"), cause.getMessage());
        }
    }

    private static String issuedPass() {
        String serial = "idem-" + SERIALS.incrementAndGet();
        sandbox.state().addPass("tpl-1", serial, CHANNEL, Map.of("title", "券"));
        return serial;
    }

    private static String update(String serial, String title) {
        return "{\"api\":\"instance.update\",\"serial_number\":\"" + serial + "\",\"tpl_params\":{\"title\":\"" + title + "\"}}";
    }

    private static List<String> outcomes(DefaultCamelContext ctx, String endpoint) throws Exception {
        List<String> out = new ArrayList<>();
        for (Exchange x : MockEndpoint.resolve(ctx, endpoint).getExchanges()) {
            JsonNode doc = JSON.readTree(x.getMessage().getBody(String.class));
            out.add(doc.get("outcome").asText());
        }
        return out;
    }

    @Test
    void anUpdateAlreadyAnsweredIsNotSentAgainAndIsReportedAsDuplicate() throws Exception {
        String serial = issuedPass();
        try (DefaultCamelContext ctx = route(dir.resolve("seen.dat"))) {
            long before = sandbox.received().total();
            ctx.createProducerTemplate().sendBody("direct:in", update(serial, "A"));
            ctx.createProducerTemplate().sendBody("direct:in", update(serial, "A"));
            assertEquals(List.of("success", "duplicate"), outcomes(ctx, "mock:success"));
            assertEquals(1, sandbox.received().total() - before, "the gateway was called once");
        }
    }

    @Test
    void theRepositoryOutlivesARestart() throws Exception {
        String serial = issuedPass();
        Path store = dir.resolve("seen.dat");
        try (DefaultCamelContext first = route(store)) {
            first.createProducerTemplate().sendBody("direct:in", update(serial, "A"));
        }
        long before = sandbox.received().total();
        try (DefaultCamelContext second = route(store)) {
            second.createProducerTemplate().sendBody("direct:in", update(serial, "A"));
            assertEquals(List.of("duplicate"), outcomes(second, "mock:success"));
        }
        assertEquals(0, sandbox.received().total() - before);
    }

    @Test
    void aDeadLetteredUpdateIsNotRememberedSoItCanBeResent() throws Exception {
        String serial = issuedPass();
        try (DefaultCamelContext ctx = route(dir.resolve("seen.dat"))) {
            sandbox.faults().reset().next(Fault.SERVICE_UNAVAILABLE, 2);
            ctx.createProducerTemplate().sendBody("direct:in", update(serial, "A"));
            sandbox.faults().reset();
            ctx.createProducerTemplate().sendBody("direct:in", update(serial, "A"));
            assertEquals(List.of("dead-letter"), outcomes(ctx, "mock:dead"));
            assertEquals(List.of("success"), outcomes(ctx, "mock:success"));
        } finally {
            sandbox.faults().reset();
        }
    }

    /** Stands in for a crash between the gateway's answer and its outcome: the update must not be remembered. */
    @Test
    void anUpdateWhoseOutcomeWasNotDeliveredIsNotRememberedSoItIsSentAgain() throws Exception {
        String serial = issuedPass();
        try (DefaultCamelContext ctx = route(dir.resolve("seen.dat"))) {
            MockEndpoint.resolve(ctx, "mock:success").whenExchangeReceived(1, x -> {
                throw new IllegalStateException("the success endpoint is unavailable");
            });
            long before = sandbox.received().total();
            ctx.createProducerTemplate().sendBody("direct:in", update(serial, "A"));
            ctx.createProducerTemplate().sendBody("direct:in", update(serial, "A"));
            assertEquals(2, sandbox.received().total() - before, "the update went to the gateway again");
            assertEquals(List.of("success", "success"), outcomes(ctx, "mock:success"), "the second delivery got its success");
        }
    }

    @Test
    void aDifferentUpdateOfTheSamePassIsSent() throws Exception {
        String serial = issuedPass();
        try (DefaultCamelContext ctx = route(dir.resolve("seen.dat"))) {
            ctx.createProducerTemplate().sendBody("direct:in", update(serial, "A"));
            ctx.createProducerTemplate().sendBody("direct:in", update(serial, "B"));
            assertEquals(List.of("success", "success"), outcomes(ctx, "mock:success"));
        }
    }

    /** A batch delivered twice, as a broker redelivers after a crash: the gateway calls fall from 2N to N. */
    @Test
    void aRedeliveredBatchReachesTheGatewayOnceWithARepositoryAndTwiceWithout() throws Exception {
        int n = 20;
        long[] calls = new long[2];
        for (int run = 0; run < 2; run++) {
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batch.add(update(issuedPass(), "t" + i));
            }
            try (DefaultCamelContext ctx = route(run == 0 ? null : dir.resolve("seen.dat"))) {
                long before = sandbox.received().total();
                for (int delivery = 0; delivery < 2; delivery++) {
                    batch.forEach(b -> ctx.createProducerTemplate().sendBody("direct:in", b));
                }
                calls[run] = sandbox.received().total() - before;
                assertEquals(2 * n, MockEndpoint.resolve(ctx, "mock:success").getReceivedCounter(), "every delivery has one outcome");
            }
        }
        System.out.printf("redelivered batch of %d: duplicate gateway calls without a repository %d, with one %d%n",
                n, calls[0] - n, calls[1] - n);
        assertEquals(2L * n, calls[0]);
        assertEquals(n, calls[1]);
    }
}
