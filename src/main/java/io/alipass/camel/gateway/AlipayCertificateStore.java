package io.alipass.camel.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The Alipay certificates an app holds in certificate mode, by serial number ({@code alipay_cert_sn}):
 * the configured one, and those fetched when Alipay rotates its certificate. An unknown serial is
 * looked up in the cache folder (when configured), else fetched once: concurrent answers that name
 * the same new serial wait for one fetch. Every certificate, whether configured, read from the
 * folder or fetched, must pass {@link AlipayRootTrust#check}, and must still be valid when used.
 * A fetch that fails is not remembered, so the next answer (a retry) tries again. Thread-safe.
 */
public final class AlipayCertificateStore {
    /** Serial numbers are hex MD5 digests; anything else is refused before it names a file or a request. */
    private static final Pattern SERIAL = Pattern.compile("[0-9A-Fa-f]{1,64}");

    /** Fetches the certificate file content (leaf first, then intermediates) for a serial number. */
    @FunctionalInterface
    public interface Fetcher {
        /**
         * @throws InvalidResponseException with {@code CERT_DOWNLOAD_FAILED} (or the reason of the
         *         check that failed) when no trusted certificate with this serial could be had
         */
        List<X509Certificate> fetch(String alipayCertSn);
    }

    /** A held certificate with the verifier of its key. */
    private record Held(X509Certificate certificate, ResponseVerifier verifier) {
    }

    private final AlipayRootTrust trust;
    private final Fetcher fetcher;
    private final Path cacheDir;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Held>> fetching = new ConcurrentHashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();

    /**
     * @param trust      the root trust every certificate must pass
     * @param configured the configured Alipay certificate file (leaf first, then any intermediates)
     * @param fetcher    how to fetch an unknown serial, or null to refuse unknown serials
     * @param cacheDir   a folder to keep fetched certificates in across restarts, or null
     * @throws GatewayConfigurationException if the configured certificate is not trusted or not valid
     */
    AlipayCertificateStore(AlipayRootTrust trust, List<X509Certificate> configured, Fetcher fetcher, Path cacheDir) {
        this.trust = trust;
        this.fetcher = fetcher;
        this.cacheDir = cacheDir;
        try {
            add(configured);
        } catch (InvalidResponseException e) {
            throw new GatewayConfigurationException("alipay-cert cannot be used: " + e.getMessage() + " [" + e.reason() + "]");
        }
    }

    /**
     * The verifier for the certificate with this serial number, fetched when not yet held.
     *
     * @throws InvalidResponseException {@code CERT_SN_MISMATCH} for a malformed serial or one that
     *         cannot be fetched without a fetcher, {@code CERT_EXPIRED} when the certificate has
     *         expired since, or the reason the fetch failed
     */
    public ResponseVerifier verifierFor(String alipayCertSn) {
        Held h = held.get(alipayCertSn);
        if (h == null) {
            h = fetchOnce(alipayCertSn);
        }
        try {
            h.certificate().checkValidity(java.util.Date.from(trust.clock().instant()));
        } catch (java.security.cert.CertificateException e) {
            throw new InvalidResponseException(InvalidResponseException.Reason.CERT_EXPIRED,
                    AlipayRootTrust.describe("Alipay certificate", h.certificate()) + " is outside its validity period ("
                            + h.certificate().getNotBefore().toInstant() + " to " + h.certificate().getNotAfter().toInstant() + ")");
        }
        return h.verifier();
    }

    /** The verifier of a certificate already held, or null; never fetches. */
    ResponseVerifier heldVerifier(String alipayCertSn) {
        Held h = alipayCertSn == null ? null : held.get(alipayCertSn);
        return h == null ? null : h.verifier();
    }

    /** Every Alipay certificate held, the one expiring last first. */
    public List<X509Certificate> certificates() {
        List<X509Certificate> out = new ArrayList<>(held.values().stream().map(Held::certificate).toList());
        out.sort(Comparator.comparing(X509Certificate::getNotAfter).reversed());
        return out;
    }

    /** The root trust certificates are checked against. */
    public AlipayRootTrust trust() {
        return trust;
    }

    /** How many fetches have been started (downloads, or reads of the cache folder), for tests and logs. */
    public int fetches() {
        return fetches.get();
    }

    private Held fetchOnce(String sn) {
        if (sn == null || !SERIAL.matcher(sn).matches()) {
            throw new InvalidResponseException(InvalidResponseException.Reason.CERT_SN_MISMATCH,
                    "alipay_cert_sn is not a certificate serial number");
        }
        CompletableFuture<Held> mine = new CompletableFuture<>();
        CompletableFuture<Held> running = fetching.putIfAbsent(sn, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Held h = held.get(sn); // fetched while this thread looked
            if (h == null) {
                fetches.incrementAndGet();
                h = fetch(sn);
            }
            mine.complete(h);
            return h;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            fetching.remove(sn, mine);
        }
    }

    private Held fetch(String sn) {
        List<X509Certificate> cached = readCached(sn);
        if (cached != null) {
            try {
                return requireSerial(sn, add(cached));
            } catch (InvalidResponseException e) {
                // A stale or damaged cache file: fetch afresh below.
            }
        }
        if (fetcher == null) {
            throw new InvalidResponseException(InvalidResponseException.Reason.CERT_SN_MISMATCH,
                    "response is signed with Alipay certificate " + sn + ", which is not held, and certificate downloads are off");
        }
        List<X509Certificate> fetched = fetcher.fetch(sn);
        Held h = requireSerial(sn, add(fetched));
        writeCached(sn, fetched);
        return h;
    }

    private static Held requireSerial(String sn, Held h) {
        String got = CertificateSn.of(h.certificate());
        if (!got.equals(sn)) {
            throw new InvalidResponseException(InvalidResponseException.Reason.CERT_SN_MISMATCH,
                    "the certificate fetched for alipay_cert_sn " + sn + " has serial " + got);
        }
        return h;
    }

    /** Checks a certificate file (leaf and intermediates) and holds its leaf. */
    private Held add(List<X509Certificate> file) {
        X509Certificate leaf = leaf(file);
        List<X509Certificate> intermediates = new ArrayList<>(file);
        intermediates.remove(leaf);
        trust.check(leaf, intermediates);
        Held h = new Held(leaf, ResponseVerifier.forCertificate(leaf));
        held.put(CertificateSn.of(leaf), h);
        return h;
    }

    /** The end-entity certificate of a file: the first one that is not a CA, else the first. */
    static X509Certificate leaf(List<X509Certificate> file) {
        if (file.isEmpty()) {
            throw new InvalidResponseException(InvalidResponseException.Reason.CERT_DOWNLOAD_FAILED, "no certificate received");
        }
        return file.stream().filter(c -> c.getBasicConstraints() < 0).findFirst().orElse(file.get(0));
    }

    private List<X509Certificate> readCached(String sn) {
        if (cacheDir == null) {
            return null;
        }
        Path file = cacheDir.resolve(sn + ".crt");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return CertificateReader.certificates(Files.readAllBytes(file), file.toString());
        } catch (IOException | GatewayConfigurationException e) {
            return null;
        }
    }

    private void writeCached(String sn, List<X509Certificate> file) {
        if (cacheDir == null) {
            return;
        }
        try {
            Files.createDirectories(cacheDir);
            StringBuilder pem = new StringBuilder();
            for (X509Certificate c : file) {
                pem.append(pem(c));
            }
            Path tmp = Files.createTempFile(cacheDir, sn, ".tmp");
            Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, cacheDir.resolve(sn + ".crt"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, cacheDir.resolve(sn + ".crt"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // The folder only saves a download after a restart; the certificate is held in memory either way.
        }
    }

    /** A certificate as PEM text. */
    static String pem(X509Certificate c) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    @Override
    public String toString() {
        return "AlipayCertificateStore[" + held.size() + " held" + (fetcher == null ? ", downloads off" : "")
                + (cacheDir == null ? "" : ", cache " + cacheDir) + "]";
    }
}
