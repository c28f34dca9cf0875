package io.alipass.camel.gateway;

import static io.alipass.camel.gateway.ShortLivedCertificates.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain check of Alipay certificates against the configured root file, at an injected time. */
class AlipayRootTrustTest {
    private static final Clock NOW = Clock.fixed(T0, ZoneOffset.UTC);
    private static final List<X509Certificate> ROOT_FILE = List.of(TestKeys.EC_ROOT, TestKeys.ROOT, TestKeys.ROOT_SHA1);

    @Test
    void aCertificateIssuedByTheRootIsTrusted() {
        AlipayRootTrust.of(ROOT_FILE, NOW).check(TestKeys.ALIPAY_CERT, List.of());
    }

    @Test
    void theRootFilesNonRsaCertificateIsSkipped() {
        AlipayRootTrust trust = AlipayRootTrust.of(ROOT_FILE, NOW);
        assertEquals(List.of(TestKeys.ROOT, TestKeys.ROOT_SHA1), trust.roots());
    }

    @Test
    void aRootFileWithoutAnRsaRootIsAConfigurationError() {
        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class,
                () -> AlipayRootTrust.of(List.of(TestKeys.EC_ROOT), NOW));
        assertTrue(e.getMessage().contains("alipay-root-cert holds no RSA root"), e.getMessage());
    }

    @Test
    void aCertificateSignedByAnotherKeyUnderTheRootsNameIsUntrusted() {
        X509Certificate forged = ShortLivedCertificates.certificate("CN=forged", TestKeys.ALIPAY.getPublic(),
                ShortLivedCertificates.ROOT_NAME, TestKeys.APP.getPrivate(), T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(9)), false);
        InvalidResponseException e = assertThrows(InvalidResponseException.class,
                () -> AlipayRootTrust.of(ROOT_FILE, NOW).check(forged, List.of()));
        assertEquals(InvalidResponseException.Reason.CERT_UNTRUSTED, e.reason());
        assertTrue(e.getMessage().contains("does not chain to the configured Alipay root certificate"), e.getMessage());
    }

    @Test
    void anExpiredCertificateIsRefusedAsExpired() {
        X509Certificate expired = ShortLivedCertificates.issued("CN=expired", TestKeys.ALIPAY.getPublic(),
                T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofSeconds(1)));
        InvalidResponseException e = assertThrows(InvalidResponseException.class,
                () -> AlipayRootTrust.of(ROOT_FILE, NOW).check(expired, List.of()));
        assertEquals(InvalidResponseException.Reason.CERT_EXPIRED, e.reason());
        assertTrue(e.getMessage().contains("expired on 2026-11-28T23:59:59Z"), e.getMessage());
    }

    @Test
    void aCertificateNotYetValidIsRefusedAsExpired() {
        X509Certificate future = ShortLivedCertificates.issued("CN=future", TestKeys.ALIPAY.getPublic(),
                T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(10)));
        InvalidResponseException e = assertThrows(InvalidResponseException.class,
                () -> AlipayRootTrust.of(ROOT_FILE, NOW).check(future, List.of()));
        assertEquals(InvalidResponseException.Reason.CERT_EXPIRED, e.reason());
        assertTrue(e.getMessage().contains("is not valid before"), e.getMessage());
    }

    @Test
    void aCertificateWhoseRootHasExpiredIsRefusedAsExpired() {
        java.security.KeyPair rootKeys = TestKeys.rsa();
        X509Certificate oldRoot = ShortLivedCertificates.root("CN=Old Root", rootKeys, T0.minus(Duration.ofDays(100)), T0.minus(Duration.ofDays(1)));
        X509Certificate leaf = ShortLivedCertificates.certificate("CN=leaf", TestKeys.ALIPAY.getPublic(), "CN=Old Root",
                rootKeys.getPrivate(), T0.minus(Duration.ofDays(10)), T0.plus(Duration.ofDays(10)), false);
        InvalidResponseException e = assertThrows(InvalidResponseException.class,
                () -> AlipayRootTrust.of(List.of(oldRoot), NOW).check(leaf, List.of()));
        assertEquals(InvalidResponseException.Reason.CERT_EXPIRED, e.reason());
        assertTrue(e.getMessage().contains("Alipay root certificate"), e.getMessage());
    }

    @Test
    void anIntermediateGivenWithTheCertificateCompletesTheChain() {
        java.security.KeyPair intermediateKeys = TestKeys.rsa();
        String name = "CN=Ant Financial Certification Authority Class 2 R1,O=Ant Financial,C=CN";
        X509Certificate intermediate = ShortLivedCertificates.certificate(name, intermediateKeys.getPublic(), ShortLivedCertificates.ROOT_NAME,
                TestKeys.ROOT_KEYS.getPrivate(), T0.minus(Duration.ofDays(10)), T0.plus(Duration.ofDays(100)), true);
        X509Certificate leaf = ShortLivedCertificates.certificate("CN=alipay", TestKeys.ALIPAY.getPublic(), name,
                intermediateKeys.getPrivate(), T0.minus(Duration.ofDays(10)), T0.plus(Duration.ofDays(10)), false);
        AlipayRootTrust trust = AlipayRootTrust.of(ROOT_FILE, NOW);

        trust.check(leaf, List.of(intermediate));
        assertEquals(InvalidResponseException.Reason.CERT_UNTRUSTED,
                assertThrows(InvalidResponseException.class, () -> trust.check(leaf, List.of())).reason());
    }

    @Test
    void aCertificateWithoutAnRsaKeyIsUntrusted() {
        InvalidResponseException e = assertThrows(InvalidResponseException.class,
                () -> AlipayRootTrust.of(ROOT_FILE, NOW).check(TestKeys.EC_ROOT, List.of()));
        assertEquals(InvalidResponseException.Reason.CERT_UNTRUSTED, e.reason());
        assertTrue(e.getMessage().contains("not the RSA key answers are signed with"), e.getMessage());
    }
}
