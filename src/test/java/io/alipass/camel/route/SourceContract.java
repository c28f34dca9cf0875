package io.alipass.camel.route;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.RequestCharset;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import io.alipass.camel.sandbox.Fault;
import io.alipass.camel.sandbox.PassLifecycle;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every source promises, checked through the real sandbox gateway over HTTP on 127.0.0.1:
 * each subclass supplies one source (direct, JMS on an embedded Artemis broker, the drop folder,
 * the HTTP endpoint) and inherits every scenario.
 */
abstract class SourceContract extends CamelTestSupport {
    static final String APP_ID = "2021000000000001";
    static final String CHANNEL = "2088000000000001";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SERIALS = new AtomicInteger();

    static SandboxGateway sandbox;

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = sandboxForTheTestApp();
    }

    /** A sandbox on a free loopback port that knows the test app ({@link TestKeys#APP}) and template {@code tpl-1}. */
    static SandboxGateway sandboxForTheTestApp() throws Exception {
        SandboxGateway started = SandboxGateway.start(SandboxSettings.builder().port(0).keysDir(Files.createTempDirectory("sandbox-keys")).build());
        started.registerApp(APP_ID, TestKeys.APP.getPublic());
        started.state().addTemplate("tpl-1", "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
        return started;
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void calmGateway() {
        sandbox.faults().reset();
    }

    /** The request charset this suite signs with. */
    RequestCharset charset() {
        return RequestCharset.UTF_8;
    }

    GatewayProtocol protocol() {
        return GatewayProtocol.builder()
                .appId(APP_ID)
                .charset(charset())
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .verifier(new ResponseVerifier(sandbox.alipayPublicKey()))
                .build();
    }

    /** The URI the template instance consumes from. */
    abstract String sourceUri();

    /** Sends one update through the source. */
    abstract void send(String body) throws Exception;

    /** Extra routes or services the source needs (a file route, an HTTP route). */
    void addSourceRoutes() throws Exception {
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new AlipassRoutes(protocol(), sandbox.url(), CHANNEL);
    }

    @Override
    protected void doPostSetup() throws Exception {
        addSourceRoutes();
        TemplatedRouteBuilder.builder(context, AlipassRoutes.TEMPLATE)
                .routeId("updates")
                .parameter("sourceUri", sourceUri())
                .parameter("successUri", "mock:success")
                .parameter("failureUri", "mock:failure")
                .parameter("deadLetterUri", "mock:dead")
                .parameter("maximumRedeliveries", "3")
                .parameter("redeliveryDelay", "5")
                .add();
    }

    /** A pass that exists in the sandbox, fresh for each test. */
    static String issuedPass() {
        String serial = "sn-" + SERIALS.incrementAndGet() + "-" + System.nanoTime();
        sandbox.state().addPass("tpl-1", serial, CHANNEL, Map.of("title", "券标题"));
        return serial;
    }

    static String used(String serial) {
        return "{\"api\":\"instance.update\",\"serial_number\":\"" + serial + "\",\"channel_id\":\"" + CHANNEL
                + "\",\"status\":\"USED\",\"verify_code\":\"8612231273\",\"verify_type\":\"wave\"}";
    }

    JsonNode only(String mock) throws Exception {
        List<Exchange> got = getMockEndpoint(mock).getExchanges();
        assertEquals(1, got.size(), mock);
        return JSON.readTree(got.get(0).getMessage().getBody(String.class));
    }

    void expect(int success, int failure, int dead) {
        getMockEndpoint("mock:success").expectedMessageCount(success);
        getMockEndpoint("mock:failure").expectedMessageCount(failure);
        getMockEndpoint("mock:dead").expectedMessageCount(dead);
    }

    @Test
    void anInstanceUpdateSucceedsAndTheSandboxSeesIt() throws Exception {
        String serial = issuedPass();
        expect(1, 0, 0);
        send(used(serial));
        MockEndpoint.assertIsSatisfied(context);
        JsonNode doc = only("mock:success");
        assertEquals("success", doc.get("outcome").asText());
        assertEquals("10000", doc.get("code").asText());
        assertEquals(serial, doc.get("key").asText());
        assertEquals(PassLifecycle.USED, sandbox.state().pass(serial, CHANNEL).orElseThrow().lifecycle());
    }

    @Test
    void templateParametersWithChineseTextGetThrough() throws Exception {
        String serial = issuedPass();
        expect(1, 0, 0);
        send("{\"api\":\"instance.update\",\"serial_number\":\"" + serial + "\",\"tpl_params\":{\"title\":\"会员九折券\"}}");
        MockEndpoint.assertIsSatisfied(context);
        assertEquals("会员九折券", sandbox.state().pass(serial, CHANNEL).orElseThrow().tplParams().get("title"));
    }

    @Test
    void anUnknownPassIsABusinessFailureWithItsCode() throws Exception {
        expect(0, 1, 0);
        send(used("no-such-pass"));
        MockEndpoint.assertIsSatisfied(context);
        JsonNode doc = only("mock:failure");
        assertEquals("business-failure", doc.get("outcome").asText());
        assertEquals("KP.AE_ALIPASS_NOTEXIST", doc.get("sub_code").asText());
        assertEquals(1, doc.get("attempts").asInt(), "a business failure is not retried");
    }

    @Test
    void anUnknownTemplateIsABusinessFailureWithItsCode() throws Exception {
        expect(0, 1, 0);
        send("{\"api\":\"template.update\",\"tpl_id\":\"no-such-template\",\"tpl_content\":{\"logo\":\"x\"}}");
        MockEndpoint.assertIsSatisfied(context);
        assertEquals("KP.AE_ALIPASS_TEMPLATE_NOT_EXIST", only("mock:failure").get("sub_code").asText());
    }

    @Test
    void aForbiddenWordInATemplateIsABusinessFailure() throws Exception {
        expect(0, 1, 0);
        send("{\"api\":\"template.update\",\"tpl_id\":\"tpl-1\",\"tpl_content\":{\"logo\":\"x\",\"content\":{\"title\":\"赌博\"}}}");
        MockEndpoint.assertIsSatisfied(context);
        assertEquals("KP.AE_ALIPASS_DATA_CONTAIN_FORBIDDEN_WORD", only("mock:failure").get("sub_code").asText());
    }

    @Test
    void aTemplateUpdateSucceeds() throws Exception {
        expect(1, 0, 0);
        send("{\"api\":\"template.update\",\"tpl_id\":\"tpl-1\",\"tpl_content\":{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}}");
        MockEndpoint.assertIsSatisfied(context);
        assertEquals("success", only("mock:success").get("outcome").asText());
    }

    @Test
    void invalidInputNeverReachesTheGateway() throws Exception {
        long before = sandbox.received().total();
        expect(0, 1, 0);
        send("{\"api\":\"instance.update\",\"serial_number\":\"x\",\"verify_code\":\"123\"}");
        MockEndpoint.assertIsSatisfied(context);
        JsonNode doc = only("mock:failure");
        assertEquals("invalid-input", doc.get("outcome").asText());
        assertEquals("verify_type", doc.get("violations").get(0).get("field").asText());
        assertEquals(before, sandbox.received().total());
    }

    @Test
    void emojiIsCaughtLocallyWithTheGatewaysCode() throws Exception {
        expect(0, 1, 0);
        send("{\"api\":\"instance.update\",\"serial_number\":\"x\",\"tpl_params\":{\"title\":\"券\uD83D\uDE00\"}}");
        MockEndpoint.assertIsSatisfied(context);
        assertEquals("KP.AE_ALIPASS_CHAR_NOT_GBK", only("mock:failure").get("violations").get(0).get("code").asText());
    }

    @Test
    void aTransientFaultIsRetriedUntilItSucceeds() throws Exception {
        String serial = issuedPass();
        sandbox.faults().next(Fault.SERVICE_UNAVAILABLE, 1).next(Fault.HTTP_502, 1).next(Fault.DROP_CONNECTION, 1);
        expect(1, 0, 0);
        send(used(serial));
        MockEndpoint.assertIsSatisfied(context);
        assertEquals(4, only("mock:success").get("attempts").asInt());
    }

    @Test
    void aTransientFaultThatLastsIsDeadLettered() throws Exception {
        String serial = issuedPass();
        sandbox.faults().next(Fault.PASS_SYSTEM_ERROR, 10);
        expect(0, 0, 1);
        send(used(serial));
        MockEndpoint.assertIsSatisfied(context);
        JsonNode doc = only("mock:dead");
        assertEquals("dead-letter", doc.get("outcome").asText());
        assertEquals("KP.AE_SYSTEM_ERROR", doc.get("sub_code").asText());
        assertEquals(4, doc.get("attempts").asInt());
        assertTrue(doc.get("input").asText().contains(serial), "the dead letter carries the original input");
    }

    @Test
    void aForgedSignatureIsNeverASuccess() throws Exception {
        String serial = issuedPass();
        sandbox.faults().next(Fault.WRONG_SIGNATURE, 10);
        expect(0, 0, 1);
        send(used(serial));
        MockEndpoint.assertIsSatisfied(context);
        JsonNode doc = only("mock:dead");
        assertEquals("invalid-response", doc.get("last_outcome").asText());
        assertEquals("SIGNATURE_MISMATCH", doc.get("sub_code").asText());
    }

    @Test
    void aMissingSignatureOrTruncatedAnswerIsRetried() throws Exception {
        String serial = issuedPass();
        sandbox.faults().next(Fault.MISSING_SIGNATURE, 1).next(Fault.TRUNCATED_BODY, 1);
        expect(1, 0, 0);
        send(used(serial));
        MockEndpoint.assertIsSatisfied(context);
        assertEquals(3, only("mock:success").get("attempts").asInt());
    }
}
