package io.alipass.camel.route;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.pass.PassUpdateReader;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import io.alipass.camel.testdb.TestPostgres;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two runners (two CamelContexts, each with its own {@link JdbcUpdateRepository}) share one real
 * PostgreSQL database: a delivery answered by one is not sent again by the other, the same delivery
 * in flight on both at once goes out once, a new delivery of earlier content is sent, and an update
 * whose holder died mid-call is dead-lettered, not sent twice.
 */
class SharedIdempotencyTest {
    private static final String CHANNEL = "2088000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SERIALS = new AtomicInteger();
    private static final Duration EXPIRY = Duration.ofMillis(1500);
    static SandboxGateway sandbox;

    private DataSource database;
    private final List<DefaultCamelContext> runners = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxGateway.start(SandboxSettings.builder().port(0).keysDir(Files.createTempDirectory("sandbox-keys")).build());
        sandbox.registerApp("2021000000000001", TestKeys.APP.getPublic());
        sandbox.state().addTemplate("tpl-1", "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = TestPostgres.dataSource(TestPostgres.newDatabase());
    }

    @AfterEach
    void stopRunners() {
        runners.forEach(DefaultCamelContext::stop);
        sandbox.faults().reset();
    }

    /** A runner: a template instance from direct:in whose idempotent repository is the shared database. */
    private DefaultCamelContext runner() throws Exception {
        DefaultCamelContext ctx = new DefaultCamelContext();
        ctx.getRegistry().bind("shared", new JdbcUpdateRepository(database, "alipass", EXPIRY));
        ctx.addRoutes(new AlipassRoutes(TestKeys.protocol(sandbox.alipayPublicKey()), sandbox.url(), CHANNEL));
        ctx.start();
        TemplatedRouteBuilder.builder(ctx, AlipassRoutes.TEMPLATE).routeId("updates")
                .parameter("sourceUri", "direct:in").parameter("successUri", "mock:success")
                .parameter("failureUri", "mock:failure").parameter("deadLetterUri", "mock:dead")
                .parameter("maximumRedeliveries", "1").parameter("redeliveryDelay", "5")
                .parameter("idempotentRepository", "shared")
                .add();
        runners.add(ctx);
        return ctx;
    }

    private static String issuedPass() {
        String serial = "shared-" + SERIALS.incrementAndGet();
        sandbox.state().addPass("tpl-1", serial, CHANNEL, Map.of("title", "券"));
        return serial;
    }

    private static String update(String serial, String title) {
        return "{\"api\":\"instance.update\",\"serial_number\":\"" + serial + "\",\"tpl_params\":{\"title\":\"" + title + "\"}}";
    }

    private static void deliver(DefaultCamelContext runner, String body, String deliveryId) {
        runner.createProducerTemplate().sendBodyAndHeader("direct:in", body, UpdateIdempotency.DELIVERY_ID, deliveryId);
    }

    private static List<String> outcomes(DefaultCamelContext ctx, String endpoint) throws Exception {
        List<String> out = new ArrayList<>();
        for (Exchange x : MockEndpoint.resolve(ctx, endpoint).getExchanges()) {
            out.add(JSON.readTree(x.getMessage().getBody(String.class)).get("outcome").asText());
        }
        return out;
    }

    private static long callsFor(String serial) {
        return sandbox.received().all().stream().filter(r -> r.bizContent() != null && r.bizContent().contains("\"" + serial + "\"")).count();
    }

    @Test
    void aDeliveryAnsweredByOneRunnerIsReportedDuplicateByTheOther() throws Exception {
        String serial = issuedPass();
        DefaultCamelContext first = runner();
        DefaultCamelContext second = runner();
        deliver(first, update(serial, "A"), "msg-1");
        deliver(second, update(serial, "A"), "msg-1");
        assertEquals(List.of("success"), outcomes(first, "mock:success"));
        assertEquals(List.of("duplicate"), outcomes(second, "mock:success"));
        assertEquals(1, callsFor(serial), "the gateway was called once");
    }

    @Test
    void theSameDeliveryInFlightOnTwoRunnersAtOnceGoesOutOnce() throws Exception {
        String serial = issuedPass();
        DefaultCamelContext first = runner();
        DefaultCamelContext second = runner();
        sandbox.faults().latency(Duration.ofMillis(600), Duration.ZERO);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> deliver(first, update(serial, "A"), "msg-2"));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> deliver(second, update(serial, "A"), "msg-2"));
        CompletableFuture.allOf(a, b).get();
        List<String> all = new ArrayList<>(outcomes(first, "mock:success"));
        all.addAll(outcomes(second, "mock:success"));
        all.sort(null);
        assertEquals(List.of("duplicate", "success"), all, "one answer, and one duplicate that waited for it");
        assertEquals(1, callsFor(serial), "the gateway was called once");
    }

    @Test
    void aNewDeliveryOfEarlierContentIsSentSoAPassCanBeSetBack() throws Exception {
        String serial = issuedPass();
        DefaultCamelContext runner = runner();
        deliver(runner, update(serial, "A"), "msg-a");
        deliver(runner, update(serial, "B"), "msg-b");
        deliver(runner, update(serial, "A"), "msg-a-again");
        assertEquals(List.of("success", "success", "success"), outcomes(runner, "mock:success"));
        assertEquals(3, callsFor(serial));
        assertEquals("A", sandbox.state().pass(serial, CHANNEL).orElseThrow().tplParams().get("title"), "the pass is back at A");
    }

    @Test
    void anUpdateWhoseHolderDiedMidCallIsDeadLetteredNotSentAgain() throws Exception {
        String serial = issuedPass();
        String body = update(serial, "A");
        // A runner that claimed the delivery and died: its claim is never refreshed nor released.
        JdbcUpdateRepository dead = new JdbcUpdateRepository(database, "alipass", EXPIRY);
        dead.start();
        String key = UpdateIdempotency.key(new PassUpdateReader(CHANNEL).read(body, null), "id:msg-3");
        assertEquals(UpdateClaims.Claim.CLAIMED, dead.claim(key));
        dead.stop();

        DefaultCamelContext survivor = runner();
        deliver(survivor, body, "msg-3");
        List<Exchange> deadLettered = MockEndpoint.resolve(survivor, "mock:dead").getExchanges();
        assertEquals(1, deadLettered.size(), "dead-lettered");
        JsonNode doc = JSON.readTree(deadLettered.get(0).getMessage().getBody(String.class));
        assertTrue(doc.path("reason").asText().contains("UpdateInterruptedException"), doc.toString());
        assertEquals(0, callsFor(serial), "not sent a second time");
        // Released with its outcome: a replay (a new delivery) or a later redelivery may send it.
        assertEquals(UpdateClaims.Claim.CLAIMED, ((UpdateClaims) survivor.getRegistry().lookupByName("shared")).claim(key));
    }

    @Test
    void aClaimIsTakenByExactlyOneOfManyRunnersAtOnce() throws Exception {
        List<JdbcUpdateRepository> repos = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JdbcUpdateRepository r = new JdbcUpdateRepository(database, "alipass", EXPIRY);
            r.start();
            repos.add(r);
        }
        try {
            List<CompletableFuture<UpdateClaims.Claim>> claims = repos.stream()
                    .map(r -> CompletableFuture.supplyAsync(() -> r.claim("k-1"))).toList();
            long won = claims.stream().map(CompletableFuture::join).filter(c -> c == UpdateClaims.Claim.CLAIMED).count();
            assertEquals(1, won);
        } finally {
            repos.forEach(JdbcUpdateRepository::stop);
        }
    }
}
