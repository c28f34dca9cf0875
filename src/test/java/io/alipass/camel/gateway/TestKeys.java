package io.alipass.camel.gateway;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generated test keys and certificates: nothing here is a real key. The app pair and the Alipay
 * pair are different pairs, as they are in production (the SDK refuses an Alipay public key equal
 * to the app's). Generated once per JVM, because 2048-bit generation is the slow part of the suite.
 */
final class TestKeys {
    /** The merchant app's key pair. */
    static final KeyPair APP = rsa();
    /** The gateway's ("支付宝公钥") key pair. */
    static final KeyPair ALIPAY = rsa();

    /** Alipay's RSA root, self-signed with sha256WithRSA. */
    static final KeyPair ROOT_KEYS = rsa();
    static final X509Certificate ROOT = certificate("CN=Ant Financial Certification Authority R1,OU=Certification Authority,O=Ant Financial,C=CN",
            ROOT_KEYS.getPublic(), "CN=Ant Financial Certification Authority R1,OU=Certification Authority,O=Ant Financial,C=CN",
            ROOT_KEYS.getPrivate(), "SHA256withRSA", new BigInteger("623250920180417180000"));
    /** An older RSA root signed with sha1WithRSA, as Alipay's real chain holds two RSA roots. */
    static final X509Certificate ROOT_SHA1 = certificate("CN=iTrusChina Class 2 Root CA - G3,OU=China Trust Network,O=iTrusChina,C=CN",
            ROOT_KEYS.getPublic(), "CN=iTrusChina Class 2 Root CA - G3,OU=China Trust Network,O=iTrusChina,C=CN",
            ROOT_KEYS.getPrivate(), "SHA1withRSA", new BigInteger("207285538686595277861276012658371106707"));
    /** The stand-in for the SM2 root: an EC certificate, which no RSA-family rule may count. */
    static final X509Certificate EC_ROOT = ecRoot();
    /** The app certificate, issued by the root, with a Chinese issuer-side name to exercise the charset. */
    static final X509Certificate APP_CERT = certificate("CN=2021000000000001,OU=支付宝开放平台,O=测试商户,C=CN",
            APP.getPublic(), "CN=Ant Financial Certification Authority R1,OU=Certification Authority,O=Ant Financial,C=CN",
            ROOT_KEYS.getPrivate(), "SHA256withRSA", new BigInteger("4294967297"));
    /** The Alipay certificate whose key signs responses. */
    static final X509Certificate ALIPAY_CERT = certificate("CN=支付宝(杭州)信息技术有限公司,OU=Alipay.com,O=蚂蚁金服,C=CN",
            ALIPAY.getPublic(), "CN=Ant Financial Certification Authority R1,OU=Certification Authority,O=Ant Financial,C=CN",
            ROOT_KEYS.getPrivate(), "SHA256withRSA", new BigInteger("20230101123456789012"));

    private TestKeys() {
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bare Base64 PKCS#8 text Alipay's key tool prints. */
    static String base64(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** The bare Base64 X.509 text the Alipay console shows. */
    static String base64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    static String pem(X509Certificate... certificates) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                sb.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.toString();
    }

    static X509Certificate certificate(String subject, PublicKey subjectKey, String issuer, PrivateKey issuerKey,
                                       String algorithm, BigInteger serial) {
        try {
            Date from = new Date(1_600_000_000_000L);
            Date to = new Date(4_000_000_000_000L);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name(issuer), serial, from, to, new X500Name(subject), subjectKey);
            return new JcaX509CertificateConverter().setProvider(CryptoProvider.bouncyCastle())
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm)
                            .setProvider(CryptoProvider.bouncyCastle()).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate ecRoot() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair ec = g.generateKeyPair();
            String name = "CN=Ant Financial Certification Authority E1,OU=Certification Authority,O=Ant Financial,C=CN";
            return certificate(name, ec.getPublic(), name, ec.getPrivate(), "SHA256withECDSA", new BigInteger("31415926"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
