package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.api.CertAlipayRequest;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipayLogger;
import com.alipay.api.request.AlipayPassInstanceUpdateRequest;
import com.alipay.api.response.AlipayPassInstanceUpdateResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Certificate mode against the SDK's own client: the serial numbers it sends, and the responses it accepts. */
class CertificateModeSdkOracleTest {
    private static final StubGateway GATEWAY = new StubGateway();
    private static final String NODE = GatewayMethod.PASS_INSTANCE_UPDATE.responseNode();
    private static final String SUCCESS = "{\"code\":\"10000\",\"msg\":\"Success\",\"result\":\"{\\\"errorCode\\\":\\\"SUCCESS\\\"}\",\"success\":\"true\"}";
    private static final List<java.security.cert.X509Certificate> CHAIN = List.of(TestKeys.ROOT, TestKeys.EC_ROOT, TestKeys.ROOT_SHA1);

    static {
        AlipayLogger.setNeedEnableLogger(false);
    }

    @AfterAll
    static void stopGateway() {
        GATEWAY.close();
    }

    @Test
    void theSerialNumbersTheSdkClientSendsEqualOurs() throws Exception {
        GATEWAY.answer(new GatewaySide(TestKeys.ALIPAY.getPrivate()).signedBody(NODE, SUCCESS, SignType.RSA2, StandardCharsets.UTF_8,
                CertificateSn.of(TestKeys.ALIPAY_CERT)), StandardCharsets.UTF_8);
        sdkExecute();

        Map<String, String> sent = GATEWAY.lastParameters(StandardCharsets.UTF_8);
        Map<String, String> ours = protocol().signedParameters(GatewayMethod.PASS_INSTANCE_UPDATE, "{}", null);
        assertEquals(sent.get(ParameterName.APP_CERT_SN), ours.get(ParameterName.APP_CERT_SN));
        assertEquals(sent.get(ParameterName.ALIPAY_ROOT_CERT_SN), ours.get(ParameterName.ALIPAY_ROOT_CERT_SN));
    }

    @Test
    void aCertificateSignedResponseVerifiesInBoth() throws Exception {
        String body = new GatewaySide(TestKeys.ALIPAY.getPrivate()).signedBody(NODE, SUCCESS, SignType.RSA2, StandardCharsets.UTF_8,
                CertificateSn.of(TestKeys.ALIPAY_CERT));
        GATEWAY.answer(body, StandardCharsets.UTF_8);

        assertEquals("10000", sdkExecute().getCode());
        assertInstanceOf(PassUpdateOutcome.Success.class, protocol().interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body));
    }

    @Test
    void aSuccessWithoutAlipayCertSnIsRefusedByBoth() {
        String body = new GatewaySide(TestKeys.ALIPAY.getPrivate()).signedBody(NODE, SUCCESS, SignType.RSA2, StandardCharsets.UTF_8);
        GATEWAY.answer(body, StandardCharsets.UTF_8);

        var refused = assertThrows(com.alipay.api.AlipayApiException.class, CertificateModeSdkOracleTest::sdkExecute);
        assertTrue(refused.getMessage().contains("cert check fail") && refused.getMessage().contains("ALIPAY_CERT_SN is Empty"),
                refused.getMessage());
        assertInstanceOf(PassUpdateOutcome.InvalidResponse.class, protocol().interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body));
    }

    @Test
    void aResponseSignedByAnotherKeyIsRefusedByBoth() {
        String body = new GatewaySide(TestKeys.ROOT_KEYS.getPrivate()).signedBody(NODE, SUCCESS, SignType.RSA2, StandardCharsets.UTF_8,
                CertificateSn.of(TestKeys.ALIPAY_CERT));
        GATEWAY.answer(body, StandardCharsets.UTF_8);

        var refused = assertThrows(com.alipay.api.AlipayApiException.class, CertificateModeSdkOracleTest::sdkExecute);
        assertTrue(refused.getMessage().contains("cert check fail"), refused.getMessage());
        assertInstanceOf(PassUpdateOutcome.InvalidResponse.class, protocol().interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body));
    }

    private static AlipayPassInstanceUpdateResponse sdkExecute() throws Exception {
        CertAlipayRequest config = new CertAlipayRequest();
        config.setServerUrl(GATEWAY.url());
        config.setAppId("2021000000000001");
        config.setPrivateKey(TestKeys.base64(TestKeys.APP.getPrivate()));
        config.setFormat("json");
        config.setCharset("utf-8");
        config.setSignType("RSA2");
        config.setCertContent(TestKeys.pem(TestKeys.APP_CERT));
        config.setAlipayPublicCertContent(TestKeys.pem(TestKeys.ALIPAY_CERT));
        config.setRootCertContent(TestKeys.pem(TestKeys.ROOT, TestKeys.EC_ROOT, TestKeys.ROOT_SHA1));
        AlipayPassInstanceUpdateRequest request = new AlipayPassInstanceUpdateRequest();
        request.setBizContent("{\"serial_number\":\"209919213\",\"channel_id\":\"2088918273\"}");
        return new DefaultAlipayClient(config).certificateExecute(request);
    }

    private static GatewayProtocol protocol() {
        return GatewayProtocol.builder()
                .appId("2021000000000001")
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .verifier(ResponseVerifier.forCertificate(TestKeys.ALIPAY_CERT))
                .certificates(TestKeys.APP_CERT, CHAIN)
                .build();
    }
}
