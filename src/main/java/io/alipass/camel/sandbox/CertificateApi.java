package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.GatewayCode;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * {@code alipay.open.app.alipaycert.download}: hands out an Alipay certificate the sandbox issued,
 * by the serial number in {@code biz_content}'s {@code alipay_cert_sn}, as the Base64 of its PEM
 * text in {@code alipay_cert_content} (the field of the official SDK's
 * {@code AlipayOpenAppAlipaycertDownloadResponse}). Downloads can be refused, for tests of a
 * client whose download fails.
 */
final class CertificateApi {
    /** The sandbox's own sub-code for an unknown serial; Alipay's real one is not documented. */
    static final String UNKNOWN_SERIAL = "isv.alipay-cert-not-exist";
    static final String REFUSED = "isp.alipay-cert-download-refused";

    private final SandboxKeys keys;
    private volatile boolean refusing;

    CertificateApi(SandboxKeys keys) {
        this.keys = keys;
    }

    void refuse(boolean refuse) {
        this.refusing = refuse;
    }

    Answer download(BizContent biz) {
        if (refusing) {
            return new Answer.Failure(GatewayCode.BUSINESS_FAILED.code(), Answer.msgOf(GatewayCode.BUSINESS_FAILED), REFUSED,
                    "证书下载被沙箱拒绝");
        }
        X509Certificate cert = keys.issued(biz.nonBlank("alipay_cert_sn"));
        if (cert == null) {
            return new Answer.Failure(GatewayCode.BUSINESS_FAILED.code(), Answer.msgOf(GatewayCode.BUSINESS_FAILED), UNKNOWN_SERIAL,
                    "支付宝公钥证书不存在");
        }
        return new Answer.AlipayCertificate(Base64.getEncoder().encodeToString(SandboxKeys.pem(cert).getBytes(StandardCharsets.US_ASCII)));
    }
}
