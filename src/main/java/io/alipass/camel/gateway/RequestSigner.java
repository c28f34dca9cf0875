package io.alipass.camel.gateway;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs request content with the app's private key: RSA2 is SHA256withRSA, RSA is SHA1withRSA,
 * the signature is Base64 (standard alphabet, padded, one line), as the gateway expects in {@code sign}.
 *
 * <p>Immutable and thread-safe: the key is checked once, here, and each thread reuses its own
 * {@link Signature} engine, since creating one per call costs more than the hashing.
 * Bouncy Castle is passed explicitly, never registered JVM-wide.
 */
public final class RequestSigner {
    private final PrivateKey privateKey;
    private final SignType signType;
    private final Provider provider;
    private final ThreadLocal<Signature> engines;

    /** A signer that uses Bouncy Castle. */
    public RequestSigner(PrivateKey privateKey, SignType signType) {
        this(privateKey, signType, CryptoProvider.bouncyCastle());
    }

    /**
     * A signer that uses the given JCA provider (for instance a hardware module's).
     *
     * @throws GatewayConfigurationException if the key is not an RSA private key the provider accepts
     */
    public RequestSigner(PrivateKey privateKey, SignType signType, Provider provider) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.signType = Objects.requireNonNull(signType, "signType");
        this.provider = Objects.requireNonNull(provider, "provider");
        if (!"RSA".equalsIgnoreCase(privateKey.getAlgorithm())) {
            throw new GatewayConfigurationException(
                    "app private key must be an RSA key, was " + privateKey.getAlgorithm());
        }
        if (privateKey instanceof RSAPrivateKey rsa && rsa.getModulus().bitLength() < 1024) {
            throw new GatewayConfigurationException(
                    "app private key is " + rsa.getModulus().bitLength() + " bits; Alipay requires at least 1024 (2048 for RSA2)");
        }
        this.engines = ThreadLocal.withInitial(this::newEngine);
        engines.get(); // fail now, not on the first message, if the provider refuses the key
    }

    public SignType signType() {
        return signType;
    }

    /** For the configuration check that the Alipay public key is not the app's own; never leaves the package. */
    PrivateKey privateKey() {
        return privateKey;
    }

    /** Signs the content's bytes in the given charset and returns the Base64 signature. */
    public String sign(SignContent content, RequestCharset charset) {
        return sign(content.bytes(charset.charset()));
    }

    /** Signs raw bytes and returns the Base64 signature. */
    public String sign(byte[] data) {
        // No initSign per call: sign() resets the engine to its initialised state. With the JDK's provider a
        // fresh initSign also rebuilt the padding and blinding state, about 9% of each signature (bench row 1c).
        Signature engine = engines.get();
        try {
            engine.update(data);
            return Base64.getEncoder().encodeToString(engine.sign());
        } catch (GeneralSecurityException e) {
            engines.remove(); // a failed sign() may leave the engine mid-way; the next call starts from a new one
            // The message of a JCA exception can describe the key; say only what failed.
            throw new GatewayConfigurationException("signing with " + signType.jcaAlgorithm() + " failed: "
                    + e.getClass().getSimpleName());
        }
    }

    private Signature newEngine() {
        try {
            Signature engine = Signature.getInstance(signType.jcaAlgorithm(), provider);
            engine.initSign(privateKey);
            return engine;
        } catch (GeneralSecurityException e) {
            throw new GatewayConfigurationException("the app private key cannot sign " + signType.jcaAlgorithm()
                    + " with provider " + provider.getName() + ": " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "RequestSigner[" + signType + ", provider=" + provider.getName() + "]";
    }
}
