package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.bench.CallLimitRun;
import io.alipass.camel.bench.CrashBenchTool;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.KeyReader;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import io.alipass.camel.route.AlipassRoutes;
import io.alipass.camel.component.AlipayPassConfiguration;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk updates against a gateway that allows 50 calls a second and answers {@code 40005} beyond it,
 * with no rate limit configured: the runner finds the quota by itself, every update ends as a success,
 * few calls are refused once the rate has settled, and the quota is well used. With a configured rate
 * limit below the quota, the gateway never has to refuse a call. The bounds are loose on the slow side
 * (a busy machine sends fewer calls, never more) and strict where they guard correctness.
 */
class CallLimitedRunTest {
    private static final int QUOTA = 50;
    private static final int N = 2_000;

    @Test
    void everyUpdateOfABulkDropSucceedsAgainstAQuotaTheRunnerWasNotTold(@TempDir Path work) throws Exception {
        CallLimitRun.Figures f = CallLimitRun.runnerOnce(work, N, QUOTA, 0);
        System.out.println("runner --once, quota " + QUOTA + "/s: " + f);

        assertEquals(N, f.succeeded(), f::toString);
        assertEquals(0, f.failed(), f::toString);
        assertEquals(0, f.deadLettered(), f::toString);
        assertTrue(f.callLimitedShareAfterWarmUp() < 0.10, () -> "40005 share after the warm-up: " + f);
        assertTrue(f.successesPerSecond() >= 0.8 * QUOTA, () -> "successes per second against the quota of " + QUOTA + ": " + f);
    }

    @Test
    void everyUpdateFromAJmsQueueSucceedsAgainstAQuotaTheRouteWasNotTold(@TempDir Path work) throws Exception {
        Path keys = work.resolve("keys");
        CrashBenchTool.keys(keys);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(false)
                .addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(), Map.of("serverId", "13"))));
        broker.start();
        RunTally tally = new RunTally(new SimpleMeterRegistry());
        try (SandboxGateway sandbox = CrashBenchTool.seededSandbox(SandboxSettings.builder().port(0)
                .keysDir(keys.resolve("sandbox-keys")).callLimit(QUOTA).recordedRequests(4 * N).build(), keys, N);
             ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("vm://13")) {
            try (Connection c = cf.createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(s.createQueue("pass-updates"));
                for (int i = 0; i < N; i++) {
                    p.send(s.createTextMessage(CrashBenchTool.update(i)));
                }
            }
            GatewayProtocol protocol = GatewayProtocol.builder().appId(CrashBenchTool.APP_ID)
                    .signer(new RequestSigner(KeyReader.privateKey(keys.resolve("app_private_key.pem").toString(), null), SignType.RSA2))
                    .verifier(new ResponseVerifier(sandbox.alipayPublicKey())).build();
            CamelContext ctx = new DefaultCamelContext();
            try {
                ctx.addComponent("jms", JmsComponent.jmsComponent(cf));
                AlipayPassConfiguration app = new AlipayPassConfiguration();
                app.setProtocol(protocol);
                app.setGatewayUrl(sandbox.url());
                app.setChannelId(CrashBenchTool.CHANNEL);
                app.setOutcomeListener(tally);
                ctx.addRoutes(new AlipassRoutes(app));
                TemplatedRouteBuilder.builder(ctx, AlipassRoutes.TEMPLATE).routeId("jms-updates")
                        .parameter("sourceUri", "jms:queue:pass-updates?transacted=true&lazyCreateTransactionManager=false&concurrentConsumers=4")
                        .parameter("successUri", "log:success?level=OFF")
                        .parameter("failureUri", "log:failure?level=WARN")
                        .parameter("deadLetterUri", "log:dead?level=WARN")
                        .parameter("redeliveryDelay", "100")
                        .add();
                ctx.start();
                long deadline = System.nanoTime() + 180_000_000_000L;
                while (tally.finished() < N && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
            } finally {
                ctx.close();
            }
            CallLimitRun.Figures f = CallLimitRun.figures(N, tally.done(), tally.failed(), tally.deadLettered(), sandbox.received().all());
            System.out.println("JMS route, quota " + QUOTA + "/s: " + f);

            assertEquals(N, f.succeeded(), f::toString);
            assertEquals(0, f.failed(), f::toString);
            assertEquals(0, f.deadLettered(), f::toString);
            assertTrue(f.callLimitedShareAfterWarmUp() < 0.10, () -> "40005 share after the warm-up: " + f);
            assertTrue(f.successesPerSecond() >= 0.8 * QUOTA, () -> "successes per second against the quota of " + QUOTA + ": " + f);
        } finally {
            broker.stop();
        }
    }

    @Test
    void aConfiguredRateLimitBelowTheQuotaMeetsNoCallLimitAndIsNeverExceeded(@TempDir Path work) throws Exception {
        int rateLimit = 20;
        CallLimitRun.Figures f = CallLimitRun.runnerOnce(work, 120, QUOTA, rateLimit);
        System.out.println("runner --once, rate limit " + rateLimit + "/s, quota " + QUOTA + "/s: " + f);

        assertEquals(120, f.succeeded(), f::toString);
        assertEquals(0, f.callLimited(), f::toString);
        assertTrue(f.busiestSecond() <= rateLimit, () -> "no one-second window above " + rateLimit + " calls: " + f);
    }
}
