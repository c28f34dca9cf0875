package io.alipass.camel.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

/**
 * The certificate serial numbers of Alipay's certificate mode ("公钥证书方式").
 *
 * <p>{@code app_cert_sn} is the lower-case hex MD5 of the issuer's RFC 2253 distinguished name
 * followed by the certificate's serial number in decimal. {@code alipay_root_cert_sn} is the same
 * value for every RSA-signed certificate of Alipay's root chain, joined with {@code _}; the real
 * chain also holds an SM2 certificate, which does not take part.
 */
public final class CertificateSn {
    /** PKCS#1 signature algorithm OIDs (sha1WithRSA, sha256WithRSA, ...) all start here. */
    private static final String RSA_FAMILY_OID_PREFIX = "1.2.840.113549.1.1";

    private CertificateSn() {
    }

    /** The serial-number string of one certificate, as sent in {@code app_cert_sn}. */
    public static String of(X509Certificate certificate) {
        String material = certificate.getIssuerX500Principal().getName() + certificate.getSerialNumber();
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    /** The root chain's serial-number string, as sent in {@code alipay_root_cert_sn}. */
    public static String ofRootChain(List<X509Certificate> chain) {
        StringJoiner joined = new StringJoiner("_");
        for (X509Certificate c : chain) {
            if (c.getSigAlgOID().startsWith(RSA_FAMILY_OID_PREFIX)) {
                joined.add(of(c));
            }
        }
        if (joined.length() == 0) {
            throw new GatewayConfigurationException("the Alipay root certificate chain holds no RSA certificate");
        }
        return joined.toString();
    }
}
