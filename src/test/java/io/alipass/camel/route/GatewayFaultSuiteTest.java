package io.alipass.camel.route;

import io.alipass.camel.component.AlipayPassConfiguration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import io.alipass.camel.sandbox.Fault;
import io.alipass.camel.sandbox.ReceivedRequest;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gateway misbehaves in every way the sandbox can make it: each fault is retried or failed as
 * the outcome rules say, a forged or missing signature is never a success, the route keeps running,
 * and the counts add up. Every log line of the suite is captured and must hold no private key, no
 * sign value and no app_auth_token; neither may any outcome document.
 */
class GatewayFaultSuiteTest {
    private static final String APP_ID = "2021000000000001";
    private static final String CHANNEL = "2088000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SERIALS = new AtomicInteger();

    static SandboxGateway sandbox;
    static LogCapture logs;
    /** Every secret the suite used or saw on the wire: sign values, app_auth_tokens. */
    static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    /** Every outcome document any test produced. */
    static final List<String> DOCUMENTS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        logs = LogCapture.install();
        sandbox = startSandbox(0, Files.createTempDirectory("sandbox-keys"));
    }

    @AfterAll
    static void noSecretReachedALogOrAnOutcome() {
        try {
            sandbox.close();
            List<String> secrets = new ArrayList<>(SECRETS);
            secrets.addAll(LogCapture.pieces(TestKeys.APP.getPrivate()));
            assertTrue(SECRETS.size() > 20, "the suite saw sign values and tokens to look for: " + SECRETS.size());
            assertTrue(logs.lines().size() > 10, "the suite logged something to look through: " + logs.lines().size());
            assertEquals(List.of(), logs.linesHolding(secrets));
            for (String doc : DOCUMENTS) {
                for (String s : secrets) {
                    assertTrue(!doc.contains(s), "an outcome document holds a secret: " + doc.replace(s, "<SECRET>"));
                }
            }
        } finally {
            logs.close();
        }
    }

    private static SandboxGateway startSandbox(int port, Path keys) {
        SandboxGateway s = SandboxGateway.start(SandboxSettings.builder().port(port).keysDir(keys).faultSeed(6).build());
        s.registerApp(APP_ID, TestKeys.APP.getPublic());
        s.state().addTemplate("tpl-1", "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
        return s;
    }

    /** A running route from direct:in to mock endpoints, with a fresh context. */
    private static final class Rig implements AutoCloseable {
        final CamelContext ctx = new DefaultCamelContext();
        final AtomicInteger redeliveries = new AtomicInteger();
        final CountDownLatch firstRedelivery = new CountDownLatch(1);

        Rig(String gatewayUrl, PublicKey alipayKey, Duration readTimeout, int maximumRedeliveries) throws Exception {
            GatewayProtocol protocol = GatewayProtocol.builder().appId(APP_ID)
                    .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                    .verifier(new ResponseVerifier(alipayKey)).build();
            ctx.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
                @Override
                public void notify(CamelEvent event) {
                    if (event instanceof CamelEvent.ExchangeSendingEvent sending && sending.getEndpoint().getEndpointUri().startsWith("http")) {
                        keepSecrets(sending.getExchange());
                    } else if (event instanceof CamelEvent.ExchangeRedeliveryEvent) {
                        redeliveries.incrementAndGet();
                        firstRedelivery.countDown();
                    }
                }
            });
            AlipayPassConfiguration app = new AlipayPassConfiguration();
            app.setProtocol(protocol);
            app.setGatewayUrl(gatewayUrl);
            app.setChannelId(CHANNEL);
            app.setConnectTimeout(2000);
            app.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
            ctx.addRoutes(new AlipassRoutes(app));
            ctx.start();
            TemplatedRouteBuilder.builder(ctx, AlipassRoutes.TEMPLATE).routeId("updates")
                    .parameter("sourceUri", "direct:in")
                    .parameter("successUri", "mock:success")
                    .parameter("failureUri", "mock:failure")
                    .parameter("deadLetterUri", "mock:dead")
                    .parameter("maximumRedeliveries", String.valueOf(maximumRedeliveries))
                    .parameter("redeliveryDelay", "5")
                    .parameter("maximumRedeliveryDelay", "50")
                    .add();
        }

        void send(String body, String appAuthToken) {
            ctx.createProducerTemplate().sendBodyAndHeader("direct:in", body, AlipassHeaders.APP_AUTH_TOKEN, appAuthToken);
        }

        List<JsonNode> docs(String endpoint) throws Exception {
            List<JsonNode> out = new ArrayList<>();
            for (Exchange x : MockEndpoint.resolve(ctx, "mock:" + endpoint).getExchanges()) {
                String body = x.getMessage().getBody(String.class);
                synchronized (DOCUMENTS) {
                    DOCUMENTS.add(body);
                }
                out.add(JSON.readTree(body));
            }
            return out;
        }

        @Override
        public void close() throws Exception {
            ctx.close();
        }
    }

    /** The sign value of each signed request and the app_auth_token it carries, kept so no log may show them. */
    private static void keepSecrets(Exchange exchange) {
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        for (String text : new String[] {query, body == null ? null : new String(body, StandardCharsets.UTF_8)}) {
            if (text == null) {
                continue;
            }
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                if (eq > 0 && (name.equals("sign") || name.equals("app_auth_token"))) {
                    String raw = pair.substring(eq + 1);
                    SECRETS.add(raw);
                    SECRETS.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static String token() {
        String t = "202611BBtokenSECRET" + SERIALS.incrementAndGet() + "x" + System.nanoTime();
        SECRETS.add(t);
        return t;
    }

    private static String issuedPass() {
        String serial = "fault-" + SERIALS.incrementAndGet();
        sandbox.state().addPass("tpl-1", serial, CHANNEL, Map.of("title", "券"));
        return serial;
    }

    private static String update(String serial) {
        return "{\"api\":\"instance.update\",\"serial_number\":\"" + serial + "\",\"tpl_params\":{\"title\":\"新标题\"}}";
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fault.class)
    void aFaultThatPersistsIsRetriedThenDeadLetteredNeverASuccess(Fault fault) throws Exception {
        try (Rig rig = new Rig(sandbox.url(), sandbox.alipayPublicKey(), Duration.ofSeconds(5), 2)) {
            sandbox.faults().reset().next(fault, 3);
            rig.send(update(issuedPass()), token());
            List<JsonNode> dead = rig.docs("dead");
            assertEquals(List.of(), rig.docs("success"), "never a success");
            assertEquals(List.of(), rig.docs("failure"), "a transient fault is not a business failure");
            assertEquals(1, dead.size());
            assertEquals(3, dead.get(0).get("attempts").asInt(), "one call and two retries");
            assertEquals(ServiceStatus.Started, rig.ctx.getRouteController().getRouteStatus("updates"));
        } finally {
            sandbox.faults().reset();
        }
    }

    @Test
    void latencyBeyondTheReadTimeoutIsRetriedThenDeadLetteredAsAnIoError() throws Exception {
        try (Rig rig = new Rig(sandbox.url(), sandbox.alipayPublicKey(), Duration.ofMillis(300), 1)) {
            sandbox.faults().reset().latency(Duration.ofMillis(1500), Duration.ZERO);
            rig.send(update(issuedPass()), token());
            List<JsonNode> dead = rig.docs("dead");
            assertEquals(1, dead.size());
            assertEquals("io-error", dead.get(0).get("last_outcome").asText());
            assertTrue(dead.get(0).get("reason").asText().contains("Timeout"), dead.get(0).get("reason").asText());
            assertEquals(2, dead.get(0).get("attempts").asInt());
        } finally {
            sandbox.faults().reset();
        }
    }

    @Test
    void aGatewayDownAtStartIsRetriedUntilItComesUp() throws Exception {
        Path keys = Files.createTempDirectory("sandbox-keys-late");
        PublicKey alipayKey;
        try (SandboxGateway first = startSandbox(0, keys)) {
            alipayKey = first.alipayPublicKey(); // the same keys directory gives the late sandbox the same key
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Rig rig = new Rig("http://127.0.0.1:" + port + "/gateway.do", alipayKey, Duration.ofSeconds(5), 1000)) {
            var reply = rig.ctx.createProducerTemplate().asyncRequestBodyAndHeader("direct:in", update("late-1"),
                    AlipassHeaders.APP_AUTH_TOKEN, token());
            assertTrue(rig.firstRedelivery.await(30, TimeUnit.SECONDS), "the first call was refused and is being retried");
            try (SandboxGateway late = startSandbox(port, keys)) {
                late.state().addPass("tpl-1", "late-1", CHANNEL, Map.of("title", "券"));
                reply.get(60, TimeUnit.SECONDS);
                List<JsonNode> success = rig.docs("success");
                assertEquals(1, success.size(), "it succeeds once the gateway is up");
                assertTrue(success.get(0).get("attempts").asInt() >= 2);
                assertEquals(1, late.received().total(), "the refused attempts never reached a gateway");
            }
        }
    }

    /**
     * A batch under a random mix of every fault: each update gets exactly one outcome; success +
     * failure + dead letter = sent; every attempt that reached the gateway is counted in an outcome;
     * and every success was closed by a clean, signed answer.
     */
    @Test
    void underAMixOfEveryFaultTheCountsAddUpAndNoSpoiledAnswerIsASuccess() throws Exception {
        int n = 60;
        try (Rig rig = new Rig(sandbox.url(), sandbox.alipayPublicKey(), Duration.ofSeconds(5), 3)) {
            sandbox.received().clear();
            long before = sandbox.received().total();
            sandbox.faults().reset();
            for (Fault f : Fault.values()) {
                sandbox.faults().share(f, 0.06);
            }
            List<String> serials = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String serial = i % 10 == 9 ? "no-such-pass-" + i : issuedPass();
                serials.add(serial);
                rig.send(update(serial), i % 2 == 0 ? token() : null);
            }
            sandbox.faults().reset();
            List<JsonNode> success = rig.docs("success");
            List<JsonNode> failure = rig.docs("failure");
            List<JsonNode> dead = rig.docs("dead");
            System.out.printf("fault mix: sent %d, success %d, failure %d, dead letter %d, gateway calls %d, redeliveries %d%n",
                    n, success.size(), failure.size(), dead.size(), sandbox.received().total() - before, rig.redeliveries.get());
            assertEquals(n, success.size() + failure.size() + dead.size(), "every update has exactly one outcome");
            Map<String, Integer> outcomesPerSerial = new HashMap<>();
            int attempts = 0;
            for (JsonNode d : concat(success, failure, dead)) {
                outcomesPerSerial.merge(d.get("key").asText(), 1, Integer::sum);
                attempts += d.get("attempts").asInt();
            }
            assertEquals(n, outcomesPerSerial.size(), "no update has two outcomes and none is missing");
            assertEquals(sandbox.received().total() - before, attempts, "every call the gateway received is one counted attempt");

            Map<String, ReceivedRequest> lastCall = new HashMap<>();
            for (ReceivedRequest r : sandbox.received().all()) {
                if (r.bizContent() == null) {
                    continue;
                }
                String serial = JSON.readTree(r.bizContent()).get("serial_number").asText();
                lastCall.put(serial, r);
            }
            for (JsonNode s : success) {
                ReceivedRequest last = lastCall.get(s.get("key").asText());
                assertNull(last.fault(), "a success is closed by a clean answer, not by " + last.fault());
                assertNotEquals(Boolean.TRUE, s.get("key").asText().startsWith("no-such-pass"));
            }
            for (JsonNode f : failure) {
                assertEquals("business-failure", f.get("outcome").asText());
                assertEquals("KP.AE_ALIPASS_NOTEXIST", f.get("sub_code").asText());
            }
            assertEquals(ServiceStatus.Started, rig.ctx.getRouteController().getRouteStatus("updates"));
        }
    }

    @SafeVarargs
    private static List<JsonNode> concat(List<JsonNode>... lists) {
        List<JsonNode> all = new ArrayList<>();
        for (List<JsonNode> l : lists) {
            all.addAll(l);
        }
        return all;
    }
}
