package io.alipass.camel.gateway;

import static io.alipass.camel.gateway.ShortLivedCertificates.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Expiry of the certificate-mode certificates, with short-lived certificates and a clock the test moves. */
class CertificateExpiryTest {
    final ShortLivedCertificates.MovableClock clock = new ShortLivedCertificates.MovableClock(T0);
    /** The app certificate expires in 40 days, the Alipay certificate in 10; the roots in decades. */
    final X509Certificate app = ShortLivedCertificates.issued("CN=2021000000000001", TestKeys.APP.getPublic(),
            T0.minus(Duration.ofDays(300)), T0.plus(Duration.ofDays(40)));
    final X509Certificate alipay = ShortLivedCertificates.issued("CN=Alipay", TestKeys.ALIPAY.getPublic(),
            T0.minus(Duration.ofDays(300)), T0.plus(Duration.ofDays(10)));

    CertificateExpiry expiry(Duration warning) {
        GatewayProtocol p = GatewayProtocol.builder().appId("2021000000000001")
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .certificates(app, List.of(TestKeys.ROOT, TestKeys.EC_ROOT))
                .alipayCertificates(List.of(alipay))
                .clock(clock)
                .build();
        return CertificateExpiry.of(p, warning);
    }

    @Test
    void aCertificateExpiringWithinTheWarningPeriodIsNamedWithItsDate() {
        List<CertificateExpiry.Notice> soon = expiry(Duration.ofDays(30)).expiringSoon();
        assertEquals(1, soon.size());
        assertEquals(CertificateExpiry.Role.ALIPAY, soon.get(0).role());
        String message = soon.get(0).message();
        assertTrue(message.startsWith("the alipay certificate " + CertificateSn.of(alipay)), message);
        assertTrue(message.contains("expires on 2026-12-09T00:00:00Z, in 10 days"), message);
    }

    @Test
    void aLongerWarningPeriodNamesTheAppCertificateToo() {
        List<CertificateExpiry.Notice> soon = expiry(Duration.ofDays(45)).expiringSoon();
        assertEquals(List.of(CertificateExpiry.Role.ALIPAY, CertificateExpiry.Role.APP), soon.stream().map(CertificateExpiry.Notice::role).toList());
    }

    @Test
    void theTimeLeftFollowsTheClock() {
        CertificateExpiry e = expiry(Duration.ofDays(30));
        assertEquals(Duration.ofDays(10), e.timeLeft(CertificateExpiry.Role.ALIPAY));
        assertEquals(Duration.ofDays(40), e.timeLeft(CertificateExpiry.Role.APP));
        clock.set(T0.plus(Duration.ofDays(11)));
        assertEquals(Duration.ofDays(-1), e.timeLeft(CertificateExpiry.Role.ALIPAY));
    }

    @Test
    void certificateModeIsUsableUntilTheOnlyAlipayCertificateExpires() {
        CertificateExpiry e = expiry(Duration.ofDays(30));
        assertEquals(Optional.empty(), e.unusable());
        clock.set(T0.plus(Duration.ofDays(10)).plusSeconds(1));
        String why = e.unusable().orElseThrow();
        assertTrue(why.startsWith("the alipay certificate") && why.contains("expired on 2026-12-09T00:00:00Z"), why);
    }

    @Test
    void certificateModeIsUnusableOnceTheAppCertificateExpires() {
        X509Certificate longAlipay = ShortLivedCertificates.issued("CN=Alipay long", TestKeys.ALIPAY.getPublic(),
                T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(400)));
        GatewayProtocol p = GatewayProtocol.builder().appId("2021000000000001")
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .certificates(app, List.of(TestKeys.ROOT)).alipayCertificates(List.of(longAlipay)).clock(clock).build();
        CertificateExpiry e = CertificateExpiry.of(p, Duration.ofDays(30));
        clock.set(T0.plus(Duration.ofDays(41)));
        assertTrue(e.unusable().orElseThrow().startsWith("the app certificate"));
    }

    @Test
    void anExpiredAlipayCertificateNoLongerVerifiesAnswers() {
        GatewayProtocol p = GatewayProtocol.builder().appId("2021000000000001")
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .certificates(app, List.of(TestKeys.ROOT)).alipayCertificates(List.of(alipay)).clock(clock).build();
        clock.set(T0.plus(Duration.ofDays(11)));
        String body = new GatewaySide(TestKeys.ALIPAY.getPrivate()).signedBody(GatewayMethod.PASS_INSTANCE_UPDATE.responseNode(),
                "{\"code\":\"10000\",\"msg\":\"Success\"}", SignType.RSA2, java.nio.charset.StandardCharsets.UTF_8, CertificateSn.of(alipay));
        PassUpdateOutcome.InvalidResponse r = invalid(p.interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body));
        assertEquals(InvalidResponseException.Reason.CERT_EXPIRED, r.reason());
    }

    @Test
    void anExpiredConfiguredAlipayCertificateIsRefusedAtStart() {
        clock.set(T0.plus(Duration.ofDays(11)));
        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class, () -> expiry(Duration.ofDays(30)));
        assertTrue(e.getMessage().contains("alipay-cert cannot be used") && e.getMessage().contains("CERT_EXPIRED"), e.getMessage());
    }

    @Test
    void aNegativeWarningPeriodIsAConfigurationError() {
        assertThrows(GatewayConfigurationException.class, () -> expiry(Duration.ofDays(-1)));
    }

    private static PassUpdateOutcome.InvalidResponse invalid(PassUpdateOutcome outcome) {
        return org.junit.jupiter.api.Assertions.assertInstanceOf(PassUpdateOutcome.InvalidResponse.class, outcome);
    }
}
