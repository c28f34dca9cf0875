package io.alipass.camel.gateway;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.RSADigestSigner;

/**
 * Signs request content with the app's private key: RSA2 is SHA256withRSA, RSA is SHA1withRSA,
 * the signature is Base64 (standard alphabet, padded, one line), as the gateway expects in {@code sign}.
 *
 * <p>By default Bouncy Castle signs, through its lightweight API ({@code RSADigestSigner}: PKCS#1 v1.5
 * over {@code RSABlindedEngine}, blinding on), the same engine its JCA provider wraps, without
 * constructing that provider: building {@code BouncyCastleProvider} registers every algorithm it has
 * and was the largest single cost of a batch run's start-up. RSASSA-PKCS1-v1_5 is deterministic, so the
 * bytes are those of any correct SHA256withRSA / SHA1withRSA. A signer built with a {@link Provider}
 * (a hardware module's, the JDK's) goes through JCA with that provider instead.
 *
 * <p>Immutable and thread-safe: the key is checked and converted once, here, and each thread reuses
 * its own engine, since creating one per call costs more than the hashing. Nothing is registered JVM-wide.
 */
public final class RequestSigner {
    private final PrivateKey privateKey;
    private final SignType signType;
    private final Engine engine;

    /**
     * A signer that uses Bouncy Castle's lightweight API.
     *
     * @throws GatewayConfigurationException if the key is not an RSA private key of at least 1024 bits
     *         whose numbers can be read (a key held inside a hardware module needs its provider)
     */
    public RequestSigner(PrivateKey privateKey, SignType signType) {
        this.privateKey = checked(privateKey);
        this.signType = Objects.requireNonNull(signType, "signType");
        this.engine = new BouncyCastleEngine(signType, parameters(privateKey));
    }

    /**
     * A signer that uses the given JCA provider (for instance a hardware module's).
     *
     * @throws GatewayConfigurationException if the key is not an RSA private key the provider accepts
     */
    public RequestSigner(PrivateKey privateKey, SignType signType, Provider provider) {
        this.privateKey = checked(privateKey);
        this.signType = Objects.requireNonNull(signType, "signType");
        this.engine = new JcaEngine(signType, privateKey, Objects.requireNonNull(provider, "provider"));
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
        return Base64.getEncoder().encodeToString(engine.sign(data));
    }

    @Override
    public String toString() {
        return "RequestSigner[" + signType + ", provider=" + engine.providerName() + "]";
    }

    private static PrivateKey checked(PrivateKey privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (!"RSA".equalsIgnoreCase(privateKey.getAlgorithm())) {
            throw new GatewayConfigurationException(
                    "app private key must be an RSA key, was " + privateKey.getAlgorithm());
        }
        if (privateKey instanceof RSAPrivateKey rsa && rsa.getModulus().bitLength() < 1024) {
            throw new GatewayConfigurationException(
                    "app private key is " + rsa.getModulus().bitLength() + " bits; Alipay requires at least 1024 (2048 for RSA2)");
        }
        return privateKey;
    }

    /**
     * The key's numbers as Bouncy Castle's lightweight parameters, converted once: a CRT key keeps its
     * primes (four times faster, and the blinding needs its public exponent), a bare modulus and
     * exponent key signs without CRT, as Bouncy Castle's JCA provider does with it.
     *
     * <p>Bouncy Castle checks a modulus it is given with Miller-Rabin rounds (is it composite, has it
     * a small factor), about 70 ms of a batch start-up on a 2048-bit key. A CRT key carries its own
     * factors, so the exact check is cheaper and stronger: p and q, both odd and above 1, multiply to
     * the modulus. Such a key is then handed over as already checked.
     */
    private static RSAKeyParameters parameters(PrivateKey key) {
        try {
            if (key instanceof RSAPrivateCrtKey k && k.getPublicExponent() != null && k.getPrimeP() != null
                    && k.getPrimeQ() != null && k.getPrimeExponentP() != null && k.getPrimeExponentQ() != null
                    && k.getCrtCoefficient() != null) {
                if (!factorsOf(k.getModulus(), k.getPrimeP(), k.getPrimeQ())) {
                    throw new GatewayConfigurationException("the app private key is not a valid RSA key:"
                            + " its primes do not multiply to its modulus");
                }
                return new RSAPrivateCrtKeyParameters(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                        k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient(), true);
            }
            if (key instanceof RSAPrivateKey k && k.getModulus() != null && k.getPrivateExponent() != null) {
                return new RSAKeyParameters(true, k.getModulus(), k.getPrivateExponent());
            }
        } catch (IllegalArgumentException e) {
            // Bouncy Castle refuses an even modulus or one with a small factor; its message names no key material,
            // but say only which rule failed, in our words.
            throw new GatewayConfigurationException("the app private key is not a valid RSA key: " + e.getMessage());
        }
        throw new GatewayConfigurationException("the app private key (" + key.getClass().getSimpleName()
                + ") does not expose its RSA numbers; a key held by a hardware module or another JCA provider"
                + " signs with RequestSigner(key, signType, thatProvider)");
    }

    private static boolean factorsOf(BigInteger modulus, BigInteger p, BigInteger q) {
        return p.testBit(0) && q.testBit(0) && p.compareTo(BigInteger.ONE) > 0 && q.compareTo(BigInteger.ONE) > 0
                && p.multiply(q).equals(modulus);
    }

    /** How one signer signs: the default Bouncy Castle engine, or a JCA provider's. */
    private sealed interface Engine permits BouncyCastleEngine, JcaEngine {
        byte[] sign(byte[] data);

        String providerName();
    }

    /** Bouncy Castle's lightweight API: one {@link RSADigestSigner} per thread, as it is not thread-safe. */
    private static final class BouncyCastleEngine implements Engine {
        private final SignType signType;
        private final RSAKeyParameters key;
        private final ThreadLocal<RSADigestSigner> signers;

        BouncyCastleEngine(SignType signType, RSAKeyParameters key) {
            this.signType = signType;
            this.key = key;
            this.signers = ThreadLocal.withInitial(this::newSigner);
            signers.get(); // fail now, not on the first message
        }

        private RSADigestSigner newSigner() {
            RSADigestSigner signer = new RSADigestSigner(signType.newDigest());
            // No ParametersWithRandom: RSABlindedEngine then draws its blinding factors from its own
            // SecureRandom, one per thread like the signer, so threads never share a random source.
            signer.init(true, key);
            return signer;
        }

        @Override
        public byte[] sign(byte[] data) {
            RSADigestSigner signer = signers.get();
            try {
                signer.update(data, 0, data.length);
                return signer.generateSignature(); // also resets the digest for the next message
            } catch (CryptoException | RuntimeException e) {
                signers.remove(); // a failed signature may leave the signer mid-way; the next call starts from a new one
                throw new GatewayConfigurationException("signing with " + signType.jcaAlgorithm() + " failed: "
                        + e.getClass().getSimpleName());
            }
        }

        @Override
        public String providerName() {
            return "Bouncy Castle (lightweight API)";
        }
    }

    /** A JCA provider's {@link Signature}, one per thread. */
    private static final class JcaEngine implements Engine {
        private final SignType signType;
        private final PrivateKey privateKey;
        private final Provider provider;
        private final ThreadLocal<Signature> engines;

        JcaEngine(SignType signType, PrivateKey privateKey, Provider provider) {
            this.signType = signType;
            this.privateKey = privateKey;
            this.provider = provider;
            this.engines = ThreadLocal.withInitial(this::newEngine);
            engines.get(); // fail now, not on the first message, if the provider refuses the key
        }

        @Override
        public byte[] sign(byte[] data) {
            // No initSign per call: sign() resets the engine to its initialised state. With the JDK's provider a
            // fresh initSign also rebuilt the padding and blinding state, about 9% of each signature (bench row 1c).
            Signature engine = engines.get();
            try {
                engine.update(data);
                return engine.sign();
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
        public String providerName() {
            return provider.getName();
        }
    }
}
