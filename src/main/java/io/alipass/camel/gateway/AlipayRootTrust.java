package io.alipass.camel.gateway;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The configured Alipay root certificates ({@code alipayRootCert.crt}) as trust anchors: an Alipay
 * certificate is trusted when a PKIX path (the JDK's {@link CertPathBuilder}, revocation off, as
 * Alipay publishes no revocation data for it) leads from it, through the intermediates given with
 * it, to one of these roots, and when every certificate of that path, the root included, is within
 * its validity period at the injected clock's time.
 *
 * <p>The root file holds several certificates, one of them SM2 in the real file. Only roots with an
 * RSA key can issue the RSA certificates Alipay signs answers with, so the others are skipped, as
 * the official SDK skips them for {@code alipay_root_cert_sn}. Immutable and thread-safe.
 */
public final class AlipayRootTrust {
    private final List<X509Certificate> roots;
    private final Set<TrustAnchor> anchors;
    private final Clock clock;

    private AlipayRootTrust(List<X509Certificate> roots, Clock clock) {
        this.roots = roots;
        this.clock = clock;
        Set<TrustAnchor> a = new LinkedHashSet<>();
        for (X509Certificate root : roots) {
            a.add(new TrustAnchor(root, null));
        }
        this.anchors = Set.copyOf(a);
    }

    /**
     * The trust of a root file's certificates.
     *
     * @throws GatewayConfigurationException if the file holds no RSA root
     */
    public static AlipayRootTrust of(List<X509Certificate> rootFile, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        List<X509Certificate> rsa = new ArrayList<>();
        for (X509Certificate c : rootFile) {
            if (c.getPublicKey() instanceof RSAPublicKey) {
                rsa.add(c);
            }
        }
        if (rsa.isEmpty()) {
            throw new GatewayConfigurationException("alipay-root-cert holds no RSA root certificate");
        }
        return new AlipayRootTrust(List.copyOf(rsa), clock);
    }

    /** The RSA roots that anchor trust. */
    public List<X509Certificate> roots() {
        return roots;
    }

    /** The clock validity is checked at. */
    public Clock clock() {
        return clock;
    }

    /**
     * Checks that a certificate is within its validity period and chains to a root.
     *
     * @param certificate   the Alipay certificate
     * @param intermediates certificates that may stand between it and a root (others are ignored)
     * @throws InvalidResponseException with {@code CERT_EXPIRED} when the certificate, an
     *         intermediate of its path or the root is outside its validity period, or
     *         {@code CERT_UNTRUSTED} when no path leads to a configured root or the certificate
     *         holds no RSA key
     */
    public void check(X509Certificate certificate, Collection<X509Certificate> intermediates) {
        if (!(certificate.getPublicKey() instanceof RSAPublicKey)) {
            // Answers are signed with RSA2/RSA: a certificate with another key can verify none of them.
            throw new InvalidResponseException(InvalidResponseException.Reason.CERT_UNTRUSTED,
                    describe("Alipay certificate", certificate) + " holds a " + certificate.getPublicKey().getAlgorithm()
                            + " key, not the RSA key answers are signed with");
        }
        Instant now = clock.instant();
        requireValid(certificate, now, "Alipay certificate");
        PKIXCertPathBuilderResult path = build(certificate, intermediates, now);
        for (var c : path.getCertPath().getCertificates()) {
            requireValid((X509Certificate) c, now, "certificate in the chain of Alipay certificate " + CertificateSn.of(certificate) + ",");
        }
        requireValid(path.getTrustAnchor().getTrustedCert(), now,
                "Alipay root certificate of Alipay certificate " + CertificateSn.of(certificate) + ",");
    }

    private PKIXCertPathBuilderResult build(X509Certificate certificate, Collection<X509Certificate> intermediates, Instant now) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(certificate);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            List<X509Certificate> pool = new ArrayList<>(intermediates);
            pool.add(certificate);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
        } catch (CertPathBuilderException e) {
            throw new InvalidResponseException(InvalidResponseException.Reason.CERT_UNTRUSTED,
                    describe("Alipay certificate", certificate) + " does not chain to the configured Alipay root certificate ("
                            + e.getMessage() + ")");
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("PKIX parameters refused: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java platform lacks PKIX path building", e);
        }
    }

    private static void requireValid(X509Certificate c, Instant now, String what) {
        try {
            c.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new InvalidResponseException(InvalidResponseException.Reason.CERT_EXPIRED,
                    describe(what, c) + " expired on " + c.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new InvalidResponseException(InvalidResponseException.Reason.CERT_EXPIRED,
                    describe(what, c) + " is not valid before " + c.getNotBefore().toInstant());
        }
    }

    /** Names a certificate by role, serial number and subject; certificates hold no secret. */
    static String describe(String what, X509Certificate c) {
        return what + " " + CertificateSn.of(c) + " (" + c.getSubjectX500Principal().getName() + ")";
    }

    @Override
    public String toString() {
        return "AlipayRootTrust[" + roots.size() + " RSA root(s)]";
    }
}
