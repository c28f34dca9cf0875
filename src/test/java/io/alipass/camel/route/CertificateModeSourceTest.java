package io.alipass.camel.route;

import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole contract in certificate mode: the app is known to the sandbox by a certificate, requests
 * carry {@code app_cert_sn} and {@code alipay_root_cert_sn}, and answers are verified with the
 * Alipay certificate and their {@code alipay_cert_sn} checked.
 */
class CertificateModeSourceTest extends DirectSourceTest {
    static X509Certificate appCertificate;

    @BeforeAll
    static void registerCertificate() {
        appCertificate = sandbox.issueAppCertificate(APP_ID, TestKeys.APP.getPublic());
        sandbox.registerAppCertificate(APP_ID, appCertificate);
    }

    @Override
    GatewayProtocol protocol() {
        return GatewayProtocol.builder()
                .appId(APP_ID)
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .verifier(ResponseVerifier.forCertificate(sandbox.alipayCertificate()))
                .certificates(appCertificate, sandbox.alipayRootCertificates())
                .build();
    }
}
