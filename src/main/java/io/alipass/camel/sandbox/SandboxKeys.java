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
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The sandbox's own "Alipay" keys: the key pair that signs responses, a root certificate, and an
 * Alipay certificate issued by that root for certificate mode. They are read from the keys
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
    private final X509Certificate alipayCertificate;

    private SandboxKeys(Path dir, KeyPair alipay, KeyPair root, X509Certificate rootCertificate, X509Certificate alipayCertificate) {
        this.dir = dir;
        this.alipay = alipay;
        this.root = root;
        this.rootCertificate = rootCertificate;
        this.alipayCertificate = alipayCertificate;
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
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X500Principal issuerName = issuer == null ? subject : issuer.getSubjectX500Principal();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(63, new SecureRandom()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                    Date.from(now.plus(3650, ChronoUnit.DAYS)), subject, key);
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
        Files.writeString(dir.resolve(ALIPAY_CERT), pem(alipayCertificate));
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

    X509Certificate alipayCertificate() {
        return alipayCertificate;
    }

    List<X509Certificate> rootChain() {
        return List.of(rootCertificate);
    }

    String alipayCertSn() {
        return CertificateSn.of(alipayCertificate);
    }

    String rootCertSn() {
        return CertificateSn.ofRootChain(rootChain());
    }
}
