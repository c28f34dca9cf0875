package io.alipass.camel.gateway;

import java.nio.charset.Charset;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs responses the way the gateway does: the exact text of the response node (for an encrypted
 * node, the quoted Base64 string), its bytes in the request charset, with the Alipay private key.
 * Written with plain JCA, independently of the code under test.
 */
final class GatewaySide {
    private final PrivateKey alipayKey;

    GatewaySide(PrivateKey alipayKey) {
        this.alipayKey = alipayKey;
    }

    String sign(String nodeText, SignType type, Charset charset) {
        try {
            Signature s = Signature.getInstance(type.jcaAlgorithm());
            s.initSign(alipayKey);
            s.update(nodeText.getBytes(charset));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code {"<node>":<nodeText>,"sign":"..."}}, as the gateway writes it. */
    String signedBody(String node, String nodeText, SignType type, Charset charset) {
        return "{\"" + node + "\":" + nodeText + ",\"sign\":\"" + sign(nodeText, type, charset) + "\"}";
    }

    /** The same with {@code alipay_cert_sn} after the node, as in certificate mode. */
    String signedBody(String node, String nodeText, SignType type, Charset charset, String alipayCertSn) {
        return "{\"" + node + "\":" + nodeText + ",\"alipay_cert_sn\":\"" + alipayCertSn + "\",\"sign\":\""
                + sign(nodeText, type, charset) + "\"}";
    }
}
