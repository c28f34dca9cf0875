package io.alipass.camel.gateway;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How long the certificates of certificate mode have left: the app certificate, the Alipay
 * certificates held (configured and downloaded) and the Alipay roots. It names those that expire
 * within the warning period, gives the time left per role, and says when certificate mode can no
 * longer work: the app certificate has expired (the gateway refuses its {@code app_cert_sn}), or
 * every Alipay certificate held has (no answer can be verified until a new one is downloaded).
 * Reads the clock on every call; thread-safe.
 */
public final class CertificateExpiry {
    /** The warning period when none is configured. */
    public static final Duration DEFAULT_WARNING = Duration.ofDays(30);

    /** Which certificate of certificate mode. */
    public enum Role {
        /** The app's own certificate ({@code appCertPublicKey_*.crt}). */
        APP("app"),
        /** Alipay's certificate that signs answers ({@code alipayCertPublicKey_RSA2.crt}, or a downloaded one). */
        ALIPAY("alipay"),
        /** Alipay's root certificate ({@code alipayRootCert.crt}). */
        ROOT("root");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        /** The lower-case name used in metrics and messages. */
        public String label() {
            return label;
        }
    }

    /**
     * A certificate that expires within the warning period, or has expired.
     *
     * @param role        which certificate
     * @param certificate the certificate
     * @param left        the time until it expires; negative once expired
     */
    public record Notice(Role role, X509Certificate certificate, Duration left) {
        public Notice {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(left, "left");
        }

        /** Whether it has expired. */
        public boolean expired() {
            return left.isNegative() || left.isZero();
        }

        /** One line for the log, naming the certificate and when it expires; certificates hold no secret. */
        public String message() {
            Instant at = certificate.getNotAfter().toInstant();
            return "the " + role.label() + " certificate " + CertificateSn.of(certificate) + " ("
                    + certificate.getSubjectX500Principal().getName() + ") "
                    + (expired() ? "expired on " + at : "expires on " + at + ", in " + left.toDays() + " days")
                    + (role == Role.ROOT ? "" : "; renew it in the Alipay Open Platform console");
        }

        @Override
        public String toString() {
            return "Notice[" + message() + "]";
        }
    }

    private final X509Certificate app;
    private final AlipayCertificateStore alipay;
    private final Clock clock;
    private final Duration warning;

    private CertificateExpiry(X509Certificate app, AlipayCertificateStore alipay, Clock clock, Duration warning) {
        this.app = Objects.requireNonNull(app, "app certificate");
        this.alipay = Objects.requireNonNull(alipay, "Alipay certificates");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (warning == null || warning.isNegative()) {
            throw new GatewayConfigurationException("certificate-warning-days must be 0 or more");
        }
        this.warning = warning;
    }

    /**
     * The expiry of a certificate-mode protocol's certificates, read at the clock the protocol checks
     * certificates with.
     *
     * @throws IllegalArgumentException if the protocol is not in certificate mode with verification
     */
    public static CertificateExpiry of(GatewayProtocol protocol, Duration warning) {
        if (protocol.appCertificate() == null || protocol.alipayCertificates() == null) {
            throw new IllegalArgumentException("certificate expiry needs certificate mode with verified responses: " + protocol);
        }
        return new CertificateExpiry(protocol.appCertificate(), protocol.alipayCertificates(),
                protocol.alipayCertificates().trust().clock(), warning);
    }

    /** The warning period. */
    public Duration warning() {
        return warning;
    }

    /**
     * The time left for a role: the app certificate's; for Alipay and the root, that of the one
     * that expires last, since any one of them still valid keeps certificate mode working.
     */
    public Duration timeLeft(Role role) {
        return Duration.between(clock.instant(), lastExpiry(certificates(role)).getNotAfter().toInstant());
    }

    /** Every certificate, of every role, that expires within the warning period or has expired, soonest first. */
    public List<Notice> expiringSoon() {
        Instant now = clock.instant();
        List<Notice> out = new ArrayList<>();
        for (Role role : Role.values()) {
            for (X509Certificate c : certificates(role)) {
                Duration left = Duration.between(now, c.getNotAfter().toInstant());
                if (left.compareTo(warning) <= 0) {
                    out.add(new Notice(role, c, left));
                }
            }
        }
        out.sort(Comparator.comparing(Notice::left));
        return out;
    }

    /**
     * Why certificate mode cannot work now, or empty while it can: the app certificate has
     * expired, or every Alipay certificate held has.
     */
    public Optional<String> unusable() {
        if (!timeLeft(Role.APP).isNegative() && !timeLeft(Role.ALIPAY).isNegative()) {
            return Optional.empty();
        }
        Role role = timeLeft(Role.APP).isNegative() ? Role.APP : Role.ALIPAY;
        X509Certificate c = lastExpiry(certificates(role));
        return Optional.of(new Notice(role, c, timeLeft(role)).message());
    }

    private List<X509Certificate> certificates(Role role) {
        return switch (role) {
            case APP -> List.of(app);
            case ALIPAY -> alipay.certificates();
            case ROOT -> alipay.trust().roots();
        };
    }

    private static X509Certificate lastExpiry(List<X509Certificate> certificates) {
        return certificates.stream().max(Comparator.comparing(X509Certificate::getNotAfter))
                .orElseThrow(() -> new IllegalStateException("no certificate held"));
    }

    @Override
    public String toString() {
        return "CertificateExpiry[warning " + warning.toDays() + " days]";
    }
}
