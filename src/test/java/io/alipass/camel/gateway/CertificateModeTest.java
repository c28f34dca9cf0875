package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Certificate mode ("公钥证书方式"): the serial numbers sent, signed and checked. */
class CertificateModeTest {
    private static final GatewaySide ALIPAY = new GatewaySide(TestKeys.ALIPAY.getPrivate());
    private static final String NODE = GatewayMethod.PASS_INSTANCE_UPDATE.responseNode();
    private static final String SUCCESS = "{\"code\":\"10000\",\"msg\":\"Success\",\"result\":\"{\\\"errorCode\\\":\\\"SUCCESS\\\"}\",\"success\":\"true\"}";

    @Test
    void appCertSnIsTheMd5HexOfTheRfc2253IssuerNameAndTheDecimalSerial() throws Exception {
        X509Certificate cert = TestKeys.APP_CERT;
        // RFC 2253 writes the last RDN of the encoded name first.
        String material = "C=CN,O=Ant Financial,OU=Certification Authority,CN=Ant Financial Certification Authority R1" + "4294967297";

        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(material.getBytes(StandardCharsets.UTF_8))),
                CertificateSn.of(cert));
    }

    @Test
    void aSerialWhoseMd5StartsWithZeroKeepsItsLeadingZeros() {
        // Search a serial whose SN begins with 0: the SDK pads its BigInteger hex to 32 characters, and so must we.
        for (int serial = 1; ; serial++) {
            X509Certificate c = TestKeys.certificate("CN=z", TestKeys.APP.getPublic(), "CN=z", TestKeys.ROOT_KEYS.getPrivate(),
                    "SHA256withRSA", BigInteger.valueOf(serial));
            String sn = CertificateSn.of(c);
            if (sn.startsWith("0")) {
                assertEquals(32, sn.length());
                return;
            }
        }
    }

    @Test
    void rootCertSnJoinsTheRsaCertificatesWithUnderscoreAndSkipsTheNonRsaOne() {
        String sn = CertificateSn.ofRootChain(List.of(TestKeys.ROOT_SHA1, TestKeys.EC_ROOT, TestKeys.ROOT));

        assertEquals(CertificateSn.of(TestKeys.ROOT_SHA1) + "_" + CertificateSn.of(TestKeys.ROOT), sn);
    }

    @Test
    void aRootChainWithoutAnRsaCertificateIsAConfigurationError() {
        assertThrows(GatewayConfigurationException.class, () -> CertificateSn.ofRootChain(List.of(TestKeys.EC_ROOT)));
    }

    @Test
    void bothSerialNumbersAreSentAndSigned() {
        Map<String, String> signed = protocol().signedParameters(GatewayMethod.PASS_INSTANCE_UPDATE, "{\"serial_number\":\"1\"}", null);

        assertEquals(CertificateSn.of(TestKeys.APP_CERT), signed.get(ParameterName.APP_CERT_SN));
        assertEquals(CertificateSn.ofRootChain(List.of(TestKeys.ROOT, TestKeys.EC_ROOT, TestKeys.ROOT_SHA1)),
                signed.get(ParameterName.ALIPAY_ROOT_CERT_SN));
        String content = SignContent.of(signed).text();
        assertEquals(true, content.contains("&app_cert_sn=" + signed.get(ParameterName.APP_CERT_SN) + "&"));
        assertEquals(true, content.startsWith("alipay_root_cert_sn=" + signed.get(ParameterName.ALIPAY_ROOT_CERT_SN) + "&"));
    }

    @Test
    void aResponseNamingTheConfiguredAlipayCertificateVerifies() {
        String body = ALIPAY.signedBody(NODE, SUCCESS, SignType.RSA2, StandardCharsets.UTF_8, CertificateSn.of(TestKeys.ALIPAY_CERT));

        assertInstanceOf(PassUpdateOutcome.Success.class, protocol().interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body));
    }

    @Test
    void aResponseNamingAnotherAlipayCertificateIsInvalid() {
        String body = ALIPAY.signedBody(NODE, SUCCESS, SignType.RSA2, StandardCharsets.UTF_8, CertificateSn.of(TestKeys.ROOT));

        assertEquals(InvalidResponseException.Reason.CERT_SN_MISMATCH, assertInstanceOf(PassUpdateOutcome.InvalidResponse.class,
                protocol().interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body)).reason());
    }

    @Test
    void aSuccessWithoutAlipayCertSnIsInvalidInCertificateMode() {
        String body = ALIPAY.signedBody(NODE, SUCCESS, SignType.RSA2, StandardCharsets.UTF_8);

        assertEquals(InvalidResponseException.Reason.CERT_SN_MISMATCH, assertInstanceOf(PassUpdateOutcome.InvalidResponse.class,
                protocol().interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body)).reason());
    }

    @Test
    void anUnsignedErrorWithoutAlipayCertSnIsStillAnError() {
        String body = "{\"error_response\":{\"code\":\"40002\",\"msg\":\"Invalid Arguments\",\"sub_code\":\"isv.invalid-app-cert-sn\"}}";

        assertInstanceOf(PassUpdateOutcome.BusinessFailure.class, protocol().interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body));
    }

    @Test
    void theCertificateKeyIsWhatVerifies() {
        String forged = new GatewaySide(TestKeys.APP.getPrivate()).signedBody(NODE, SUCCESS, SignType.RSA2, StandardCharsets.UTF_8,
                CertificateSn.of(TestKeys.ALIPAY_CERT));

        assertEquals(InvalidResponseException.Reason.SIGNATURE_MISMATCH, assertInstanceOf(PassUpdateOutcome.InvalidResponse.class,
                protocol().interpret(GatewayMethod.PASS_INSTANCE_UPDATE, forged)).reason());
    }

    private static GatewayProtocol protocol() {
        return GatewayProtocol.builder()
                .appId("2021000000000001")
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .verifier(ResponseVerifier.forCertificate(TestKeys.ALIPAY_CERT))
                .certificates(TestKeys.APP_CERT, List.of(TestKeys.ROOT, TestKeys.EC_ROOT, TestKeys.ROOT_SHA1))
                .build();
    }
}
