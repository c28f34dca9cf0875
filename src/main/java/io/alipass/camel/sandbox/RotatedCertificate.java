package io.alipass.camel.sandbox;

/** What kind of Alipay certificate the sandbox rotates to. */
public enum RotatedCertificate {
    /** A new certificate issued by the sandbox root, as Alipay rotates. */
    TRUSTED,
    /** A certificate with the root's issuer name but signed by another key: it does not chain to the root. */
    UNTRUSTED,
    /** A certificate issued by the sandbox root whose validity ended yesterday. */
    EXPIRED
}
