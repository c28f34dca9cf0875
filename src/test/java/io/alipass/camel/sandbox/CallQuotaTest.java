package io.alipass.camel.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alipass.camel.gateway.GatewayMethod;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sandbox's call quota: 40005 beyond N calls per second per app, or per method. */
class CallQuotaTest {
    private static final String APP = "2021000000000041";
    private static final String INSTANCE = "alipay.pass.instance.update";
    private static final String TEMPLATE = "alipay.pass.template.update";
    private final AtomicLong now = new AtomicLong(5_000_000_000L);

    @Test
    void theCallAfterTheAppsQuotaInOneSecondIsAppCallLimited() {
        CallQuota quota = new CallQuota(3, Map.of(), now::get);
        for (int i = 0; i < 3; i++) {
            assertNull(quota.admit(APP, INSTANCE));
        }
        assertEquals(GatewayError.APP_CALL_LIMITED, quota.admit(APP, TEMPLATE));
        assertEquals(1, quota.refused());
    }

    @Test
    void theNextSecondStartsAFreshQuotaAndARefusedCallUsesNone() {
        CallQuota quota = new CallQuota(1, Map.of(), now::get);
        assertNull(quota.admit(APP, INSTANCE));
        assertEquals(GatewayError.APP_CALL_LIMITED, quota.admit(APP, INSTANCE));
        now.addAndGet(1_000_000_000L);
        assertNull(quota.admit(APP, INSTANCE));
    }

    @Test
    void eachAppHasItsOwnQuota() {
        CallQuota quota = new CallQuota(1, Map.of(), now::get);
        assertNull(quota.admit(APP, INSTANCE));
        assertNull(quota.admit("2021000000000042", INSTANCE));
    }

    @Test
    void aMethodsOwnLimitIsMethodCallLimitedAndLeavesOtherMethodsAlone() {
        CallQuota quota = new CallQuota(10, Map.of(TEMPLATE, 1), now::get);
        assertNull(quota.admit(APP, TEMPLATE));
        assertEquals(GatewayError.METHOD_CALL_LIMITED, quota.admit(APP, TEMPLATE));
        assertNull(quota.admit(APP, INSTANCE));
    }

    @Test
    void aMethodLimitBelowOneIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SandboxSettings.builder().methodCallLimit(TEMPLATE, 0).build());
        assertTrue(e.getMessage().contains(TEMPLATE));
    }

    @Test
    void fromTheCommandLineTheQuotaAnswersASigned40005AndCountsItInTheState() throws Exception {
        KeyPair app = RawCall.rsaKeyPair();
        String key = Base64.getEncoder().encodeToString(app.getPublic().getEncoded());
        try (SandboxGateway sandbox = SandboxMain.start(new String[] {"--port", "0", "--app-id", APP, "--app-public-key", key,
                "--keys-dir", TestSandboxes.KEYS.toString(), "--call-limit", "2", "--call-limit", TEMPLATE + "=1"},
                new PrintStream(new ByteArrayOutputStream()))) {
            RawCall.Reply limited = null;
            for (int i = 0; i < 20 && limited == null; i++) {
                RawCall.Reply reply = RawCall.of(APP, GatewayMethod.PASS_INSTANCE_UPDATE,
                        "{\"serial_number\":\"none\",\"channel_id\":\"2088000000000041\",\"status\":\"USED\"}", app.getPrivate()).send(sandbox.url());
                limited = "40005".equals(reply.code()) ? reply : null;
            }
            assertEquals("isv.app-call-limited", limited.subCode());
            assertEquals("Call Limited", limited.node().path("msg").asText());
            assertTrue(limited.json().has("sign"), "signed like any answer");
            HttpResponse<String> state = RawCall.HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/state")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode quota = RawCall.JSON.readTree(state.body()).path("callQuota");
            assertEquals(2, quota.path("perApp").asInt());
            assertEquals(1, quota.path("perMethod").path(TEMPLATE).asInt());
            assertTrue(quota.path("callLimited").asLong() >= 1);
        }
    }
}
