package io.alipass.camel.gateway;

import java.util.Objects;

/**
 * The gateway's answer cannot be trusted or understood: it is not the expected JSON, its signature
 * is missing or wrong, it names another certificate, or it does not decrypt. Such a response is
 * never treated as a success.
 */
public class InvalidResponseException extends GatewayException {
    private static final long serialVersionUID = 1L;

    /** Which check failed. */
    public enum Reason {
        /** The body is not a JSON object, is truncated, or lacks the response node. */
        UNPARSABLE,
        /** The response node appears more than once, which the official SDK also refuses. */
        DUPLICATE_NODE,
        /** A success response carries no {@code sign}. */
        SIGNATURE_MISSING,
        /** The {@code sign} does not verify with the configured Alipay public key. */
        SIGNATURE_MISMATCH,
        /** In certificate mode, {@code alipay_cert_sn} is missing or names a certificate other than the configured Alipay certificate. */
        CERT_SN_MISMATCH,
        /** An encrypted node does not decrypt with the configured AES key. */
        UNDECRYPTABLE,
        /** An Alipay certificate does not chain to the configured Alipay root certificate. */
        CERT_UNTRUSTED,
        /** An Alipay certificate (or a certificate of its chain) is expired or not yet valid. */
        CERT_EXPIRED,
        /** The Alipay certificate named by {@code alipay_cert_sn} could not be downloaded. */
        CERT_DOWNLOAD_FAILED
    }

    private final Reason reason;

    public InvalidResponseException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
