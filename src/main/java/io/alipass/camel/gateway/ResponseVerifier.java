package io.alipass.camel.gateway;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.RSADigestSigner;

/**
 * Checks the gateway's signature over a response with the Alipay public key (or, in certificate
 * mode, the Alipay certificate's key and serial number).
 *
 * <p>The official SDK's tolerance is kept: when a signature does not verify over the node text and
 * that text contains {@code \/}, the check is tried once more with {@code \/} read as {@code /},
 * because some gateway paths sign the unescaped form. Signatures are checked by Bouncy Castle's
 * lightweight {@code RSADigestSigner} (PKCS#1 v1.5, the encoded digest compared in constant time),
 * not by string equality, without constructing Bouncy Castle's JCA provider. Immutable and
 * thread-safe: the key is converted once, each thread keeps one verifier per sign type.
 */
public final class ResponseVerifier {
    private final PublicKey alipayPublicKey;
    private final RSAKeyParameters key;
    private final String alipayCertSn;
    private final X509Certificate certificate;
    private final ThreadLocal<Map<SignType, RSADigestSigner>> engines = ThreadLocal.withInitial(() -> new EnumMap<>(SignType.class));

    /** A verifier for public-key mode. */
    public ResponseVerifier(PublicKey alipayPublicKey) {
        this(alipayPublicKey, null, null);
    }

    private ResponseVerifier(PublicKey alipayPublicKey, String alipayCertSn, X509Certificate certificate) {
        this.alipayPublicKey = Objects.requireNonNull(alipayPublicKey, "alipayPublicKey");
        if (!(alipayPublicKey instanceof RSAPublicKey rsa)) {
            throw new GatewayConfigurationException("the Alipay public key must be an RSA key, was " + alipayPublicKey.getAlgorithm());
        }
        try {
            this.key = new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
        } catch (IllegalArgumentException e) {
            // Bouncy Castle refuses an even modulus or exponent, or a modulus with a small factor: no signature could verify.
            throw new GatewayConfigurationException("the Alipay public key is not a valid RSA key: " + e.getMessage());
        }
        this.alipayCertSn = alipayCertSn;
        this.certificate = certificate;
    }

    /** A verifier for certificate mode: the Alipay certificate's key, and its serial number to match {@code alipay_cert_sn}. */
    public static ResponseVerifier forCertificate(X509Certificate alipayCertificate) {
        return new ResponseVerifier(alipayCertificate.getPublicKey(), CertificateSn.of(alipayCertificate), alipayCertificate);
    }

    /**
     * Refuses the configuration in which the "Alipay public key" is really the app's own public key,
     * the misconfiguration users report most: every response would then fail its signature check.
     *
     * @throws GatewayConfigurationException if the key belongs to the app's private key
     */
    public ResponseVerifier refuseAppKey(PrivateKey appPrivateKey) {
        if (appPrivateKey instanceof RSAPrivateCrtKey app && alipayPublicKey instanceof RSAPublicKey alipay
                && app.getModulus().equals(alipay.getModulus())) {
            throw new GatewayConfigurationException("the configured Alipay public key is the app's own public key:"
                    + " use the \"支付宝公钥\" (Alipay public key) from the Open Platform console, not the \"应用公钥\" (app public key)");
        }
        return this;
    }

    /** The Alipay certificate in certificate mode, or null in public-key mode. */
    X509Certificate certificate() {
        return certificate;
    }

    /** The serial number {@code alipay_cert_sn} must carry, or null in public-key mode. */
    public String alipayCertSn() {
        return alipayCertSn;
    }

    /**
     * Verifies an envelope's signature.
     *
     * @throws InvalidResponseException with {@code SIGNATURE_MISSING}, {@code SIGNATURE_MISMATCH} or
     *         {@code CERT_SN_MISMATCH}
     */
    public void verify(ResponseEnvelope envelope, SignType signType, RequestCharset charset) {
        if (alipayCertSn != null && envelope.alipayCertSn() == null) {
            throw new InvalidResponseException(InvalidResponseException.Reason.CERT_SN_MISMATCH,
                    "response " + envelope.node() + " carries no alipay_cert_sn; certificate mode needs it to know the signing certificate");
        }
        if (alipayCertSn != null && !alipayCertSn.equals(envelope.alipayCertSn())) {
            throw new InvalidResponseException(InvalidResponseException.Reason.CERT_SN_MISMATCH,
                    "response is signed with Alipay certificate " + envelope.alipayCertSn()
                            + ", the configured Alipay certificate is " + alipayCertSn);
        }
        if (envelope.sign() == null) {
            throw new InvalidResponseException(InvalidResponseException.Reason.SIGNATURE_MISSING,
                    "response " + envelope.node() + " carries no sign");
        }
        String text = envelope.signedText();
        if (verify(text, envelope.sign(), signType, charset)) {
            return;
        }
        if (text.contains("\\/") && verify(text.replace("\\/", "/"), envelope.sign(), signType, charset)) {
            return;
        }
        throw new InvalidResponseException(InvalidResponseException.Reason.SIGNATURE_MISMATCH,
                "response " + envelope.node() + " does not verify with the Alipay public key (" + signType + ")");
    }

    /** Whether a Base64 signature verifies over text in the charset. A malformed signature does not verify. */
    public boolean verify(String text, String base64Sign, SignType signType, RequestCharset charset) {
        byte[] signature;
        try {
            signature = Base64.getMimeDecoder().decode(base64Sign);
        } catch (IllegalArgumentException e) {
            return false;
        }
        RSADigestSigner engine = engines.get().computeIfAbsent(signType, this::newEngine);
        engine.reset(); // whatever an earlier call left, this one starts from an empty digest
        byte[] data = text.getBytes(charset.charset());
        engine.update(data, 0, data.length);
        // verifySignature answers false, never throws, for a signature of the wrong length or padding.
        return engine.verifySignature(signature);
    }

    private RSADigestSigner newEngine(SignType type) {
        RSADigestSigner engine = new RSADigestSigner(type.newDigest());
        engine.init(false, key);
        return engine;
    }

    /** A short fingerprint of the key, so logs can say which key is configured without showing it. */
    public String keyFingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(alipayPublicKey.getEncoded());
            return java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (GeneralSecurityException e) {
            return "?";
        }
    }

    @Override
    public String toString() {
        return "ResponseVerifier[key " + keyFingerprint() + (alipayCertSn == null ? "" : ", cert " + alipayCertSn) + "]";
    }
}
