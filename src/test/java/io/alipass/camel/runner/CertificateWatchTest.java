package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.gateway.CertificateExpiry;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ShortLivedCertificates;
import io.alipass.camel.gateway.ShortLivedCertificates.MovableClock;
import io.alipass.camel.gateway.SignType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner's watch over certificate expiry: the warning per certificate, the gauge
 * {@code alipass_certificate_expiry_seconds{certificate=...}} and the health check, with
 * certificates generated here with short validity and a clock the test moves.
 */
class CertificateWatchTest {
    static final Instant T0 = Instant.parse("2026-11-29T00:00:00Z");
    static KeyPair root;
    static KeyPair app;
    static KeyPair alipay;
    static X509Certificate rootCert;
    static X509Certificate appCert;
    static X509Certificate alipayCert;

    final MovableClock clock = new MovableClock(T0);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<String> warnings = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        root = g.generateKeyPair();
        app = g.generateKeyPair();
        alipay = g.generateKeyPair();
        rootCert = certificate("CN=Root", root.getPublic(), root.getPrivate(), T0.minus(Duration.ofDays(1000)), T0.plus(Duration.ofDays(3650)));
        appCert = certificate("CN=App", app.getPublic(), root.getPrivate(), T0.minus(Duration.ofDays(300)), T0.plus(Duration.ofDays(60)));
        alipayCert = certificate("CN=Alipay", alipay.getPublic(), root.getPrivate(), T0.minus(Duration.ofDays(300)), T0.plus(Duration.ofDays(5)));
    }

    CertificateWatch watch() {
        GatewayProtocol protocol = GatewayProtocol.builder().appId("2021000000000001")
                .signer(new RequestSigner(app.getPrivate(), SignType.RSA2))
                .certificates(appCert, List.of(rootCert)).alipayCertificates(List.of(alipayCert)).clock(clock).build();
        return new CertificateWatch(CertificateExpiry.of(protocol, Duration.ofDays(30)), meters, Duration.ofDays(1), warnings::add);
    }

    double gauge(String certificate) {
        return meters.get(CertificateWatch.GAUGE).tag("certificate", certificate).gauge().value();
    }

    @Test
    void startingWarnsOnceForEachCertificateExpiringWithinTheWarningPeriod() {
        CertificateWatch w = watch();
        w.start();
        try {
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("the alipay certificate"), warnings.get(0));
            assertTrue(warnings.get(0).contains("expires on 2026-12-04T00:00:00Z, in 5 days"), warnings.get(0));
        } finally {
            w.stop();
        }
    }

    @Test
    void theGaugeGivesTheSecondsLeftPerCertificate() {
        watch();
        assertEquals(Duration.ofDays(5).toSeconds(), gauge("alipay"));
        assertEquals(Duration.ofDays(60).toSeconds(), gauge("app"));
        assertEquals(Duration.ofDays(3650).toSeconds(), gauge("root"));
        clock.set(T0.plus(Duration.ofDays(6)));
        assertEquals(-Duration.ofDays(1).toSeconds(), gauge("alipay"));
    }

    @Test
    void healthIsUpUntilTheOnlyAlipayCertificateExpiresThenDown() {
        CertificateHealthCheck check = new CertificateHealthCheck(watch().expiry());
        assertEquals(HealthCheck.State.UP, check.call().getState());
        clock.set(T0.plus(Duration.ofDays(5)).plusSeconds(1));
        HealthCheck.Result down = check.call();
        assertEquals(HealthCheck.State.DOWN, down.getState());
        assertTrue(down.getMessage().orElseThrow().contains("the alipay certificate"), down.getMessage().orElse(""));
    }

    @Test
    void healthIsDownOnceTheAppCertificateExpires() {
        GatewayProtocol protocol = GatewayProtocol.builder().appId("2021000000000001")
                .signer(new RequestSigner(app.getPrivate(), SignType.RSA2))
                .certificates(appCert, List.of(rootCert)).alipayCertificates(List.of(rootSigned("CN=Alipay long", 400)))
                .clock(clock).build();
        CertificateHealthCheck check = new CertificateHealthCheck(CertificateExpiry.of(protocol, Duration.ofDays(30)));
        clock.set(T0.plus(Duration.ofDays(61)));
        HealthCheck.Result down = check.call();
        assertEquals(HealthCheck.State.DOWN, down.getState());
        assertTrue(down.getMessage().orElseThrow().startsWith("the app certificate"), down.getMessage().orElse(""));
    }

    static X509Certificate rootSigned(String subject, int days) {
        return certificate(subject, alipay.getPublic(), root.getPrivate(), T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(days)));
    }

    /** Issued by the test's root, whose name is {@code CN=Root}. */
    static X509Certificate certificate(String subject, PublicKey key, PrivateKey rootKey, Instant from, Instant to) {
        return ShortLivedCertificates.certificate(subject, key, "CN=Root", rootKey, from, to, false);
    }
}
