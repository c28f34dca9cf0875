package io.alipass.camel.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.InvalidResponseException;
import io.alipass.camel.gateway.PassUpdateOutcome;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    static final String APP_ID = "2021000000000004";
    static final String CHANNEL = "2088000000000004";
    static KeyPair app;
    static SandboxGateway sandbox;
    static ProtocolClient client;

    @BeforeAll
    static void start() {
        app = RawCall.rsaKeyPair();
        sandbox = TestSandboxes.start();
        sandbox.registerApp(APP_ID, app.getPublic());
        sandbox.state().addTemplate("tpl-1", "{\"evoucherInfo\":{\"title\":\"$title$\"}}");
        client = new ProtocolClient(GatewayProtocol.builder().appId(APP_ID)
                .signer(new RequestSigner(app.getPrivate(), SignType.RSA2))
                .verifier(new ResponseVerifier(sandbox.alipayPublicKey())).build(), sandbox.url());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void noFaults() {
        sandbox.faults().reset();
    }

    static String use(String serial) {
        sandbox.state().addPass("tpl-1", serial, CHANNEL, Map.of("title", "t"));
        return "{\"serial_number\":\"" + serial + "\",\"channel_id\":\"" + CHANNEL + "\",\"status\":\"USED\","
                + "\"verify_code\":\"1\",\"verify_type\":\"qrcode\"}";
    }

    @Test
    void scriptedServiceUnavailableComesFirstThenNormalAnswers() throws IOException {
        String biz = use("SN-SCRIPT");
        sandbox.faults().next(Fault.SERVICE_UNAVAILABLE, 2);
        List<PassUpdateOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outcomes.add(client.call(GatewayMethod.PASS_INSTANCE_UPDATE, biz));
        }
        PassUpdateOutcome.TransientFailure first = assertInstanceOf(PassUpdateOutcome.TransientFailure.class, outcomes.get(0));
        assertEquals("20000", first.code());
        assertEquals("isp.unknow-error", first.subCode());
        assertInstanceOf(PassUpdateOutcome.TransientFailure.class, outcomes.get(1));
        assertInstanceOf(PassUpdateOutcome.Success.class, outcomes.get(2));
    }

    @Test
    void passSystemErrorIsKpAeSystemError() throws IOException {
        sandbox.faults().next(Fault.PASS_SYSTEM_ERROR, 1);
        PassUpdateOutcome outcome = client.call(GatewayMethod.PASS_INSTANCE_UPDATE, use("SN-KPSYS"));
        assertInstanceOf(PassUpdateOutcome.TransientFailure.class, outcome);
        assertEquals("KP.AE_SYSTEM_ERROR", outcome.subCode());
    }

    @Test
    void aFaultBeforeProcessingLeavesTheStateUnchanged() throws IOException {
        String biz = use("SN-BEFORE");
        sandbox.faults().next(Fault.SERVICE_UNAVAILABLE, 1);
        client.call(GatewayMethod.PASS_INSTANCE_UPDATE, biz);
        assertEquals(PassLifecycle.ISSUED, sandbox.state().pass("SN-BEFORE", CHANNEL).orElseThrow().lifecycle());
    }

    @Test
    void aDroppedConnectionGivesTheClientAnIoError() {
        String biz = use("SN-DROP");
        sandbox.faults().next(Fault.DROP_CONNECTION, 1);
        assertThrows(IOException.class, () -> client.call(GatewayMethod.PASS_INSTANCE_UPDATE, biz));
        assertEquals(PassLifecycle.ISSUED, sandbox.state().pass("SN-DROP", CHANNEL).orElseThrow().lifecycle());
    }

    @Test
    void aDropAfterProcessingAppliesTheUpdateButLosesTheAnswer() {
        String biz = use("SN-DROP-AFTER");
        sandbox.faults().next(Fault.DROP_AFTER_PROCESSING, 1);
        assertThrows(IOException.class, () -> client.call(GatewayMethod.PASS_INSTANCE_UPDATE, biz));
        assertEquals(PassLifecycle.USED, sandbox.state().pass("SN-DROP-AFTER", CHANNEL).orElseThrow().lifecycle());
    }

    @Test
    void http502IsABadGatewayPage() throws IOException {
        sandbox.faults().next(Fault.HTTP_502, 1);
        assertEquals(502, client.raw(GatewayMethod.PASS_INSTANCE_UPDATE, use("SN-502")).statusCode());
    }

    @Test
    void aTruncatedBodyIsAnUnparsableAnswer() throws IOException {
        sandbox.faults().next(Fault.TRUNCATED_BODY, 1);
        PassUpdateOutcome.InvalidResponse outcome = assertInstanceOf(PassUpdateOutcome.InvalidResponse.class,
                client.call(GatewayMethod.PASS_INSTANCE_UPDATE, use("SN-TRUNC")));
        assertEquals(InvalidResponseException.Reason.UNPARSABLE, outcome.reason());
    }

    @Test
    void aMissingSignatureIsRefusedByTheClient() throws IOException {
        sandbox.faults().next(Fault.MISSING_SIGNATURE, 1);
        PassUpdateOutcome.InvalidResponse outcome = assertInstanceOf(PassUpdateOutcome.InvalidResponse.class,
                client.call(GatewayMethod.PASS_INSTANCE_UPDATE, use("SN-NOSIGN")));
        assertEquals(InvalidResponseException.Reason.SIGNATURE_MISSING, outcome.reason());
    }

    @Test
    void aWrongSignatureIsRefusedByTheClient() throws IOException {
        sandbox.faults().next(Fault.WRONG_SIGNATURE, 1);
        PassUpdateOutcome.InvalidResponse outcome = assertInstanceOf(PassUpdateOutcome.InvalidResponse.class,
                client.call(GatewayMethod.PASS_INSTANCE_UPDATE, use("SN-BADSIGN")));
        assertEquals(InvalidResponseException.Reason.SIGNATURE_MISMATCH, outcome.reason());
    }

    @Test
    void theFaultIsRecordedWithTheRequest() throws IOException {
        sandbox.faults().next(Fault.HTTP_502, 1);
        client.raw(GatewayMethod.PASS_INSTANCE_UPDATE, use("SN-RECORDED"));
        ReceivedRequest last = sandbox.received().all().get(sandbox.received().all().size() - 1);
        assertEquals(Fault.HTTP_502, last.fault());
        assertNull(last.code());
    }

    @Test
    void delayedAnswersAllArriveWhenMoreAreInFlightThanThereAreWorkers() {
        sandbox.faults().latency(Duration.ofMillis(50), Duration.ofMillis(50));
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String biz = use("SN-LATE-" + i);
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return client.call(GatewayMethod.PASS_INSTANCE_UPDATE, biz);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        calls.forEach(c -> assertInstanceOf(PassUpdateOutcome.Success.class, c.join()));
    }

    @Test
    void randomSharesRepeatWithTheSameSeed() {
        FaultPlan a = new FaultPlan(42).share(Fault.SERVICE_UNAVAILABLE, 0.3).share(Fault.HTTP_502, 0.2);
        FaultPlan b = new FaultPlan(42).share(Fault.SERVICE_UNAVAILABLE, 0.3).share(Fault.HTTP_502, 0.2);
        List<Fault> first = new ArrayList<>();
        List<Fault> second = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            first.add(a.decide().fault());
            second.add(b.decide().fault());
        }
        assertEquals(first, second);
        assertTrue(first.contains(Fault.HTTP_502) && first.contains(null));
        assertFalse(first.contains(Fault.DROP_CONNECTION));
    }
}
