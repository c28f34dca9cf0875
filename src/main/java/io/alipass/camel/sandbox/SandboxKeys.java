package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.CertificateReader;
import io.alipass.camel.gateway.CertificateSn;
import io.alipass.camel.gateway.CryptoProvider;
import io.alipass.camel.gateway.KeyReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The sandbox's own "Alipay" keys: the key pair that signs responses, a root certificate, and an
 * Alipay certificate issued by that root for certificate mode. The Alipay certificate can be
 * rotated ({@link #rotate}): certificate-mode answers are then signed with the new certificate's
 * key, public-key-mode answers keep the original key, as Alipay keeps the two apart; every Alipay
 * certificate ever issued stays downloadable by its serial number (in memory only). They are read from the keys
 * directory when it already holds them, so a standalone sandbox keeps its keys across runs, and
 * generated and written there otherwise, in the forms clients are configured with: PEM, and the
 * bare Base64 public key the Alipay console shows.
 */
final class SandboxKeys {
    static final String PRIVATE_KEY = "alipay_private_key.pem";
    static final String PUBLIC_KEY_PEM = "alipay_public_key.pem";
    static final String PUBLIC_KEY_BASE64 = "alipay_public_key.txt";
    static final String ROOT_PRIVATE_KEY = "alipay_root_private_key.pem";
    static final String ROOT_CERT = "alipay_root_cert.pem";
    static final String ALIPAY_CERT = "alipay_cert.pem";

    private final Path dir;
    private final KeyPair alipay;
    private final KeyPair root;
    private final X509Certificate rootCertificate;
    /** The certificate that signs certificate-mode answers now, with its key. */
    private volatile Signing current;
    /** Every Alipay certificate issued, by serial number, for {@code alipay.open.app.alipaycert.download}. */
    private final Map<String, X509Certificate> issued = new ConcurrentHashMap<>();
    private final int bits;
    private KeyPair strangerRoot;

    /**
     * The key and certificate that sign certificate-mode answers.
     *
     * @param key         the private key
     * @param certificate its certificate
     */
    record Signing(PrivateKey key, X509Certificate certificate) {
        String sn() {
            return CertificateSn.of(certificate);
        }
    }

    private SandboxKeys(Path dir, KeyPair alipay, KeyPair root, X509Certificate rootCertificate, X509Certificate alipayCertificate) {
        this.dir = dir;
        this.alipay = alipay;
        this.root = root;
        this.rootCertificate = rootCertificate;
        this.bits = ((java.security.interfaces.RSAKey) alipay.getPublic()).getModulus().bitLength();
        this.current = new Signing(alipay.getPrivate(), alipayCertificate);
        issued.put(CertificateSn.of(alipayCertificate), alipayCertificate);
    }

    /**
     * Switches certificate-mode answers to a new Alipay certificate with a new key, and returns it.
     *
     * @param kind a certificate issued by the same root, or, for tests, one issued by another root
     *             (same name, other key) or one that has already expired
     */
    synchronized X509Certificate rotate(RotatedCertificate kind) {
        KeyPair keys = generate(bits);
        X500Principal subject = new X500Principal("CN=Alipass Sandbox Alipay " + (issued.size() + 1)
                + ",O=alipass-camel sandbox,C=CN");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate cert = switch (kind) {
            case TRUSTED -> issue(subject, keys.getPublic(), root, rootCertificate, false);
            case EXPIRED -> issue(subject, keys.getPublic(), root, rootCertificate.getSubjectX500Principal(), false,
                    now.minus(30, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
            case UNTRUSTED -> issue(subject, keys.getPublic(), strangerRoot(), rootCertificate.getSubjectX500Principal(), false,
                    now.minus(1, ChronoUnit.DAYS), now.plus(3650, ChronoUnit.DAYS));
        };
        issued.put(CertificateSn.of(cert), cert);
        current = new Signing(keys.getPrivate(), cert);
        return cert;
    }

    /** A root key that is not the sandbox root's, for certificates that must not chain. */
    private KeyPair strangerRoot() {
        if (strangerRoot == null) {
            strangerRoot = generate(2048);
        }
        return strangerRoot;
    }

    /** The certificate-mode signing key and certificate now. */
    Signing current() {
        return current;
    }

    /** An Alipay certificate the sandbox issued, by serial number, or null. */
    X509Certificate issued(String alipayCertSn) {
        return alipayCertSn == null ? null : issued.get(alipayCertSn);
    }

    /** Reads the keys from the directory, or generates and writes them when the directory holds none. */
    static SandboxKeys loadOrCreate(Path dir, int bits) {
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(dir.resolve(PRIVATE_KEY)) && Files.isRegularFile(dir.resolve(ROOT_PRIVATE_KEY))) {
                KeyPair alipay = new KeyPair(KeyReader.publicKey(dir.resolve(PUBLIC_KEY_PEM).toString()),
                        KeyReader.privateKey(dir.resolve(PRIVATE_KEY).toString(), null));
                X509Certificate rootCert = CertificateReader.certificates(dir.resolve(ROOT_CERT).toString()).get(0);
                KeyPair root = new KeyPair(rootCert.getPublicKey(), KeyReader.privateKey(dir.resolve(ROOT_PRIVATE_KEY).toString(), null));
                X509Certificate alipayCert = CertificateReader.certificates(dir.resolve(ALIPAY_CERT).toString()).get(0);
                return new SandboxKeys(dir, alipay, root, rootCert, alipayCert);
            }
            KeyPair alipay = generate(bits);
            KeyPair root = generate(2048);
            X509Certificate rootCert = issue(new X500Principal("CN=Alipass Sandbox Root CA,O=alipass-camel sandbox,C=CN"),
                    root.getPublic(), root, null, true);
            X509Certificate alipayCert = issue(new X500Principal("CN=Alipass Sandbox Alipay,O=alipass-camel sandbox,C=CN"),
                    alipay.getPublic(), root, rootCert, false);
            SandboxKeys keys = new SandboxKeys(dir, alipay, root, rootCert, alipayCert);
            keys.write();
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the sandbox keys directory " + dir, e);
        }
    }

    /** Issues a certificate for an app's public key, signed by the sandbox root. */
    X509Certificate issueAppCertificate(String appId, PublicKey appKey) {
        return issue(new X500Principal("CN=" + appId.replaceAll("[,+=\"\\\\<>;]", "_") + ",O=alipass-camel sandbox app,C=CN"),
                appKey, root, rootCertificate, false);
    }

    private static KeyPair generate(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has RSA", e);
        }
    }

    private static X509Certificate issue(X500Principal subject, PublicKey key, KeyPair issuerKeys, X509Certificate issuer, boolean ca) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return issue(subject, key, issuerKeys, issuer == null ? subject : issuer.getSubjectX500Principal(), ca,
                now.minus(1, ChronoUnit.DAYS), now.plus(3650, ChronoUnit.DAYS));
    }

    private static X509Certificate issue(X500Principal subject, PublicKey key, KeyPair issuerKeys, X500Principal issuerName,
                                         boolean ca, Instant notBefore, Instant notAfter) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(63, new SecureRandom()), Date.from(notBefore), Date.from(notAfter), subject, key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            var signer = new JcaContentSignerBuilder("SHA256withRSA").setProvider(CryptoProvider.bouncyCastle())
                    .build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().setProvider(CryptoProvider.bouncyCastle()).getCertificate(b.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a sandbox certificate: " + e.getClass().getSimpleName(), e);
        }
    }

    private void write() throws IOException {
        Files.writeString(dir.resolve(PRIVATE_KEY), pem("PRIVATE KEY", alipay.getPrivate().getEncoded()));
        Files.writeString(dir.resolve(PUBLIC_KEY_PEM), pem("PUBLIC KEY", alipay.getPublic().getEncoded()));
        Files.writeString(dir.resolve(PUBLIC_KEY_BASE64), alipayPublicKeyBase64() + "\n");
        Files.writeString(dir.resolve(ROOT_PRIVATE_KEY), pem("PRIVATE KEY", root.getPrivate().getEncoded()));
        Files.writeString(dir.resolve(ROOT_CERT), pem(rootCertificate));
        Files.writeString(dir.resolve(ALIPAY_CERT), pem(current.certificate()));
    }

    static String pem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    Path dir() {
        return dir;
    }

    PrivateKey alipayPrivateKey() {
        return alipay.getPrivate();
    }

    PublicKey alipayPublicKey() {
        return alipay.getPublic();
    }

    String alipayPublicKeyBase64() {
        return Base64.getEncoder().encodeToString(alipay.getPublic().getEncoded());
    }

    /** The Alipay certificate that signs certificate-mode answers now. */
    X509Certificate alipayCertificate() {
        return current.certificate();
    }

    List<X509Certificate> rootChain() {
        return List.of(rootCertificate);
    }

    String alipayCertSn() {
        return current.sn();
    }

    String rootCertSn() {
        return CertificateSn.ofRootChain(rootChain());
    }
}
