package io.alipass.camel.kamelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.component.AlipayPassConstants;
import io.alipass.camel.sandbox.PassLifecycle;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.kamelet.FailedToCreateKameletException;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code alipay-pass-update-sink} Kamelet, found on the classpath under {@code kamelets/} as a user
 * gets it from the jar, called from a YAML-DSL route against the built-in sandbox gateway.
 */
class KameletSinkTest {
    static final String APP_ID = "2021000000001603";
    static final String CHANNEL = "2088000000000001";
    static final ObjectMapper JSON = new ObjectMapper();
    static SandboxGateway sandbox;
    static Path privateKey;

    CamelContext context;

    @BeforeAll
    static void startSandbox() throws Exception {
        Path dir = Files.createTempDirectory("alipass-kamelet");
        sandbox = SandboxGateway.start(SandboxSettings.builder().keysDir(dir.resolve("sandbox-keys")).build());
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair app = g.generateKeyPair();
        sandbox.registerApp(APP_ID, app.getPublic());
        sandbox.state().addTemplate("tpl-kamelet", "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
        privateKey = Files.writeString(dir.resolve("app-private-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(app.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n",
                StandardCharsets.US_ASCII);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @AfterEach
    void stopCamel() {
        if (context != null) {
            context.stop();
        }
    }

    /** The sink's parameters for the sandbox app; a test leaves one out by naming it. */
    static String sinkUri(String without) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        parameters.put("api", "instance-update");
        parameters.put("gatewayUrl", "RAW(" + sandbox.url() + ")");
        parameters.put("appId", APP_ID);
        parameters.put("privateKey", "RAW(" + privateKey + ")");
        parameters.put("alipayPublicKey", "RAW(" + sandbox.alipayPublicKeyPath() + ")");
        parameters.put("channelId", CHANNEL);
        parameters.remove(without);
        StringBuilder uri = new StringBuilder("kamelet:alipay-pass-update-sink");
        parameters.forEach((k, v) -> uri.append(uri.indexOf("?") < 0 ? '?' : '&').append(k).append('=').append(v));
        return uri.toString();
    }

    /** A YAML-DSL route that hands each update to the sink and the outcome on to mock:outcome. */
    void start(String sinkUri) throws Exception {
        String yaml = """
                - route:
                    id: updates-to-alipay
                    from:
                      uri: direct:updates
                      steps:
                        - to: "%s"
                        - to: mock:outcome
                """.formatted(sinkUri);
        context = new DefaultCamelContext();
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("updates-to-alipay.camel.yaml", yaml));
        context.start();
    }

    JsonNode send(String record) throws Exception {
        MockEndpoint outcome = context.getEndpoint("mock:outcome", MockEndpoint.class);
        outcome.expectedMessageCount(1);
        context.createProducerTemplate().sendBody("direct:updates", record);
        outcome.assertIsSatisfied();
        Exchange got = outcome.getExchanges().get(0);
        JsonNode doc = JSON.readTree(got.getMessage().getBody(String.class));
        assertEquals(doc.get("outcome").asText(), got.getMessage().getHeader(AlipayPassConstants.OUTCOME), "header and body agree");
        return doc;
    }

    static String used(String serial) {
        return "{\"serial_number\":\"" + serial + "\",\"status\":\"USED\",\"verify_code\":\"8612231273\",\"verify_type\":\"wave\"}";
    }

    @Test
    void anUpdateTheGatewayAcceptsComesBackAsASuccessDocument() throws Exception {
        String serial = "KM-OK-" + System.nanoTime();
        sandbox.state().addPass("tpl-kamelet", serial, CHANNEL, Map.of("title", "t"));
        start(sinkUri(null));
        JsonNode doc = send(used(serial));
        assertEquals("success", doc.get("outcome").asText());
        assertEquals("alipay.pass.instance.update", doc.get("method").asText());
        assertEquals(serial, doc.get("key").asText());
        assertEquals("10000", doc.get("code").asText());
        assertEquals(used(serial), doc.get("input").asText(), "the record as sent");
        assertEquals(PassLifecycle.USED, sandbox.state().pass(serial, CHANNEL).orElseThrow().lifecycle());
    }

    @Test
    void anUpdateTheGatewayRefusesComesBackAsABusinessFailureWithItsCode() throws Exception {
        start(sinkUri(null));
        JsonNode doc = send(used("KM-NO-SUCH-PASS"));
        assertEquals("business-failure", doc.get("outcome").asText());
        assertEquals("KP.AE_ALIPASS_NOTEXIST", doc.get("sub_code").asText());
        assertEquals(1, doc.get("attempts").asInt());
    }

    @Test
    void anUpdateThatBreaksARuleComesBackAsInvalidInputNamingTheField() throws Exception {
        start(sinkUri(null));
        JsonNode doc = send("{\"status\":\"USED\",\"verify_code\":\"8612231273\",\"verify_type\":\"wave\"}");
        assertEquals("invalid-input", doc.get("outcome").asText());
        assertEquals(0, doc.get("attempts").asInt(), "the gateway was never called");
        assertTrue(doc.get("violations").toString().contains("serial_number"), doc.toString());
    }

    @Test
    void secretsGivenAsTextNeverShowInTheEndpointsCamelPrints() throws Exception {
        String keyText = Files.readString(privateKey, StandardCharsets.US_ASCII).lines()
                .filter(l -> !l.startsWith("-----")).collect(java.util.stream.Collectors.joining());
        String token = "202611KMe1d4c0ffee5e57X16";
        start(sinkUri("privateKey") + "&privateKey=RAW(" + keyText + ")&appAuthToken=RAW(" + token + ")");
        assertTrue(context.getEndpoints().stream().anyMatch(e -> e.getEndpointUri().startsWith("alipay-pass:")), "the sink's endpoint is there");
        for (var endpoint : context.getEndpoints()) {
            String shown = endpoint.toString();
            assertFalse(shown.contains(keyText.substring(0, 40)), "private key in " + shown);
            assertFalse(shown.contains(token), "app_auth_token in " + shown);
        }
    }

    @Test
    void aMissingRequiredParameterFailsTheRouteStartNamingIt() {
        RuntimeCamelException e = assertThrows(RuntimeCamelException.class, () -> start(sinkUri("appId")));
        FailedToCreateKameletException kamelet = causeOf(e, FailedToCreateKameletException.class);
        assertTrue(kamelet.getMessage().contains("alipay-pass-update-sink"), kamelet.getMessage());
        IllegalArgumentException missing = causeOf(kamelet, IllegalArgumentException.class);
        assertTrue(missing.getMessage().endsWith("mandatory parameters must be provided: appId"), missing.getMessage());
    }

    private static <T extends Throwable> T causeOf(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + t, t);
    }
}
