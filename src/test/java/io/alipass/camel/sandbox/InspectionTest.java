package io.alipass.camel.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.ParameterName;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InspectionTest {
    static final String APP_ID = "2021000000000005";
    static KeyPair app;
    static SandboxGateway sandbox;

    @BeforeAll
    static void start() {
        app = RawCall.rsaKeyPair();
        sandbox = TestSandboxes.start();
        sandbox.registerApp(APP_ID, app.getPublic());
        sandbox.state().addTemplate("tpl-inspect", "{\"evoucherInfo\":{\"title\":\"$title$\"}}");
        sandbox.state().addPass("tpl-inspect", "SN-INSPECT", "2088000000000005", Map.of("title", "t"));
        RawCall.of(APP_ID, GatewayMethod.PASS_INSTANCE_UPDATE,
                        "{\"serial_number\":\"SN-INSPECT\",\"channel_id\":\"2088000000000005\",\"status\":\"CLOSED\"}", app.getPrivate())
                .set(ParameterName.APP_AUTH_TOKEN, "token-never-shown").send(sandbox.url());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static String get(String path) throws Exception {
        HttpResponse<String> r = RawCall.HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    @Test
    void recordsTheRequestWithItsAnswerFromJava() {
        ReceivedRequest r = sandbox.received().forMethod("alipay.pass.instance.update").get(0);
        assertEquals(APP_ID, r.appId());
        assertEquals("10000", r.code());
        assertTrue(r.bizContent().contains("SN-INSPECT"));
    }

    @Test
    void neverKeepsTheSignOrTheAppAuthTokenOnlyThatTheyWerePresent() {
        ReceivedRequest r = sandbox.received().all().get(0);
        assertTrue(r.signPresent());
        assertTrue(r.appAuthTokenPresent());
        assertFalse(r.parameters().containsKey(ParameterName.SIGN));
        assertFalse(r.parameters().containsKey(ParameterName.APP_AUTH_TOKEN));
    }

    @Test
    void servesTheRequestsOverHttpWithoutSecrets() throws Exception {
        String body = get("/sandbox/requests");
        JsonNode first = RawCall.JSON.readTree(body).get(0);
        assertEquals("alipay.pass.instance.update", first.path("method").asText());
        assertTrue(first.path("appAuthTokenPresent").asBoolean());
        assertFalse(body.contains("token-never-shown"));
        assertFalse(first.path("parameters").has("sign"));
    }

    @Test
    void servesTheStateOverHttp() throws Exception {
        JsonNode state = RawCall.JSON.readTree(get("/sandbox/state"));
        assertEquals("tpl-inspect", state.path("templates").get(0).path("tplId").asText());
        JsonNode pass = state.path("passes").get(0);
        assertEquals("SN-INSPECT", pass.path("serialNumber").asText());
        assertEquals("CLOSED", pass.path("lifecycle").asText());
    }
}
