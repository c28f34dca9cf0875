package io.alipass.camel.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.gateway.PassUpdateOutcome;
import io.alipass.camel.pass.InstanceUpdate;
import io.alipass.camel.pass.InvalidPassUpdateException;
import io.alipass.camel.pass.PassStatus;
import io.alipass.camel.pass.VerifyType;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code alipay-pass} producer on its own, against the sandbox gateway over real HTTP: what it
 * accepts as a body, and what it leaves in the body and the headers.
 */
class AlipayPassProducerTest {
    private static TwoSandboxApps apps;
    private static DefaultCamelContext camel;
    private static ProducerTemplate producer;

    @BeforeAll
    static void start() throws Exception {
        apps = new TwoSandboxApps();
        camel = new DefaultCamelContext();
        AlipayPassComponent component = new AlipayPassComponent();
        AlipayPassConfiguration c = component.getConfiguration();
        c.setGatewayUrl(apps.sandbox.url());
        c.setAppId(TwoSandboxApps.APP_A);
        c.setPrivateKey(TwoSandboxApps.text(apps.keysA));
        c.setAlipayPublicKey(apps.sandbox.alipayPublicKeyBase64());
        camel.addComponent("alipay-pass", component);
        camel.getRegistry().bind("alipayKey", apps.sandbox.alipayPublicKey());
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        camel.stop();
        apps.close();
    }

    @Test
    void aJsonRecordComesBackAsASuccessOutcomeInTheBodyAndHeaders() {
        String serial = apps.issuedPass();
        Exchange done = producer.request("alipay-pass:instance-update", e -> e.getMessage().setBody(TwoSandboxApps.used(serial)));
        assertNull(done.getException());
        assertInstanceOf(PassUpdateOutcome.Success.class, done.getMessage().getBody());
        assertEquals("success", done.getMessage().getHeader(AlipayPassConstants.OUTCOME));
        assertEquals("10000", done.getMessage().getHeader(AlipayPassConstants.CODE));
        assertEquals(serial, done.getMessage().getHeader(AlipayPassConstants.KEY));
        assertEquals(1, done.getMessage().getHeader(AlipayPassConstants.ATTEMPTS, Integer.class));
    }

    @Test
    void aMapBodyIsSentAsTheRecordItSpells() {
        String serial = apps.issuedPass();
        Map<String, Object> record = Map.of("serial_number", serial, "channel_id", TwoSandboxApps.CHANNEL,
                "status", "USED", "verify_code", "8612231273", "verify_type", "wave", "tpl_params", Map.of("title", "新标题"));
        Exchange done = producer.request("alipay-pass:instance-update", e -> e.getMessage().setBody(record));
        assertEquals("success", done.getMessage().getHeader(AlipayPassConstants.OUTCOME));
    }

    @Test
    void aTypedInstanceUpdateIsSentAsItIs() {
        String serial = apps.issuedPass();
        InstanceUpdate update = new InstanceUpdate(serial, TwoSandboxApps.CHANNEL, null, PassStatus.USED, "8612231273",
                VerifyType.WAVE, null, null);
        Exchange done = producer.request("alipay-pass:instance-update", e -> e.getMessage().setBody(update));
        assertEquals("success", done.getMessage().getHeader(AlipayPassConstants.OUTCOME));
    }

    @Test
    void aBusinessFailureIsAResultForTheRouteNotAnException() {
        Exchange done = producer.request("alipay-pass:instance-update", e -> e.getMessage().setBody(TwoSandboxApps.used("no-such-pass")));
        assertNull(done.getException());
        assertInstanceOf(PassUpdateOutcome.BusinessFailure.class, done.getMessage().getBody());
        assertEquals("business-failure", done.getMessage().getHeader(AlipayPassConstants.OUTCOME));
        assertTrue(done.getMessage().getHeader(AlipayPassConstants.SUB_CODE, String.class).startsWith("KP.AE_"));
    }

    @Test
    void invalidInputIsAResultNamingTheFieldAndTheRule() {
        Exchange done = producer.request("alipay-pass:instance-update", e -> e.getMessage().setBody(
                "{\"serial_number\":\"s1\",\"channel_id\":\"" + TwoSandboxApps.CHANNEL + "\",\"status\":\"DONE\"}"));
        assertNull(done.getException());
        assertEquals("invalid-input", done.getMessage().getHeader(AlipayPassConstants.OUTCOME));
        assertTrue(done.getMessage().getHeader(AlipayPassConstants.SUB_MSG, String.class).contains("status"));
        assertEquals(0, done.getMessage().getHeader(AlipayPassConstants.ATTEMPTS, Integer.class), "the gateway was never called");
    }

    @Test
    void aTemplateUpdateSentToTheInstanceUpdateEndpointIsInvalidInput() {
        Exchange done = producer.request("alipay-pass:instance-update", e -> e.getMessage().setBody(
                "{\"api\":\"template.update\",\"tpl_id\":\"tpl-1\",\"tpl_content\":{\"logo\":\"x\",\"content\":{}}}"));
        assertEquals("invalid-input", done.getMessage().getHeader(AlipayPassConstants.OUTCOME));
        assertTrue(done.getMessage().getHeader(AlipayPassConstants.SUB_MSG, String.class).contains("api"));
    }

    @Test
    void throwExceptionOnFailureTurnsABusinessFailureIntoAnException() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> producer.requestBody(
                "alipay-pass:instance-update?throwExceptionOnFailure=true", TwoSandboxApps.used("no-such-pass")));
        AlipayPassFailureException failure = assertInstanceOf(AlipayPassFailureException.class, e.getCause());
        assertInstanceOf(PassUpdateOutcome.BusinessFailure.class, failure.outcome());
    }

    @Test
    void throwExceptionOnFailureTurnsInvalidInputIntoAnException() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> producer.requestBody(
                "alipay-pass:instance-update?throwExceptionOnFailure=true", "{\"serial_number\":\"s1\"}"));
        assertInstanceOf(InvalidPassUpdateException.class, e.getCause());
    }

    @Test
    void theAlipayPublicKeyMayBeABeanReference() {
        String serial = apps.issuedPass();
        Exchange done = producer.request("alipay-pass:instance-update?alipayPublicKey=#alipayKey",
                e -> e.getMessage().setBody(TwoSandboxApps.used(serial)));
        assertEquals("success", done.getMessage().getHeader(AlipayPassConstants.OUTCOME));
    }

    @Test
    void theSecretsNeverShowInTheEndpointsConfiguration() {
        AlipayPassEndpoint endpoint = camel.getEndpoint("alipay-pass:instance-update", AlipayPassEndpoint.class);
        String shown = endpoint.getConfiguration().toString();
        assertFalse(shown.contains(TwoSandboxApps.text(apps.keysA).substring(0, 40)), shown);
        assertTrue(shown.contains("privateKey=***"), shown);
    }
}
