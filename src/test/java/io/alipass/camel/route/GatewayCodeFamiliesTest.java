package io.alipass.camel.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import io.alipass.camel.sandbox.Fault;
import io.alipass.camel.sandbox.GatewayError;
import io.alipass.camel.sandbox.SandboxGateway;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each family of the gateway's public codes, answered by the sandbox over real HTTP, ends as the one
 * retry rule decides: {@code 20000} is retried, {@code 40005} is retried after the throttle without
 * spending the redelivery budget, {@code 20001}, {@code 40003} and {@code 40006} fail at once with the
 * fix in the reason, {@code 40004} is a business failure, and an HTTP 404 (a wrong gateway URL) is
 * dead-lettered at once.
 */
class GatewayCodeFamiliesTest extends CamelTestSupport {
    private static final String APP_ID = "2021000000000001";
    private static final String CHANNEL = "2088000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SERIALS = new AtomicInteger();
    private static SandboxGateway sandbox;

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = SourceContract.sandboxForTheTestApp();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void calmGateway() {
        sandbox.faults().reset();
    }

    private static GatewayProtocol protocol() {
        return GatewayProtocol.builder().appId(APP_ID).signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .verifier(new ResponseVerifier(sandbox.alipayPublicKey())).build();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new AlipassRoutes(protocol(), sandbox.url(), CHANNEL);
    }

    @Override
    protected void doPostSetup() throws Exception {
        TemplatedRouteBuilder.builder(context, AlipassRoutes.TEMPLATE)
                .routeId("updates")
                .parameter("sourceUri", "direct:in")
                .parameter("successUri", "mock:success")
                .parameter("failureUri", "mock:failure")
                .parameter("deadLetterUri", "mock:dead")
                // One redelivery only: a call-limited answer must not need more.
                .parameter("maximumRedeliveries", "1")
                .parameter("redeliveryDelay", "5")
                .add();
    }

    static String issuedPass() {
        String serial = "codes-" + SERIALS.incrementAndGet() + "-" + System.nanoTime();
        sandbox.state().addPass("tpl-1", serial, CHANNEL, Map.of("title", "券"));
        return serial;
    }

    static String used(String serial) {
        return "{\"api\":\"instance.update\",\"serial_number\":\"" + serial + "\",\"channel_id\":\"" + CHANNEL + "\",\"status\":\"USED\"}";
    }

    private JsonNode sendExpectingOne(String body, String endpoint) throws Exception {
        for (String m : List.of("mock:success", "mock:failure", "mock:dead")) {
            getMockEndpoint(m).expectedMessageCount(m.equals(endpoint) ? 1 : 0);
        }
        template.sendBody("direct:in", body);
        MockEndpoint.assertIsSatisfied(context);
        List<Exchange> got = getMockEndpoint(endpoint).getExchanges();
        return JSON.readTree(got.get(0).getMessage().getBody(String.class));
    }

    @Test
    void serviceUnavailableIsRetriedUntilItSucceeds() throws Exception {
        sandbox.faults().next(Fault.SERVICE_UNAVAILABLE, 1);
        JsonNode doc = sendExpectingOne(used(issuedPass()), "mock:success");
        assertEquals(2, doc.get("attempts").asInt());
    }

    @Test
    void callLimitedAnswersAreRetriedBeyondTheRedeliveryBudgetUntilTheCallGoesThrough() throws Exception {
        sandbox.faults().next(GatewayError.APP_CALL_LIMITED, 3).next(GatewayError.METHOD_CALL_LIMITED, 2);
        JsonNode doc = sendExpectingOne(used(issuedPass()), "mock:success");
        assertEquals(6, doc.get("attempts").asInt(), "five 40005 answers, then the call that went through");
        assertEquals("10000", doc.get("code").asText());
    }

    @Test
    void anInvalidAppAuthTokenFailsAtOnceSayingTheTokenMustBeRenewed() throws Exception {
        sandbox.faults().next(GatewayError.INVALID_APP_AUTH_TOKEN, 1);
        JsonNode doc = sendExpectingOne(used(issuedPass()), "mock:failure");
        assertEquals("20001", doc.get("code").asText());
        assertEquals("aop.invalid-app-auth-token", doc.get("sub_code").asText());
        assertEquals(1, doc.get("attempts").asInt());
        assertTrue(doc.get("reason").asText().contains("app_auth_token"), doc::toString);
        assertTrue(doc.get("reason").asText().contains("authorise the app again"), doc::toString);
    }

    @Test
    void anAppNotOnlineFailsAtOnceNamingTheConsole() throws Exception {
        sandbox.faults().next(GatewayError.INVALID_APP_STATE, 1);
        JsonNode doc = sendExpectingOne(used(issuedPass()), "mock:failure");
        assertEquals("40003", doc.get("code").asText());
        assertEquals(1, doc.get("attempts").asInt());
        assertTrue(doc.get("reason").asText().contains("not online in the Open Platform console"), doc::toString);
    }

    @Test
    void aMissingSignatureConfigurationFailsAtOnce() throws Exception {
        sandbox.faults().next(GatewayError.MISSING_SIGNATURE_CONFIG, 1);
        JsonNode doc = sendExpectingOne(used(issuedPass()), "mock:failure");
        assertEquals("isv.missing-signature-config", doc.get("sub_code").asText());
        assertEquals(1, doc.get("attempts").asInt());
    }

    @Test
    void insufficientPermissionsFailAtOnceNamingTheProduct() throws Exception {
        sandbox.faults().next(GatewayError.INSUFFICIENT_ISV_PERMISSIONS, 1);
        JsonNode doc = sendExpectingOne(used(issuedPass()), "mock:failure");
        assertEquals("40006", doc.get("code").asText());
        assertEquals(1, doc.get("attempts").asInt());
        assertTrue(doc.get("reason").asText().contains("pass (卡券) product"), doc::toString);
    }

    @Test
    void anInvalidParameterFailsAtOnceNamingTheKey() throws Exception {
        sandbox.faults().next(GatewayError.INVALID_SIGNATURE, 1);
        JsonNode doc = sendExpectingOne(used(issuedPass()), "mock:failure");
        assertEquals("40002", doc.get("code").asText());
        assertTrue(doc.get("reason").asText().contains("alipass.private-key"), doc::toString);
    }

    @Test
    void aBusinessFailureStaysABusinessFailure() throws Exception {
        JsonNode doc = sendExpectingOne(used("no-such-pass"), "mock:failure");
        assertEquals("business-failure", doc.get("outcome").asText());
        assertEquals("KP.AE_ALIPASS_NOTEXIST", doc.get("sub_code").asText());
        assertEquals(1, doc.get("attempts").asInt());
    }

    @Test
    void anHttp404IsDeadLetteredAtOnceNamingTheGatewayUrl() throws Exception {
        try (CamelContext wrong = new DefaultCamelContext()) {
            wrong.addRoutes(new AlipassRoutes(protocol(), sandbox.baseUrl() + "/no-such-gateway.do", CHANNEL));
            TemplatedRouteBuilder.builder(wrong, AlipassRoutes.TEMPLATE).routeId("wrong-url")
                    .parameter("sourceUri", "direct:in").parameter("successUri", "mock:success")
                    .parameter("failureUri", "mock:failure").parameter("deadLetterUri", "mock:dead")
                    .parameter("redeliveryDelay", "5").add();
            wrong.start();
            MockEndpoint dead = wrong.getEndpoint("mock:dead", MockEndpoint.class);
            dead.expectedMessageCount(1);
            wrong.getEndpoint("mock:failure", MockEndpoint.class).expectedMessageCount(0);
            wrong.createProducerTemplate().sendBody("direct:in", used(issuedPass()));
            MockEndpoint.assertIsSatisfied(wrong);
            JsonNode doc = JSON.readTree(dead.getExchanges().get(0).getMessage().getBody(String.class));
            assertEquals("dead-letter", doc.get("outcome").asText());
            assertEquals("misdirected-call", doc.get("last_outcome").asText());
            assertEquals(1, doc.get("attempts").asInt(), "not retried");
            assertTrue(doc.get("reason").asText().contains("HTTP 404"), doc::toString);
            assertTrue(doc.get("reason").asText().contains("alipass.gateway-url"), doc::toString);
        }
    }
}
