package io.alipass.camel.gateway;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates with chosen validity, issued by the test root or any issuer, and a clock a test can
 * move. Public so that tests outside this package (the runner's certificate watch) build theirs here too.
 */
public final class ShortLivedCertificates {
    static final Instant T0 = Instant.parse("2026-11-29T00:00:00Z");
    static final String ROOT_NAME = "CN=Ant Financial Certification Authority R1,OU=Certification Authority,O=Ant Financial,C=CN";
    private static final AtomicLong SERIALS = new AtomicLong(7_000_000);

    private ShortLivedCertificates() {
    }

    /** A certificate for the key, issued by the test root (the name and key of {@link TestKeys#ROOT}). */
    static X509Certificate issued(String subject, PublicKey key, Instant notBefore, Instant notAfter) {
        return certificate(subject, key, ROOT_NAME, TestKeys.ROOT_KEYS.getPrivate(), notBefore, notAfter, false);
    }

    /** A self-signed root with this validity. */
    static X509Certificate root(String name, KeyPair keys, Instant notBefore, Instant notAfter) {
        return certificate(name, keys.getPublic(), name, keys.getPrivate(), notBefore, notAfter, true);
    }

    /** A certificate for the key, signed by the issuer's key under the issuer's name; {@code ca} marks an issuing certificate. */
    public static X509Certificate certificate(String subject, PublicKey key, String issuer, PrivateKey issuerKey,
                                       Instant notBefore, Instant notAfter, boolean ca) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), new X500Name(subject), key);
            if (ca) {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            }
            return new JcaX509CertificateConverter().setProvider(CryptoProvider.bouncyCastle())
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(CryptoProvider.bouncyCastle()).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock that stands still until moved. */
    public static final class MovableClock extends Clock {
        private volatile Instant now;

        public MovableClock(Instant now) {
            this.now = now;
        }

        public void set(Instant instant) {
            this.now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
