package io.alipass.camel.route;

import io.alipass.camel.component.AlipayPassConfiguration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import io.alipass.camel.sandbox.SandboxGateway;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS to the gateway is verified: a self-signed HTTPS gateway on 127.0.0.1 (forwarding to the
 * sandbox) is refused with the JVM's default trust, accepted once its certificate is configured as
 * trusted, and refused again when the trusted certificate names another host.
 */
class GatewayTlsTest {
    private static final String APP_ID = "2021000000000001";
    private static final String CHANNEL = "2088000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    static SandboxGateway sandbox;

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = SourceContract.sandboxForTheTestApp();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    /** A self-signed certificate for the given IP address, and its key. */
    record SelfSigned(KeyPair keys, X509Certificate certificate) {
        static SelfSigned forIp(String ip) throws Exception {
            KeyPair keys = TestKeys.ALIPAY; // any RSA pair will do; generating another costs time
            X500Name name = new X500Name("CN=" + ip);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, ip)));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            return new SelfSigned(keys, cert);
        }

        SSLContext serverContext() throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", keys.getPrivate(), "pw".toCharArray(), new X509Certificate[] {certificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "pw".toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        }

        /** A client context that trusts this certificate and nothing else. */
        SSLContext trustingContext() throws Exception {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("gateway", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        }
    }

    /** An HTTPS front on 127.0.0.1 that forwards every call to the sandbox, as a TLS-terminating proxy would. */
    private static HttpsServer httpsFront(SelfSigned cert) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()));
        HttpClient forward = HttpClient.newHttpClient();
        server.createContext("/gateway.do", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                HttpResponse<byte[]> r = forward.send(HttpRequest.newBuilder(URI.create(sandbox.url() + "?" + exchange.getRequestURI().getRawQuery()))
                        .header("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                r.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
                exchange.sendResponseHeaders(r.statusCode(), r.body().length);
                exchange.getResponseBody().write(r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }

    /** Sends one valid update through a route whose gateway is the HTTPS front; returns [endpoint, document]. */
    private static Object[] callThrough(HttpsServer front, SSLContext trust) throws Exception {
        String serial = "tls-" + System.nanoTime();
        sandbox.state().addPass("tpl-1", serial, CHANNEL, Map.of("title", "券"));
        GatewayProtocol protocol = GatewayProtocol.builder().appId(APP_ID)
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .verifier(new ResponseVerifier(sandbox.alipayPublicKey())).build();
        AlipayPassConfiguration call = new AlipayPassConfiguration();
        call.setProtocol(protocol);
        call.setGatewayUrl("https://127.0.0.1:" + front.getAddress().getPort() + "/gateway.do");
        call.setChannelId(CHANNEL);
        call.setSslContext(trust);
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            ctx.addRoutes(new AlipassRoutes(call));
            ctx.start();
            TemplatedRouteBuilder.builder(ctx, AlipassRoutes.TEMPLATE).routeId("updates")
                    .parameter("sourceUri", "direct:in").parameter("successUri", "mock:success")
                    .parameter("failureUri", "mock:failure").parameter("deadLetterUri", "mock:dead")
                    .parameter("maximumRedeliveries", "1").parameter("redeliveryDelay", "5").add();
            ctx.createProducerTemplate().sendBody("direct:in",
                    "{\"api\":\"instance.update\",\"serial_number\":\"" + serial + "\",\"tpl_params\":{\"title\":\"新\"}}");
            for (String endpoint : new String[] {"success", "failure", "dead"}) {
                MockEndpoint m = MockEndpoint.resolve(ctx, "mock:" + endpoint);
                if (m.getReceivedCounter() > 0) {
                    return new Object[] {endpoint, JSON.readTree(m.getExchanges().get(0).getMessage().getBody(String.class))};
                }
            }
            throw new AssertionError("no outcome");
        }
    }

    @Test
    void aSelfSignedGatewayIsRefusedWithTheDefaultTrust() throws Exception {
        HttpsServer front = httpsFront(SelfSigned.forIp("127.0.0.1"));
        try {
            long before = sandbox.received().total();
            Object[] got = callThrough(front, null);
            assertEquals("dead", got[0]);
            JsonNode doc = (JsonNode) got[1];
            assertEquals("io-error", doc.get("last_outcome").asText());
            assertTrue(doc.get("reason").asText().contains("SSLHandshakeException"), doc.get("reason").asText());
            assertEquals(before, sandbox.received().total(), "nothing reached the gateway behind the untrusted front");
        } finally {
            front.stop(0);
        }
    }

    @Test
    void aSelfSignedGatewayIsAcceptedWhenItsCertificateIsTrusted() throws Exception {
        SelfSigned cert = SelfSigned.forIp("127.0.0.1");
        HttpsServer front = httpsFront(cert);
        try {
            Object[] got = callThrough(front, cert.trustingContext());
            assertEquals("success", got[0], String.valueOf(got[1]));
        } finally {
            front.stop(0);
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostIsStillRefused() throws Exception {
        SelfSigned otherHost = SelfSigned.forIp("127.0.0.2");
        HttpsServer front = httpsFront(otherHost);
        try {
            Object[] got = callThrough(front, otherHost.trustingContext());
            assertEquals("dead", got[0], "hostname verification stays on");
            assertTrue(((JsonNode) got[1]).get("reason").asText().contains("SSL"), String.valueOf(got[1]));
        } finally {
            front.stop(0);
        }
    }
}
