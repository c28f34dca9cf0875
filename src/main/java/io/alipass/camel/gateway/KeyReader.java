package io.alipass.camel.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Loads RSA keys in the forms merchants actually have.
 *
 * <p>Private keys: the bare Base64 PKCS#8 string that Alipay's key tool prints, PEM PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}, also OpenSSL-encrypted), PEM PKCS#8 ({@code BEGIN PRIVATE KEY}),
 * encrypted PEM PKCS#8 ({@code BEGIN ENCRYPTED PRIVATE KEY}) with a passphrase, and PKCS#12 keystores.
 * Public keys: bare Base64 X.509 (what the Alipay console shows as "支付宝公钥"), PEM
 * {@code BEGIN PUBLIC KEY} / {@code BEGIN RSA PUBLIC KEY}, or an X.509 certificate.
 *
 * <p>Every failure is one {@link GatewayConfigurationException} that names the source (a file path,
 * or "inline text") and the format tried, never the key material.
 *
 * <p>The unencrypted forms (bare Base64 PKCS#8 or PKCS#1, PEM PKCS#1, PEM PKCS#8, PEM public keys)
 * become keys through the JDK's own RSA key factory, which costs next to nothing at start-up: they
 * never construct Bouncy Castle's JCA provider, whose construction registers every algorithm it has
 * (a third of a second on a small machine). Encrypted PEM and certificates use that provider, passed
 * explicitly, never registered JVM-wide; PKCS#12 uses the JDK's.
 */
public final class KeyReader {

    private KeyReader() {
    }

    /**
     * Reads a private key from a value that is either the path of a file or the key text itself
     * (how configuration usually carries keys: {@code alipass.private-key}).
     */
    public static PrivateKey privateKey(String pathOrText, char[] password) {
        Source src = Source.of(pathOrText, "private key");
        return privateKey(src.bytes, password, src.name);
    }

    /** Reads a public key (or the key of a certificate) from a file path or the key text itself. */
    public static PublicKey publicKey(String pathOrText) {
        Source src = Source.of(pathOrText, "public key");
        return publicKey(src.bytes, src.name);
    }

    /**
     * Reads a private key from bytes in any supported form.
     *
     * @param password the passphrase of an encrypted PEM or PKCS#12 file; may be null otherwise
     * @param sourceName what to call the source in an error: a path, a property name
     */
    public static PrivateKey privateKey(byte[] content, char[] password, String sourceName) {
        String text = asciiText(content);
        try {
            if (text == null) {
                return fromPkcs12(content, password, sourceName);
            }
            if (text.contains("-----BEGIN")) {
                byte[] plain = plainPemBody(text, "PRIVATE KEY", "RSA PRIVATE KEY");
                return plain != null ? fromDer(plain) : fromPem(text, password, sourceName);
            }
            return fromDer(base64(text, sourceName, "private key"));
        } catch (GatewayConfigurationException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new GatewayConfigurationException("cannot read the private key from " + sourceName
                    + ": not a PKCS#8 Base64 string, PEM (PKCS#1/PKCS#8, encrypted or not) or PKCS#12 keystore"
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Reads a public key, or a certificate's key, from bytes. */
    public static PublicKey publicKey(byte[] content, String sourceName) {
        String text = asciiText(content);
        try {
            if (text == null) {
                return CertificateReader.certificates(content, sourceName).get(0).getPublicKey();
            }
            if (text.contains("-----BEGIN")) {
                byte[] plain = plainPemBody(text, "PUBLIC KEY");
                if (plain != null) {
                    return publicFromDer(plain);
                }
                try (PEMParser parser = new PEMParser(new StringReader(text))) {
                    Object o = parser.readObject();
                    if (o instanceof SubjectPublicKeyInfo spki) {
                        return jdkKeys().getPublicKey(spki);
                    }
                    if (o instanceof X509CertificateHolder holder) {
                        return new JcaX509CertificateConverter().setProvider(CryptoProvider.bouncyCastle())
                                .getCertificate(holder).getPublicKey();
                    }
                    throw new GatewayConfigurationException("cannot read the public key from " + sourceName
                            + ": PEM holds " + (o == null ? "nothing" : o.getClass().getSimpleName()) + ", not a public key or certificate");
                }
            }
            return publicFromDer(base64(text, sourceName, "public key"));
        } catch (GatewayConfigurationException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new GatewayConfigurationException("cannot read the public key from " + sourceName
                    + ": not an X.509 Base64 string, PEM public key or certificate (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Turns parsed key structures into keys with the JDK's default RSA key factory (no provider set);
     * made when PEMParser is needed, not on the common path.
     */
    private static JcaPEMKeyConverter jdkKeys() {
        return new JcaPEMKeyConverter();
    }

    /**
     * The DER body of the text's first PEM block when that block is one of the given types and carries
     * no headers (an OpenSSL-encrypted key has {@code Proc-Type} and {@code DEK-Info}), else null. The
     * common unencrypted keys are read this way, by the JDK alone: {@link PEMParser} and the ASN.1
     * classes it loads cost about 70 ms of a batch start-up. Everything else goes to PEMParser.
     */
    private static byte[] plainPemBody(String text, String... types) {
        int begin = text.indexOf("-----BEGIN ");
        int labelEnd = begin < 0 ? -1 : text.indexOf("-----", begin + 11);
        if (labelEnd < 0) {
            return null;
        }
        String label = text.substring(begin + 11, labelEnd);
        if (!List.of(types).contains(label)) {
            return null;
        }
        int end = text.indexOf("-----END " + label + "-----", labelEnd + 5);
        if (end < 0) {
            return null;
        }
        String body = text.substring(labelEnd + 5, end);
        if (body.indexOf(':') >= 0) {
            return null;
        }
        return Base64.getDecoder().decode(body.replaceAll("\\s+", ""));
    }

    /**
     * A bare DER private key: PKCS#8, as Alipay's key tool prints it, or PKCS#1 ({@code RSAPrivateKey}),
     * as OpenSSL and the tool's "PKCS1" setting print it, which Bouncy Castle's key factory also accepted.
     */
    private static PrivateKey fromDer(byte[] der) throws GeneralSecurityException {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        try {
            return rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (InvalidKeySpecException notPkcs8) {
            org.bouncycastle.asn1.pkcs.RSAPrivateKey k;
            try {
                k = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der);
            } catch (RuntimeException notPkcs1) {
                throw notPkcs8;
            }
            return rsa.generatePrivate(new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                    k.getPrime1(), k.getPrime2(), k.getExponent1(), k.getExponent2(), k.getCoefficient()));
        }
    }

    /** A bare DER X.509 {@code SubjectPublicKeyInfo}, through the JDK's RSA key factory. */
    private static PublicKey publicFromDer(byte[] der) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    private static PrivateKey fromPem(String text, char[] password, String sourceName) throws IOException {
        JcaPEMKeyConverter converter = jdkKeys();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    requirePassword(password, sourceName);
                    try {
                        InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                                .setProvider(CryptoProvider.bouncyCastle()).build(password);
                        return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(decryptor));
                    } catch (Exception e) {
                        throw wrongPassword(sourceName, e);
                    }
                }
                if (o instanceof PEMEncryptedKeyPair encrypted) {
                    requirePassword(password, sourceName);
                    try {
                        return converter.getKeyPair(encrypted.decryptKeyPair(
                                new JcePEMDecryptorProviderBuilder().setProvider(CryptoProvider.bouncyCastle()).build(password)))
                                .getPrivate();
                    } catch (Exception e) {
                        throw wrongPassword(sourceName, e);
                    }
                }
                // Other blocks (a certificate beside the key, say) are skipped.
            }
        }
        throw new GatewayConfigurationException("cannot read the private key from " + sourceName
                + ": the PEM text holds no private key block");
    }

    private static PrivateKey fromPkcs12(byte[] content, char[] password, String sourceName)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(new ByteArrayInputStream(content), password);
        } catch (IOException e) {
            throw new GatewayConfigurationException("cannot open the PKCS#12 keystore " + sourceName
                    + ": wrong password or not a keystore (" + e.getClass().getSimpleName() + ")");
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                Key key = store.getKey(alias, password);
                if (key instanceof PrivateKey pk) {
                    return pk;
                }
            }
        }
        throw new GatewayConfigurationException("the PKCS#12 keystore " + sourceName + " holds no private key entry");
    }

    private static void requirePassword(char[] password, String sourceName) {
        if (password == null || password.length == 0) {
            throw new GatewayConfigurationException("the private key in " + sourceName
                    + " is encrypted: set its passphrase (alipass.private-key-password)");
        }
    }

    private static GatewayConfigurationException wrongPassword(String sourceName, Exception e) {
        return new GatewayConfigurationException("cannot decrypt the private key in " + sourceName
                + ": wrong passphrase or unsupported cipher (" + e.getClass().getSimpleName() + ")");
    }

    private static byte[] base64(String text, String sourceName, String what) {
        String compact = text.replaceAll("\\s+", "");
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new GatewayConfigurationException("cannot read the " + what + " from " + sourceName
                    + ": not Base64 and not PEM");
        }
    }

    /** The content as text when it is printable ASCII (PEM or Base64), or null when it is binary (PKCS#12, DER). */
    static String asciiText(byte[] content) {
        int start = 0;
        if (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF) {
            start = 3; // a BOM from a Windows editor
        }
        for (int i = start; i < content.length; i++) {
            int b = content[i] & 0xFF;
            if (b >= 0x80 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t')) {
                return null;
            }
        }
        return new String(content, start, content.length - start, StandardCharsets.US_ASCII);
    }

    /** Where key bytes came from: a file, or the configured text itself. */
    record Source(String name, byte[] bytes) {
        static Source of(String pathOrText, String what) {
            if (pathOrText == null || pathOrText.isBlank()) {
                throw new GatewayConfigurationException("no " + what + " configured");
            }
            String value = pathOrText.trim();
            if (!value.contains("-----BEGIN") && value.length() < 4096) {
                try {
                    Path path = Path.of(value.startsWith("file:") ? value.substring(5) : value);
                    if (Files.isRegularFile(path)) {
                        try {
                            return new Source("file " + path, Files.readAllBytes(path));
                        } catch (IOException e) {
                            throw new GatewayConfigurationException("cannot read the " + what + " file " + path
                                    + ": " + e.getClass().getSimpleName());
                        }
                    }
                    if (value.startsWith("file:") || value.startsWith("/") || value.startsWith("./")) {
                        throw new GatewayConfigurationException("the " + what + " file " + path + " does not exist");
                    }
                } catch (InvalidPathException notAPath) {
                    // falls through: the value is the key text
                }
            }
            return new Source("inline " + what + " text", value.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
