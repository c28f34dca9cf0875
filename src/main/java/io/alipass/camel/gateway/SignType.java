package io.alipass.camel.gateway;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The signature algorithms the Alipay Open Platform accepts in {@code sign_type}.
 *
 * <p>{@code RSA2} (SHA256withRSA) is what Alipay recommends and what new apps are given;
 * {@code RSA} (SHA1withRSA) is kept for older apps. Both are RSASSA-PKCS1-v1_5, so a
 * signature is deterministic: the same key and content always give the same bytes.
 */
public enum SignType {
    /** SHA256withRSA, the recommended type. */
    RSA2("SHA256withRSA"),
    /** SHA1withRSA, for apps configured before RSA2 existed. */
    RSA("SHA1withRSA");

    private final String jcaAlgorithm;

    SignType(String jcaAlgorithm) {
        this.jcaAlgorithm = jcaAlgorithm;
    }

    /** The JCA signature algorithm name, e.g. {@code SHA256withRSA}. */
    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    /**
     * A new Bouncy Castle digest for this type's hash (SHA-256 or SHA-1), for the lightweight
     * {@code RSADigestSigner} the signer and the verifier use; this is the one place that pairs a
     * type with its hash besides {@link #jcaAlgorithm()}.
     */
    Digest newDigest() {
        return switch (this) {
            case RSA2 -> new SHA256Digest();
            case RSA -> new SHA1Digest();
        };
    }

    /** The value sent in {@code sign_type}. */
    public String wireName() {
        return name();
    }

    /**
     * Reads a {@code sign_type} value, case-insensitively as the gateway does.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static SignType fromWire(String value) {
        if (value != null) {
            for (SignType type : values()) {
                if (type.name().equalsIgnoreCase(value.trim())) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("sign_type must be RSA2 or RSA, was '" + value + "'");
    }
}
