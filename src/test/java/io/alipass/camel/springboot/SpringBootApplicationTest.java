package io.alipass.camel.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.component.AlipayPassComponent;
import io.alipass.camel.sandbox.Fault;
import io.alipass.camel.sandbox.PassLifecycle;
import io.alipass.camel.sandbox.ReceivedRequest;
import io.alipass.camel.springboot.passsync.PassSyncApplication;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring Boot application {@link PassSyncApplication} against the built-in sandbox: records put on
 * a JMS queue of an embedded Artemis broker reach Alipay through {@code alipay-pass:}, configured from
 * {@code application.properties} only, and each outcome lands on the queue the route sends it to.
 */
@SpringBootTest(classes = PassSyncApplication.class, properties = "spring.config.location=classpath:/springboot/")
@DirtiesContext
class SpringBootApplicationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static SpringBootSandbox sandbox;

    static {
        SpringBootSandbox.leaveLoggingAlone();
    }

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    ConsumerTemplate consumer;
    @Autowired
    ConfigurationPropertiesReportEndpoint configprops;
    @Autowired
    EnvironmentEndpoint env;

    @DynamicPropertySource
    static void sandbox(DynamicPropertyRegistry registry) {
        sandbox = new SpringBootSandbox();
        sandbox.register(registry);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    JsonNode receive(String queue) throws Exception {
        String body = consumer.receiveBody("jms:queue:" + queue, 20_000, String.class);
        assertNotNull(body, "nothing arrived on " + queue);
        return JSON.readTree(body);
    }

    /** The one request the sandbox received for this pass. */
    static ReceivedRequest received(String serial) {
        List<ReceivedRequest> forSerial = sandbox.gateway.received().all().stream()
                .filter(r -> r.bizContent() != null && r.bizContent().contains(serial)).toList();
        assertEquals(1, forSerial.size(), "requests for " + serial);
        return forSerial.get(0);
    }

    @Test
    void anUpdateTheGatewayAcceptsLandsOnTheSuccessQueue() throws Exception {
        String serial = sandbox.issuedPass("SB-OK");
        producer.sendBody("jms:queue:pass-updates", SpringBootSandbox.used(serial));
        JsonNode doc = receive("pass-updates.done");
        assertEquals("success", doc.get("outcome").asText());
        assertEquals(serial, doc.get("key").asText());
        assertEquals("10000", doc.get("code").asText());
        ReceivedRequest sent = received(serial);
        assertEquals(SpringBootSandbox.APP_A, sent.appId());
        assertTrue(sent.appAuthTokenPresent(), "app A's app_auth_token went with it");
        assertEquals(PassLifecycle.USED, sandbox.gateway.state().pass(serial, SpringBootSandbox.CHANNEL).orElseThrow().lifecycle());
    }

    @Test
    void theRouteTemplateOnTheAutoConfiguredComponentDeliversAnOutcomeDocument() throws Exception {
        String serial = sandbox.issuedPass("SB-TPL");
        producer.sendBody("jms:queue:pass-updates-t", SpringBootSandbox.used(serial));
        JsonNode doc = receive("pass-updates-t.done");
        assertEquals("success", doc.get("outcome").asText());
        assertEquals(serial, doc.get("key").asText());
        assertEquals(SpringBootSandbox.APP_A, received(serial).appId(), "signed by the app of application.properties");
    }

    @Test
    void anUpdateTheGatewayRefusesLandsOnTheFailureQueueWithItsCode() throws Exception {
        producer.sendBody("jms:queue:pass-updates", SpringBootSandbox.used("SB-NO-SUCH-PASS"));
        JsonNode doc = receive("pass-updates.failed");
        assertEquals("business-failure", doc.get("outcome").asText());
        assertEquals("KP.AE_ALIPASS_NOTEXIST", doc.get("sub_code").asText());
        assertEquals(1, doc.get("attempts").asInt(), "a business failure is not retried");
    }

    @Test
    void anUpdateTheGatewayKeepsFailingIsRetriedThenLandsOnTheDeadLetterQueueAsSent() throws Exception {
        String serial = sandbox.issuedPass("SB-DEAD");
        String record = SpringBootSandbox.used(serial);
        long before = sandbox.gateway.received().total();
        // One answer 20000 (service unavailable) for the first call and each of the two retries.
        sandbox.gateway.faults().next(Fault.SERVICE_UNAVAILABLE, 3);
        producer.sendBody("jms:queue:pass-updates", record);
        String dead = consumer.receiveBody("jms:queue:pass-updates.dead", 20_000, String.class);
        assertEquals(record, dead, "the dead letter is the original record, ready to be sent again");
        assertEquals(3, sandbox.gateway.received().total() - before, "the first call and two retries");
    }

    @Test
    void theSecondInstanceSignsWithItsOwnKeyAsItsOwnApp() throws Exception {
        String serial = sandbox.issuedPass("SB-B");
        producer.sendBody("jms:queue:pass-updates-b", SpringBootSandbox.used(serial));
        JsonNode doc = receive("pass-updates-b.done");
        // The sandbox verifies each request with the public key registered for its app_id: a success
        // means app B's request was signed with app B's key.
        assertEquals("success", doc.get("outcome").asText(), doc.toString());
        ReceivedRequest sent = received(serial);
        assertEquals(SpringBootSandbox.APP_B, sent.appId());
        // App A's app-auth-token is set, app B's is not: B read only its own prefix.
        assertFalse(sent.appAuthTokenPresent(), "the second instance took a property of the first");
        assertTrue(camel.getComponent("alipay-pass-b") instanceof AlipayPassComponent);
    }

    @Test
    void configpropsShowsTheOptionsButNoSecretEvenWithShowValuesAlways() throws Exception {
        String configs = JSON.writeValueAsString(configprops.configurationProperties());
        assertTrue(configs.contains("camel.component.alipay-pass"), "the properties are listed");
        assertTrue(configs.contains(SpringBootSandbox.APP_A), "ordinary values are shown");
        assertFalse(configs.contains(SpringBootSandbox.APP_AUTH_TOKEN), "app_auth_token shown");
        assertFalse(configs.contains(sandbox.appAKey.toString()), "private key shown");
    }

    @Test
    void envShowsEveryInstancesSecretsMaskedEvenWithShowValuesAlways() throws Exception {
        JsonNode environment = JSON.valueToTree(env.environment(null));
        assertFalse(environment.toString().contains(SpringBootSandbox.APP_AUTH_TOKEN), "app_auth_token shown");
        List<String> secrets = List.of("camel.component.alipay-pass.private-key", "camel.component.alipay-pass.app-auth-token",
                "camel.component.alipay-pass-b.private-key");
        for (String key : secrets) {
            List<JsonNode> values = environment.findParents(key).stream().map(p -> p.get(key).get("value")).toList();
            assertFalse(values.isEmpty(), key + " is listed");
            values.forEach(v -> assertEquals("******", v.asText(), key));
        }
        assertEquals(SpringBootSandbox.APP_A, environment.findParents("camel.component.alipay-pass.app-id").get(0)
                .get("camel.component.alipay-pass.app-id").get("value").asText(), "ordinary values are shown");
    }
}
