package io.alipass.camel.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.gateway.CertificateSn;
import io.alipass.camel.gateway.GatewayConfigurationException;
import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.GatewayTransport;
import io.alipass.camel.gateway.InvalidResponseException;
import io.alipass.camel.gateway.PassUpdateOutcome;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;

import io.alipass.camel.component.PooledGatewayTransport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate mode across a rotation of the Alipay certificate: the protocol core downloads the
 * certificate an answer names, trusts it only when it chains to the configured root and is valid,
 * and otherwise never reports a success.
 */
class CertificateRotationTest {
    static final String APP_ID = "2021000000000014";
    static final String TEMPLATE = "tpl-rotation";
    static final String TEMPLATE_CONTENT = "{\"logo\":\"\",\"evoucherInfo\":{\"title\":\"$title$\"}}";
    static final ObjectMapper JSON = new ObjectMapper();
    static KeyPair app;

    SandboxGateway sandbox;
    X509Certificate appCert;
    PooledGatewayTransport transport;

    @BeforeAll
    static void appKeys() {
        app = RawCall.rsaKeyPair();
    }

    @BeforeEach
    void start() {
        sandbox = TestSandboxes.start();
        appCert = sandbox.issueAppCertificate(APP_ID, app.getPublic());
        sandbox.state().addTemplate(TEMPLATE, TEMPLATE_CONTENT);
        transport = PooledGatewayTransport.to(sandbox.url());
    }

    @AfterEach
    void stop() throws IOException {
        transport.close();
        sandbox.close();
    }

    GatewayProtocol.Builder protocol() {
        return GatewayProtocol.builder().appId(APP_ID).signer(new RequestSigner(app.getPrivate(), SignType.RSA2))
                .certificates(appCert, sandbox.alipayRootCertificates())
                .alipayCertificates(List.of(sandbox.alipayCertificate()));
    }

    PassUpdateOutcome update(GatewayProtocol protocol) throws IOException {
        GatewayTransport.Reply reply = transport.send(protocol.prepare(GatewayMethod.PASS_TEMPLATE_UPDATE,
                "{\"tpl_id\":\"" + TEMPLATE + "\",\"tpl_content\":" + JSON.writeValueAsString(TEMPLATE_CONTENT) + "}"));
        return protocol.interpret(GatewayMethod.PASS_TEMPLATE_UPDATE, reply.body());
    }

    long downloads() {
        return sandbox.received().forMethod(GatewayMethod.ALIPAYCERT_DOWNLOAD.name()).size();
    }

    @Test
    void anAnswerSignedWithARotatedCertificateIsVerifiedAfterOneDownload() throws IOException {
        GatewayProtocol p = protocol().certificateDownloads(transport).build();
        assertInstanceOf(PassUpdateOutcome.Success.class, update(p));
        X509Certificate rotated = sandbox.rotateAlipayCertificate();

        for (int i = 0; i < 5; i++) {
            assertInstanceOf(PassUpdateOutcome.Success.class, update(p));
        }
        assertEquals(1, downloads());
        assertTrue(p.alipayCertificates().certificates().contains(rotated));
    }

    @Test
    void concurrentAnswersNamingTheSameNewCertificateShareOneDownload() throws Exception {
        GatewayProtocol p = protocol().certificateDownloads(transport).build();
        sandbox.rotateAlipayCertificate();
        sandbox.faults().latency(java.time.Duration.ofMillis(50), java.time.Duration.ZERO);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<PassUpdateOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    return update(p);
                }));
            }
            go.countDown();
            for (Future<PassUpdateOutcome> f : outcomes) {
                assertInstanceOf(PassUpdateOutcome.Success.class, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, downloads());
    }

    @Test
    void withoutDownloadsARotatedCertificateIsAnInvalidResponse() throws IOException {
        GatewayProtocol p = protocol().build();
        sandbox.rotateAlipayCertificate();
        PassUpdateOutcome.InvalidResponse r = assertInstanceOf(PassUpdateOutcome.InvalidResponse.class, update(p));
        assertEquals(InvalidResponseException.Reason.CERT_SN_MISMATCH, r.reason());
        assertEquals(0, downloads());
    }

    @Test
    void aRotatedCertificateThatDoesNotChainToTheRootIsNeverASuccess() throws IOException {
        GatewayProtocol p = protocol().certificateDownloads(transport).build();
        sandbox.rotateAlipayCertificate(RotatedCertificate.UNTRUSTED);
        PassUpdateOutcome.InvalidResponse r = assertInstanceOf(PassUpdateOutcome.InvalidResponse.class, update(p));
        assertEquals(InvalidResponseException.Reason.CERT_UNTRUSTED, r.reason());
        assertTrue(r.detail().contains("does not chain to the configured Alipay root certificate"), r.detail());
    }

    @Test
    void anExpiredRotatedCertificateIsNeverASuccess() throws IOException {
        GatewayProtocol p = protocol().certificateDownloads(transport).build();
        sandbox.rotateAlipayCertificate(RotatedCertificate.EXPIRED);
        PassUpdateOutcome.InvalidResponse r = assertInstanceOf(PassUpdateOutcome.InvalidResponse.class, update(p));
        assertEquals(InvalidResponseException.Reason.CERT_EXPIRED, r.reason());
        assertTrue(r.detail().contains("expired on"), r.detail());
    }

    @Test
    void aRefusedDownloadIsNeverASuccessAndIsTriedAgainLater() throws IOException {
        GatewayProtocol p = protocol().certificateDownloads(transport).build();
        sandbox.rotateAlipayCertificate();
        sandbox.refuseCertificateDownloads(true);
        PassUpdateOutcome.InvalidResponse r = assertInstanceOf(PassUpdateOutcome.InvalidResponse.class, update(p));
        assertEquals(InvalidResponseException.Reason.CERT_DOWNLOAD_FAILED, r.reason());
        assertTrue(r.detail().contains(CertificateApi.REFUSED), r.detail());

        sandbox.refuseCertificateDownloads(false);
        assertInstanceOf(PassUpdateOutcome.Success.class, update(p));
        assertEquals(2, downloads());
    }

    @Test
    void aDownloadThatGetsNoAnswerIsNeverASuccess() throws IOException {
        GatewayProtocol p = protocol().certificateDownloads(request -> {
            throw new java.net.ConnectException("refused");
        }).build();
        sandbox.rotateAlipayCertificate();
        PassUpdateOutcome.InvalidResponse r = assertInstanceOf(PassUpdateOutcome.InvalidResponse.class, update(p));
        assertEquals(InvalidResponseException.Reason.CERT_DOWNLOAD_FAILED, r.reason());
        assertTrue(r.detail().contains("got no answer (ConnectException)"), r.detail());
    }

    @Test
    void aDownloadedCertificateWithAnotherSerialIsNeverASuccess() throws IOException {
        // A download answer, unsigned, carrying a trusted certificate, but not the one asked for.
        String content = Base64.getEncoder().encodeToString(sandbox.alipayCertificatePem().getBytes(StandardCharsets.US_ASCII));
        byte[] answer = ("{\"alipay_open_app_alipaycert_download_response\":{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"alipay_cert_content\":\"" + content + "\"}}").getBytes(StandardCharsets.UTF_8);
        GatewayProtocol p = protocol().certificateDownloads(request -> new GatewayTransport.Reply(200, answer)).build();
        sandbox.rotateAlipayCertificate();
        PassUpdateOutcome.InvalidResponse r = assertInstanceOf(PassUpdateOutcome.InvalidResponse.class, update(p));
        assertEquals(InvalidResponseException.Reason.CERT_SN_MISMATCH, r.reason());
        assertTrue(r.detail().contains("answered a certificate with serial"), r.detail());
    }

    @Test
    void aDownloadAnswerWithAForgedSignatureByAHeldCertificateIsNeverASuccess() throws IOException {
        X509Certificate original = sandbox.alipayCertificate();
        sandbox.rotateAlipayCertificate();
        String content = Base64.getEncoder().encodeToString(sandbox.alipayCertificatePem().getBytes(StandardCharsets.US_ASCII));
        // Claims to be signed by the configured certificate, but the signature is not its.
        byte[] answer = ("{\"alipay_open_app_alipaycert_download_response\":{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"alipay_cert_content\":\"" + content + "\"},\"alipay_cert_sn\":\"" + CertificateSn.of(original)
                + "\",\"sign\":\"" + Base64.getEncoder().encodeToString(new byte[256]) + "\"}").getBytes(StandardCharsets.UTF_8);
        GatewayProtocol p = GatewayProtocol.builder().appId(APP_ID).signer(new RequestSigner(app.getPrivate(), SignType.RSA2))
                .certificates(appCert, sandbox.alipayRootCertificates()).alipayCertificates(List.of(original))
                .certificateDownloads(request -> new GatewayTransport.Reply(200, answer)).build();
        PassUpdateOutcome.InvalidResponse r = assertInstanceOf(PassUpdateOutcome.InvalidResponse.class, update(p));
        assertEquals(InvalidResponseException.Reason.SIGNATURE_MISMATCH, r.reason());
    }

    @Test
    void aCacheFolderKeepsADownloadedCertificateAcrossRestarts(@TempDir Path cache) throws IOException {
        X509Certificate configured = sandbox.alipayCertificate();
        sandbox.rotateAlipayCertificate();
        GatewayProtocol first = protocol0(configured).certificateDownloads(transport).certificateCacheDir(cache).build();
        assertInstanceOf(PassUpdateOutcome.Success.class, update(first));
        assertEquals(1, downloads());
        try (var files = Files.list(cache)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".crt")).count());
        }

        GatewayProtocol restarted = protocol0(configured).certificateDownloads(transport).certificateCacheDir(cache).build();
        assertInstanceOf(PassUpdateOutcome.Success.class, update(restarted));
        assertEquals(1, downloads(), "the restarted protocol read the folder instead of downloading");
    }

    private GatewayProtocol.Builder protocol0(X509Certificate configured) {
        return GatewayProtocol.builder().appId(APP_ID).signer(new RequestSigner(app.getPrivate(), SignType.RSA2))
                .certificates(appCert, sandbox.alipayRootCertificates()).alipayCertificates(List.of(configured));
    }

    @Test
    void aConfiguredAlipayCertificateThatDoesNotChainIsRefusedAtStart() {
        X509Certificate stranger = sandbox.rotateAlipayCertificate(RotatedCertificate.UNTRUSTED);
        GatewayProtocol.Builder b = GatewayProtocol.builder().appId(APP_ID).signer(new RequestSigner(app.getPrivate(), SignType.RSA2))
                .certificates(appCert, sandbox.alipayRootCertificates()).verifier(ResponseVerifier.forCertificate(stranger));
        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class, b::build);
        assertTrue(e.getMessage().startsWith("alipay-cert cannot be used"), e.getMessage());
        assertTrue(e.getMessage().contains("CERT_UNTRUSTED"), e.getMessage());
    }

    @Test
    void theSandboxRotatesOnAPostAndServesTheNewCertificate() throws Exception {
        HttpResponse<String> r = RawCall.HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.rotateCertificateUrl()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(CertificateSn.of(sandbox.alipayCertificate()), body.get("alipay_cert_sn").asText());
        assertEquals("TRUSTED", body.get("kind").asText());
    }
}
