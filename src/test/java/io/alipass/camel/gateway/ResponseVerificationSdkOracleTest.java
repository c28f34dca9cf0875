package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipayLogger;
import com.alipay.api.request.AlipayPassInstanceUpdateRequest;
import com.alipay.api.request.AlipayPassTemplateUpdateRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Responses signed the way the gateway signs them must verify both in our {@link GatewayProtocol}
 * and in the official SDK's client (which cuts the signed text out of the body by its own rules);
 * tampered ones must fail in both.
 */
class ResponseVerificationSdkOracleTest {
    private static final StubGateway GATEWAY = new StubGateway();
    private static final GatewaySide ALIPAY = new GatewaySide(TestKeys.ALIPAY.getPrivate());
    private static final String INSTANCE_NODE = GatewayMethod.PASS_INSTANCE_UPDATE.responseNode();
    private static final String TEMPLATE_NODE = GatewayMethod.PASS_TEMPLATE_UPDATE.responseNode();

    static {
        AlipayLogger.setNeedEnableLogger(false);
    }

    @AfterAll
    static void stopGateway() {
        GATEWAY.close();
    }

    /** Node texts that make naive cutting go wrong. */
    static Stream<Arguments> trickyNodes() {
        List<Arguments> nodes = List.of(
                Arguments.of("the seed's success example", GatewayMethod.PASS_INSTANCE_UPDATE, INSTANCE_NODE,
                        "{\"msg\":\"Success\",\"result\":\"{\\\"serialNumber\\\":\\\"123555123\\\",\\\"passId\\\":\\\"209919213\\\",\\\"operate\\\":\\\"UPDATE\\\",\\\"errorCode\\\":\\\"SUCCESS\\\",\\\"errorMsg\\\":\\\"处理成功\\\"}\",\"code\":\"10000\",\"success\":\"true\"}"),
                Arguments.of("pretty-printed, as on the API page", GatewayMethod.PASS_INSTANCE_UPDATE, INSTANCE_NODE,
                        "{\n\t\t\"msg\":\"Success\",\n\t\t\"result\":\"{\\\"errorCode\\\":\\\"SUCCESS\\\"}\",\n\t\t\"code\":\"10000\",\n\t\t\"success\":\"true\"\n\t}"),
                Arguments.of("nested objects and arrays, braces inside strings", GatewayMethod.PASS_INSTANCE_UPDATE, INSTANCE_NODE,
                        "{\"code\":\"10000\",\"msg\":\"Success\",\"extra\":{\"a\":[1,{\"b\":\"}{][\"}],\"c\":{}},\"success\":\"true\"}"),
                Arguments.of("escaped quotes and backslashes before a brace", GatewayMethod.PASS_INSTANCE_UPDATE, INSTANCE_NODE,
                        "{\"code\":\"10000\",\"msg\":\"a\\\\\\\"}{\\\\\",\"result\":\"{\\\"errorMsg\\\":\\\"say \\\\\\\"hi\\\\\\\"\\\"}\",\"success\":\"true\"}"),
                Arguments.of("escaped slashes", GatewayMethod.PASS_INSTANCE_UPDATE, INSTANCE_NODE,
                        "{\"code\":\"10000\",\"msg\":\"Success\",\"result\":\"{\\\"url\\\":\\\"https:\\\\/\\\\/example.com\\\\/p\\\"}\",\"success\":\"true\"}"),
                Arguments.of("unicode escapes", GatewayMethod.PASS_INSTANCE_UPDATE, INSTANCE_NODE,
                        "{\"code\":\"10000\",\"msg\":\"\\u5904\\u7406\\u6210\\u529f\",\"result\":\"{\\\"errorCode\\\":\\\"SUCCESS\\\"}\",\"success\":\"true\"}"),
                Arguments.of("the word sign inside result", GatewayMethod.PASS_INSTANCE_UPDATE, INSTANCE_NODE,
                        "{\"code\":\"10000\",\"msg\":\"Success\",\"result\":\"{\\\"sign\\\":\\\"forged\\\",\\\"errorCode\\\":\\\"SUCCESS\\\"}\",\"success\":\"true\"}"),
                Arguments.of("the seed's template success, tpl_params array", GatewayMethod.PASS_TEMPLATE_UPDATE, TEMPLATE_NODE,
                        "{\"msg\":\"Success\",\"result\":\"{\\\"errorCode\\\":\\\"KP.AE_SUCCESS\\\",\\\"errorMsg\\\":\\\"处理成功\\\",\\\"tpl_id\\\":\\\"2017032xxxxxxxx\\\",\\\"tpl_params\\\":[\\\"title\\\",\\\"channelID\\\",\\\"serialNumer\\\"]}\",\"code\":\"10000\",\"success\":\"true\"}"),
                Arguments.of("a signed business failure", GatewayMethod.PASS_INSTANCE_UPDATE, INSTANCE_NODE,
                        "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"KP.AE_ALIPASS_NOTEXIST\",\"sub_msg\":\"卡券不存在\"}"),
                Arguments.of("a signed error_response", GatewayMethod.PASS_TEMPLATE_UPDATE, GatewayMethod.ERROR_RESPONSE_NODE,
                        "{\"code\":\"40002\",\"msg\":\"Invalid Arguments\",\"sub_code\":\"isv.invalid-signature\",\"sub_msg\":\"验签出错\"}"));
        List<Arguments> cases = new ArrayList<>();
        for (Arguments node : nodes) {
            for (SignType type : SignType.values()) {
                for (RequestCharset charset : List.of(RequestCharset.UTF_8, RequestCharset.GBK)) {
                    Object[] a = node.get();
                    cases.add(Arguments.of(a[0], a[1], a[2], a[3], type, charset));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {4}, {5}")
    @MethodSource("trickyNodes")
    void aGenuineResponseVerifiesInBothOursAndTheSdk(String name, GatewayMethod method, String node, String nodeText,
                                                    SignType type, RequestCharset charset) throws Exception {
        String body = ALIPAY.signedBody(node, nodeText, type, charset.charset());

        PassUpdateOutcome ours = protocol(type, charset).interpret(method, body.getBytes(charset.charset()));
        AlipayResponse sdk = sdkExecute(method, type, charset, body);

        assertEquals(false, ours instanceof PassUpdateOutcome.InvalidResponse, () -> ours.toString());
        assertEquals(sdk.getCode(), ours.code());
    }

    @ParameterizedTest(name = "{0}, {4}, {5}")
    @MethodSource("trickyNodes")
    void aTamperedResponseFailsInBothOursAndTheSdk(String name, GatewayMethod method, String node, String nodeText,
                                                  SignType type, RequestCharset charset) {
        String body = ALIPAY.signedBody(node, nodeText, type, charset.charset()).replace("\"msg\":\"", "\"msg\":\"!");

        PassUpdateOutcome ours = protocol(type, charset).interpret(method, body.getBytes(charset.charset()));
        assertEquals(InvalidResponseException.Reason.SIGNATURE_MISMATCH,
                assertInstanceOf(PassUpdateOutcome.InvalidResponse.class, ours).reason());
        sdkRefuses(method, type, charset, body);
    }

    /** Some gateway paths sign the text with {@code \/} unescaped; the SDK retries that way, and so do we. */
    @Test
    void aSignatureOverTheUnescapedSlashesVerifiesInBoth() throws Exception {
        String nodeText = "{\"code\":\"10000\",\"msg\":\"Success\",\"result\":\"{\\\"url\\\":\\\"https:\\\\/\\\\/example.com\\\"}\",\"success\":\"true\"}";
        String sign = ALIPAY.sign(nodeText.replace("\\/", "/"), SignType.RSA2, RequestCharset.UTF_8.charset());
        String body = "{\"" + INSTANCE_NODE + "\":" + nodeText + ",\"sign\":\"" + sign + "\"}";

        assertInstanceOf(PassUpdateOutcome.Success.class,
                protocol(SignType.RSA2, RequestCharset.UTF_8).interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body));
        assertEquals("10000", sdkExecute(GatewayMethod.PASS_INSTANCE_UPDATE, SignType.RSA2, RequestCharset.UTF_8, body).getCode());
    }

    @Test
    void aSuccessWithoutSignIsRefusedByBoth() {
        String body = "{\"" + INSTANCE_NODE + "\":{\"code\":\"10000\",\"msg\":\"Success\",\"success\":\"true\"}}";

        assertEquals(InvalidResponseException.Reason.SIGNATURE_MISSING, assertInstanceOf(PassUpdateOutcome.InvalidResponse.class,
                protocol(SignType.RSA2, RequestCharset.UTF_8).interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body)).reason());
        // The SDK throws exactly a RuntimeException here, so the assertion pins the exact type and then the cause.
        RuntimeException e = assertThrowsExactly(RuntimeException.class,
                () -> sdkExecute(GatewayMethod.PASS_INSTANCE_UPDATE, SignType.RSA2, RequestCharset.UTF_8, body));
        // The SDK reaches its verifier with no sign and wraps the verifier's own refusal (验签 = signature check).
        com.alipay.api.AlipayApiException cause = assertInstanceOf(com.alipay.api.AlipayApiException.class, e.getCause());
        assertTrue(cause.getMessage().contains("验签") && cause.getMessage().contains("sign=null"), cause.getMessage());
    }

    @Test
    void anUnsignedErrorIsAcceptedAsAnErrorByBoth() throws Exception {
        String body = "{\"" + GatewayMethod.ERROR_RESPONSE_NODE + "\":{\"code\":\"20000\",\"msg\":\"Service Currently Unavailable\","
                + "\"sub_code\":\"isp.unknow-error\",\"sub_msg\":\"系统繁忙\"}}";

        assertInstanceOf(PassUpdateOutcome.TransientFailure.class,
                protocol(SignType.RSA2, RequestCharset.UTF_8).interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body));
        AlipayResponse sdk = sdkExecute(GatewayMethod.PASS_INSTANCE_UPDATE, SignType.RSA2, RequestCharset.UTF_8, body);
        assertEquals(false, sdk.isSuccess());
    }

    @Test
    void aForgedTwinAfterTheSignedNodeIsRefusedByBoth() {
        String signed = ALIPAY.signedBody(INSTANCE_NODE, "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"KP.AE_ALIPASS_NOTEXIST\"}",
                SignType.RSA2, RequestCharset.UTF_8.charset());
        String body = signed.substring(0, signed.length() - 1) + ",\"" + INSTANCE_NODE + "\":{\"code\":\"10000\",\"msg\":\"Success\"}}";

        assertEquals(InvalidResponseException.Reason.DUPLICATE_NODE, assertInstanceOf(PassUpdateOutcome.InvalidResponse.class,
                protocol(SignType.RSA2, RequestCharset.UTF_8).interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body)).reason());
        sdkRefuses(GatewayMethod.PASS_INSTANCE_UPDATE, SignType.RSA2, RequestCharset.UTF_8, body);
    }

    /**
     * A deliberate difference: the SDK looks for a duplicate node by substring after the node, so a
     * body whose later top-level string merely mentions the node name is refused by it; we refuse
     * only a second top-level member of that name, which is the attack the check exists for.
     */
    @Test
    void theNodeNameInALaterStringIsNotADuplicateForUsThoughTheSdkRefusesIt() {
        String signed = ALIPAY.signedBody(INSTANCE_NODE, "{\"code\":\"10000\",\"msg\":\"Success\",\"success\":\"true\"}",
                SignType.RSA2, RequestCharset.UTF_8.charset());
        String body = signed.substring(0, signed.length() - 1) + ",\"note\":\"see " + INSTANCE_NODE + "\"}";

        assertInstanceOf(PassUpdateOutcome.Success.class,
                protocol(SignType.RSA2, RequestCharset.UTF_8).interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body));
        sdkRefuses(GatewayMethod.PASS_INSTANCE_UPDATE, SignType.RSA2, RequestCharset.UTF_8, body);
    }

    private static GatewayProtocol protocol(SignType type, RequestCharset charset) {
        return GatewayProtocol.builder()
                .appId("2021000000000001")
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), type))
                .verifier(new ResponseVerifier(TestKeys.ALIPAY.getPublic()))
                .charset(charset)
                .build();
    }

    /**
     * Asserts the SDK's own signature-check refusal ("sign check fail: ..." or, for a duplicated response
     * node, "...验签失败"), so the test cannot pass because the stub gateway did not answer.
     */
    private static void sdkRefuses(GatewayMethod method, SignType type, RequestCharset charset, String body) {
        com.alipay.api.AlipayApiException e = assertThrows(com.alipay.api.AlipayApiException.class, () -> sdkExecute(method, type, charset, body));
        assertTrue(e.getMessage().contains("sign check fail") || e.getMessage().contains("验签失败"), e.getMessage());
    }

    private static AlipayResponse sdkExecute(GatewayMethod method, SignType type, RequestCharset charset, String body) throws Exception {
        GATEWAY.answer(body, charset.charset());
        DefaultAlipayClient client = new DefaultAlipayClient(GATEWAY.url(), "2021000000000001",
                TestKeys.base64(TestKeys.APP.getPrivate()), "json", charset.wireName(),
                TestKeys.base64(TestKeys.ALIPAY.getPublic()), type.name());
        AlipayRequest<? extends AlipayResponse> request;
        if (method.equals(GatewayMethod.PASS_INSTANCE_UPDATE)) {
            AlipayPassInstanceUpdateRequest r = new AlipayPassInstanceUpdateRequest();
            r.setBizContent("{\"serial_number\":\"209919213\",\"channel_id\":\"2088918273\"}");
            request = r;
        } else {
            AlipayPassTemplateUpdateRequest r = new AlipayPassTemplateUpdateRequest();
            r.setBizContent("{\"tpl_id\":\"f038871a4b1151e8038bb9277c3d52e3\",\"tpl_content\":\"{}\"}");
            request = r;
        }
        return client.execute(request);
    }
}
