package io.alipass.camel.gateway;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads X.509 certificates (PEM or DER, one or a chain) for certificate mode: the app
 * certificate, the Alipay certificate and the Alipay root chain. Certificates Java cannot parse
 * (the SM2 certificate in Alipay's real root chain, on JVMs without SM2 support) are parsed by
 * Bouncy Castle instead, so they can still be recognised and skipped.
 */
public final class CertificateReader {

    private CertificateReader() {
    }

    /** Reads the certificates from a file path or PEM text. */
    public static List<X509Certificate> certificates(String pathOrText) {
        KeyReader.Source src = KeyReader.Source.of(pathOrText, "certificate");
        return certificates(src.bytes(), src.name());
    }

    /** Reads every certificate in the bytes, in order. */
    public static List<X509Certificate> certificates(byte[] content, String sourceName) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", CryptoProvider.bouncyCastle());
            for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(content))) {
                out.add((X509Certificate) c);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new GatewayConfigurationException("cannot read certificates from " + sourceName
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        if (out.isEmpty()) {
            throw new GatewayConfigurationException("no certificate found in " + sourceName);
        }
        return List.copyOf(out);
    }
}
