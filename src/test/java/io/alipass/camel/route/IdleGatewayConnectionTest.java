package io.alipass.camel.route;


import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * Gateways and the load balancers in front of them close keep-alive connections that sit idle. The
 * next update after such a quiet spell must go out on a fresh connection at its first attempt, not
 * fail on the closed one and wait for a redelivery.
 */
class IdleGatewayConnectionTest {
    private static final String APP_ID = "2021000000000001";
    private static final String CHANNEL = "2088000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A TCP relay on 127.0.0.1 in front of the sandbox that can close every client connection, as an idle timeout does. */
    static final class ClosingRelay implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> clients = new CopyOnWriteArrayList<>();

        ClosingRelay(int targetPort) throws IOException {
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                        clients.add(client);
                        pump(client, upstream);
                        pump(upstream, client);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "closing-relay");
            accept.setDaemon(true);
            accept.start();
        }

        private static void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // either side closed: the relay for this connection is over
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "closing-relay-pump");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        /** Closes every open client connection from the server side. */
        void closeIdleConnections() {
            clients.forEach(ClosingRelay::closeQuietly);
            clients.clear();
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            closeIdleConnections();
        }
    }

    @Test
    void theFirstUpdateAfterTheGatewayClosedAnIdleConnectionSucceedsAtItsFirstAttempt() throws Exception {
        try (SandboxGateway sandbox = SandboxGateway.start(SandboxSettings.builder().port(0)
                .keysDir(Files.createTempDirectory("sandbox-keys")).build());
             ClosingRelay relay = new ClosingRelay(java.net.URI.create(sandbox.url()).getPort());
             DefaultCamelContext ctx = new DefaultCamelContext()) {
            sandbox.registerApp(APP_ID, TestKeys.APP.getPublic());
            sandbox.state().addTemplate("tpl-1", "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
            sandbox.state().addPass("tpl-1", "idle-1", CHANNEL, Map.of("title", "x"));
            GatewayProtocol protocol = GatewayProtocol.builder().appId(APP_ID)
                    .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                    .verifier(new ResponseVerifier(sandbox.alipayPublicKey())).build();
            ctx.addRoutes(new AlipassRoutes(protocol, "http://127.0.0.1:" + relay.port() + SandboxGateway.GATEWAY_PATH, CHANNEL));
            ctx.start();
            TemplatedRouteBuilder.builder(ctx, AlipassRoutes.TEMPLATE).routeId("updates")
                    .parameter("sourceUri", "direct:in").parameter("successUri", "mock:success")
                    .parameter("failureUri", "mock:failure").parameter("deadLetterUri", "mock:dead")
                    .parameter("maximumRedeliveries", "3").parameter("redeliveryDelay", "5").add();
            String update = "{\"api\":\"instance.update\",\"serial_number\":\"idle-1\",\"tpl_params\":{\"title\":\"t\"}}";
            var producer = ctx.createProducerTemplate();
            producer.sendBody("direct:in", update);

            relay.closeIdleConnections();
            // Longer than the pool's validate-after-inactivity (1 s), as any real idle timeout is.
            Thread.sleep(1500);
            producer.sendBody("direct:in", update);

            MockEndpoint success = MockEndpoint.resolve(ctx, "mock:success");
            assertEquals(2, success.getReceivedCounter(), "both updates succeeded");
            JsonNode second = JSON.readTree(success.getExchanges().get(1).getMessage().getBody(String.class));
            assertEquals(1, second.path("attempts").asInt(), "no attempt was spent on the closed connection: " + second);
        }
    }
}
