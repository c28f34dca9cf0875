package io.alipass.camel.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.sandbox.Fault;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The contract through the HTTP source (platform-http on Vert.x, a real server on 127.0.0.1), plus
 * what only HTTP has: the bearer token, the size limit, and the synchronous status codes.
 */
class HttpSourceTest extends SourceContract {
    private static final String TOKEN = "test-token-only";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private int port;
    private HttpResponse<String> last;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CamelContext ctx = super.createCamelContext();
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setPort(port);
        ctx.addService(new VertxPlatformHttpServer(conf));
        return ctx;
    }

    @Override
    String sourceUri() {
        return "direct:http-updates";
    }

    @Override
    void addSourceRoutes() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/api/pass-updates?httpMethodRestrict=POST").routeId("http-source")
                        .onCompletion().modeBeforeConsumer().process(new HttpOutcomeResponder()).end()
                        .process(new BearerTokenCheck(TOKEN, 256 * 1024))
                        .to("direct:http-updates");
            }
        });
    }

    @Override
    void send(String body) throws Exception {
        last = post(body, TOKEN);
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/pass-updates"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void aSuccessAnswers200WithTheOutcome() throws Exception {
        send(used(issuedPass()));
        assertEquals(200, last.statusCode());
        assertTrue(last.body().contains("\"outcome\":\"success\""), last.body());
    }

    @Test
    void aBusinessFailureAnswers422WithItsCode() throws Exception {
        send(used("no-such-pass"));
        assertEquals(422, last.statusCode());
        assertTrue(last.body().contains("KP.AE_ALIPASS_NOTEXIST"), last.body());
    }

    @Test
    void invalidInputAnswers400NamingTheField() throws Exception {
        send("{\"api\":\"instance.update\",\"serial_number\":\"x\",\"status\":\"DONE\"}");
        assertEquals(400, last.statusCode());
        assertTrue(last.body().contains("\"field\":\"status\""), last.body());
    }

    @Test
    void aGatewayThatStaysUnavailableAnswers503() throws Exception {
        sandbox.faults().next(Fault.SERVICE_UNAVAILABLE, 10);
        send(used(issuedPass()));
        assertEquals(503, last.statusCode());
    }

    @Test
    void aRequestWithoutTheTokenIsRefusedWith401AndGoesNowhere() throws Exception {
        expect(0, 0, 0);
        HttpResponse<String> r = post(used(issuedPass()), null);
        HttpResponse<String> wrong = post(used(issuedPass()), "not-the-token");
        assertEquals(401, r.statusCode());
        assertEquals(401, wrong.statusCode());
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        HttpResponse<String> r = post("{\"api\":\"instance.update\",\"serial_number\":\"" + "x".repeat(300 * 1024) + "\"}", TOKEN);
        assertEquals(413, r.statusCode());
    }
}
