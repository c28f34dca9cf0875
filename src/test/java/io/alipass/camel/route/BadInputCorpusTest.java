package io.alipass.camel.route;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import io.alipass.camel.route.BadInputCorpus.Entry;
import io.alipass.camel.route.BadInputCorpus.FileMode;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every input of the bad-input corpus, fed through every source (direct, JMS on an embedded Artemis
 * broker, HTTP, the drop folder) of one running route each: it must end at the failure endpoint
 * (or as HTTP 400) as invalid input naming the field and rule; a file that cannot be read at all
 * must land in the error folder with a reason; the valid records beside bad ones must succeed; and
 * the route must still be running and answering at the end.
 */
class BadInputCorpusTest {
    private static final String APP_ID = "2021000000000001";
    private static final String CHANNEL = BadInputCorpusWriter.CHANNEL;
    private static final String ENTRY = "CorpusEntry";
    private static final String TOKEN = "corpus-token";
    private static final long HTTP_LIMIT = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Entry> CORPUS = BadInputCorpus.load();

    static SandboxGateway sandbox;
    static EmbeddedActiveMQ broker;

    @TempDir
    Path folder;

    enum Source { DIRECT, JMS, HTTP, FILE }

    /** What one endpoint received. */
    record Outcome(String endpoint, JsonNode doc) {
        String kind() {
            return doc.path("outcome").asText();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxGateway.start(SandboxSettings.builder().port(0).keysDir(Files.createTempDirectory("sandbox-keys")).build());
        sandbox.registerApp(APP_ID, TestKeys.APP.getPublic());
        sandbox.state().addTemplate("tpl-1", "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
        for (Entry e : CORPUS) {
            for (String serial : e.goodSerials()) {
                sandbox.state().addPass("tpl-1", serial, CHANNEL, Map.of("title", "x"));
            }
        }
        sandbox.state().addPass("tpl-1", "good-after-corpus", CHANNEL, Map.of("title", "x"));
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(false)
                .addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(), Map.of("serverId", "61"))));
        broker.start();
    }

    @AfterAll
    static void stop() throws Exception {
        broker.stop();
        sandbox.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void everyBadInputEndsAsAFailureNamingItsFieldAndRule(Source source) throws Exception {
        assertTrue(CORPUS.size() >= 200, "the corpus holds at least 200 inputs, has " + CORPUS.size());
        int port = freePort();
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            MockEndpoint.resolve(ctx, "mock:success").setRetainFirst(-1);
            if (source == Source.JMS) {
                ctx.addComponent("jms", JmsComponent.jmsComponent(new ActiveMQConnectionFactory("vm://61")));
            }
            if (source == Source.HTTP) {
                VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
                conf.setBindHost("127.0.0.1");
                conf.setPort(port);
                ctx.addService(new VertxPlatformHttpServer(conf));
            }
            ctx.addRoutes(new AlipassRoutes(protocol(), sandbox.url(), CHANNEL));
            ctx.getRegistry().bind("dropFolderGuard", new DropFolderGuard(folder.resolve("error").toString()));
            ctx.addRoutes(sourceRoutes(source));
            ctx.start();
            TemplatedRouteBuilder.builder(ctx, AlipassRoutes.TEMPLATE).routeId("updates")
                    .parameter("sourceUri", "direct:updates")
                    .parameter("successUri", "mock:success")
                    .parameter("failureUri", "mock:failure")
                    .parameter("deadLetterUri", "mock:dead")
                    .parameter("maximumRedeliveries", "1")
                    .parameter("redeliveryDelay", "5")
                    .add();

            List<String> problems = new ArrayList<>();
            Map<String, Integer> httpStatus = new HashMap<>();
            ProducerTemplate producer = ctx.createProducerTemplate();
            switch (source) {
                case DIRECT -> CORPUS.forEach(e -> producer.sendBodyAndHeader("direct:source", e.content(), ENTRY, e.name()));
                case JMS -> {
                    CORPUS.forEach(e -> producer.sendBodyAndHeader("jms:queue:corpus", e.content(), ENTRY, e.name()));
                    awaitUntil(() -> received(ctx) >= CORPUS.size(), "every JMS message handled");
                }
                case HTTP -> {
                    HttpClient client = HttpClient.newHttpClient();
                    for (Entry e : CORPUS) {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/corpus"))
                                .header("Authorization", "Bearer " + TOKEN).header(ENTRY, e.name())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(e.content())).build(), HttpResponse.BodyHandlers.ofString());
                        httpStatus.put(e.name(), r.statusCode());
                    }
                }
                case FILE -> dropAll();
            }

            Map<String, List<Outcome>> byEntry = outcomesByEntry(ctx, source);
            int failures = 0;
            int successes = 0;
            int errorFiles = 0;
            for (Entry e : CORPUS) {
                List<Outcome> got = byEntry.getOrDefault(e.name(), List.of());
                if (source == Source.FILE) {
                    checkFile(e, got, problems);
                    errorFiles += e.fileMode() == FileMode.ERROR ? 1 : 0;
                } else if (source == Source.HTTP && e.huge()) {
                    expect(problems, e, httpStatus.get(e.name()) == 413, "HTTP 413 for a body over the limit, was " + httpStatus.get(e.name()));
                    expect(problems, e, got.isEmpty(), "a refused body reaches no endpoint, got " + got);
                } else {
                    checkMessage(e, got, problems);
                    if (source == Source.HTTP) {
                        expect(problems, e, Integer.valueOf(400).equals(httpStatus.get(e.name())), "HTTP 400, was " + httpStatus.get(e.name()));
                    }
                }
                for (Outcome o : got) {
                    failures += o.endpoint().equals("failure") ? 1 : 0;
                    successes += o.endpoint().equals("success") ? 1 : 0;
                }
            }
            System.out.printf("bad-input corpus via %s: %d inputs, %d failure outcomes, %d successes (good records), "
                    + "%d files in the error folder, %d dead%n", source, CORPUS.size(), failures, successes, errorFiles,
                    MockEndpoint.resolve(ctx, "mock:dead").getReceivedCounter());
            assertEquals(List.of(), problems);

            // The route is still running and still answers a good record.
            assertEquals(ServiceStatus.Started, ctx.getRouteController().getRouteStatus("updates"));
            assertEquals(0, ctx.getInflightRepository().size(), "nothing left in flight");
            MockEndpoint success = MockEndpoint.resolve(ctx, "mock:success");
            int before = success.getReceivedCounter();
            producer.sendBody("direct:updates", "{\"api\":\"instance.update\",\"serial_number\":\"good-after-corpus\",\"tpl_params\":{\"title\":\"ok\"}}");
            assertEquals(before + 1, success.getReceivedCounter());
        }
    }

    private RouteBuilder sourceRoutes(Source source) throws Exception {
        Path inbox = folder.resolve("inbox");
        Files.createDirectories(inbox);
        String errorDir = folder.resolve("error").toString();
        return new RouteBuilder() {
            @Override
            public void configure() {
                switch (source) {
                    case DIRECT -> from("direct:source").to("direct:updates");
                    case JMS -> from("jms:queue:corpus?transacted=true&concurrentConsumers=2").to("direct:updates");
                    case HTTP -> from("platform-http:/corpus?httpMethodRestrict=POST")
                            .onCompletion().modeBeforeConsumer().process(new HttpOutcomeResponder()).end()
                            .process(new BearerTokenCheck(TOKEN, HTTP_LIMIT))
                            .to("direct:updates");
                    case FILE -> from("file:" + inbox + "?move=" + folder.resolve("done") + "/${file:name}&moveFailed=" + errorDir
                            + "/${file:name}&readLock=rename&delay=20&filter=#dropFolderGuard")
                            .onException(RecordFileException.class).handled(false).process(new FileDropErrorWriter(errorDir)).end()
                            .split(new JsonRecordSplitter()).streaming()
                                .to("direct:updates")
                            .end()
                            .process(new RecordFileEnd(folder.resolve("done").toString()));
                }
            }
        };
    }

    private void dropAll() throws Exception {
        Path staging = Files.createDirectories(folder.resolve("staging"));
        Path inbox = folder.resolve("inbox");
        for (Entry e : CORPUS) {
            Path tmp = staging.resolve(e.name());
            Files.write(tmp, e.content());
            Files.move(tmp, inbox.resolve(e.dropName()));
        }
        java.util.function.Supplier<List<String>> notMoved = () -> CORPUS.stream()
                .filter(e -> !Files.exists(folder.resolve("done").resolve(e.dropName()))
                        && !Files.exists(folder.resolve("error").resolve(DropFolderGuard.safeName(e.dropName()))))
                .map(Entry::name).toList();
        try {
            awaitUntil(() -> notMoved.get().isEmpty(), "every dropped file moved to done or error");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; not moved: " + notMoved.get());
        }
    }

    private static Map<String, List<Outcome>> outcomesByEntry(DefaultCamelContext ctx, Source source) throws Exception {
        Map<String, String> byDropName = new HashMap<>();
        CORPUS.forEach(e -> byDropName.put(e.dropName(), e.name()));
        Map<String, List<Outcome>> out = new LinkedHashMap<>();
        for (String endpoint : List.of("success", "failure", "dead")) {
            for (Exchange x : MockEndpoint.resolve(ctx, "mock:" + endpoint).getExchanges()) {
                String name = source == Source.FILE
                        ? byDropName.get(x.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class))
                        : x.getMessage().getHeader(ENTRY, String.class);
                out.computeIfAbsent(String.valueOf(name), k -> new ArrayList<>())
                        .add(new Outcome(endpoint, JSON.readTree(x.getMessage().getBody(String.class))));
            }
        }
        return out;
    }

    private static void checkMessage(Entry e, List<Outcome> got, List<String> problems) {
        if (!expect(problems, e, got.size() == 1, "exactly one outcome, got " + got.size())) {
            return;
        }
        Outcome o = got.get(0);
        expect(problems, e, o.endpoint().equals("failure") && o.kind().equals(OutcomeDocument.INVALID_INPUT),
                "invalid-input at the failure endpoint, got " + o.kind() + " at " + o.endpoint());
        expect(problems, e, names(o, e.field(), e.rule()), "a violation naming " + e.field() + " / " + e.rule() + ", got " + o.doc().path("violations"));
    }

    private void checkFile(Entry e, List<Outcome> got, List<String> problems) throws Exception {
        Set<String> good = e.goodSerials();
        List<Outcome> bad = new ArrayList<>();
        for (Outcome o : got) {
            if (o.endpoint().equals("success")) {
                expect(problems, e, good.contains(o.doc().path("key").asText()), "only good records succeed, got " + o.doc().path("key"));
            } else {
                bad.add(o);
                expect(problems, e, o.endpoint().equals("failure") && o.kind().equals(OutcomeDocument.INVALID_INPUT),
                        "invalid-input at the failure endpoint, got " + o.kind() + " at " + o.endpoint());
            }
        }
        if (e.fileMode() == FileMode.ERROR) {
            Path doc = folder.resolve("error").resolve(errorDocName(DropFolderGuard.safeName(e.dropName())));
            if (expect(problems, e, Files.exists(doc), "the file in the error folder with " + doc.getFileName())) {
                String reason = JSON.readTree(doc.toFile()).path("reason").asText();
                expect(problems, e, reason.contains(e.fileRule()), "an error reason with '" + e.fileRule() + "', was " + reason);
            }
            return;
        }
        expect(problems, e, Files.exists(folder.resolve("done").resolve(e.dropName())), "the file moved to done");
        expect(problems, e, got.size() - bad.size() == good.size(), "every good record succeeds: " + good.size()
                + " expected, " + (got.size() - bad.size()) + " succeeded");
        expect(problems, e, !bad.isEmpty(), "at least one failure");
        expect(problems, e, bad.stream().anyMatch(o -> names(o, e.fileField(), e.fileRule())),
                "a failure naming " + e.fileField() + " / " + e.fileRule() + ", got " + bad.stream().map(o -> o.doc().path("violations")).toList());
    }

    /** The error document's name, as {@link FileDropErrorWriter} writes it. */
    static String errorDocName(String fileName) {
        return FileDropErrorWriter.errorDocumentName(fileName);
    }

    /** Whether every violation names a field and rule, and one names this field with this rule. */
    private static boolean names(Outcome o, String field, String rule) {
        JsonNode v = o.doc().path("violations");
        boolean wellFormed = v.size() > 0;
        boolean found = false;
        for (JsonNode n : v) {
            wellFormed &= !n.path("field").asText().isBlank() && !n.path("rule").asText().isBlank();
            found |= n.path("field").asText().equals(field) && n.path("rule").asText().contains(rule);
        }
        return wellFormed && found;
    }

    private static boolean expect(List<String> problems, Entry e, boolean ok, String what) {
        if (!ok) {
            problems.add(e.name() + ": expected " + what);
        }
        return ok;
    }

    private static int received(DefaultCamelContext ctx) {
        return MockEndpoint.resolve(ctx, "mock:success").getReceivedCounter() + MockEndpoint.resolve(ctx, "mock:failure").getReceivedCounter()
                + MockEndpoint.resolve(ctx, "mock:dead").getReceivedCounter();
    }

    /** Bounded polling for the end of asynchronous work; the bound is a safety net, not an assertion on speed. */
    private static void awaitUntil(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 60 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static GatewayProtocol protocol() {
        return GatewayProtocol.builder().appId(APP_ID)
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .verifier(new ResponseVerifier(sandbox.alipayPublicKey()))
                .build();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
