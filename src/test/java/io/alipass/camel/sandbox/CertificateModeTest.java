package io.alipass.camel.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.gateway.CertificateSn;
import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.ParameterName;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateModeTest {
    static final String APP_ID = "2021000000000006";
    static KeyPair app;
    static SandboxGateway sandbox;
    static X509Certificate appCert;

    @BeforeAll
    static void start() {
        app = RawCall.rsaKeyPair();
        sandbox = TestSandboxes.start();
        appCert = sandbox.issueAppCertificate(APP_ID, app.getPublic());
        sandbox.state().addTemplate("tpl-cert", "{\"logo\":\"\"}");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static RawCall certCall() {
        return RawCall.of(APP_ID, GatewayMethod.PASS_TEMPLATE_UPDATE, "{\"tpl_id\":\"tpl-cert\",\"tpl_content\":\"{}\"}", app.getPrivate())
                .set(ParameterName.APP_CERT_SN, CertificateSn.of(appCert))
                .set(ParameterName.ALIPAY_ROOT_CERT_SN, CertificateSn.ofRootChain(sandbox.alipayRootCertificates()));
    }

    @Test
    void acceptsTheRegisteredCertificatesSerialNumbers() {
        assertEquals("10000", certCall().send(sandbox.url()).code());
    }

    @Test
    void answersWithTheAlipayCertificatesSerialNumber() {
        RawCall.Reply reply = certCall().send(sandbox.url());
        assertEquals(CertificateSn.of(sandbox.alipayCertificate()), reply.json().path("alipay_cert_sn").asText());
    }

    @Test
    void refusesAnotherAppCertSn() {
        assertEquals("isv.invalid-app-cert-sn",
                certCall().set(ParameterName.APP_CERT_SN, "0123456789abcdef0123456789abcdef").send(sandbox.url()).subCode());
    }

    @Test
    void refusesAnotherRootCertSn() {
        assertEquals("isv.invalid-alipay-root-cert-sn",
                certCall().set(ParameterName.ALIPAY_ROOT_CERT_SN, "0123456789abcdef0123456789abcdef").send(sandbox.url()).subCode());
    }

    @Test
    void refusesACertificateAppWithoutAppCertSn() {
        RawCall.Reply reply = certCall().remove(ParameterName.APP_CERT_SN).send(sandbox.url());
        assertEquals("40001", reply.code());
        assertEquals("isv.missing-app-cert-sn", reply.subCode());
    }

    @Test
    void theAlipayCertificateIsIssuedByTheRoot() throws Exception {
        sandbox.alipayCertificate().verify(sandbox.alipayRootCertificates().get(0).getPublicKey());
        assertTrue(sandbox.alipayCertificate().getPublicKey().equals(sandbox.alipayPublicKey()));
    }
}
