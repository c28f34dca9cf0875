package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How {@link GatewayProtocol#interpret} classifies what the gateway answers. */
class ResponseOutcomeTest {
    private static final GatewaySide ALIPAY = new GatewaySide(TestKeys.ALIPAY.getPrivate());
    private static final GatewayMethod INSTANCE = GatewayMethod.PASS_INSTANCE_UPDATE;
    private static final GatewayMethod TEMPLATE = GatewayMethod.PASS_TEMPLATE_UPDATE;
    private static final GatewayProtocol PROTOCOL = GatewayProtocol.builder()
            .appId("2021000000000001")
            .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
            .verifier(new ResponseVerifier(TestKeys.ALIPAY.getPublic()))
            .build();

    static Stream<Arguments> signedAnswers() {
        return Stream.of(
                Arguments.of("the seed's instance success", INSTANCE, INSTANCE.responseNode(),
                        "{\"msg\":\"Success\",\"result\":\"{\\\"serialNumber\\\":\\\"123555123\\\",\\\"passId\\\":\\\"209919213\\\",\\\"operate\\\":\\\"UPDATE\\\",\\\"errorCode\\\":\\\"SUCCESS\\\",\\\"errorMsg\\\":\\\"处理成功\\\"}\",\"code\":\"10000\",\"success\":\"true\"}",
                        "success", null),
                Arguments.of("the seed's template success", TEMPLATE, TEMPLATE.responseNode(),
                        "{\"msg\":\"Success\",\"result\":\"{\\\"errorCode\\\":\\\"KP.AE_SUCCESS\\\",\\\"errorMsg\\\":\\\"处理成功\\\",\\\"tpl_id\\\":\\\"2017032xxxxxxxx\\\",\\\"tpl_params\\\":[\\\"title\\\",\\\"channelID\\\",\\\"serialNumer\\\"]}\",\"code\":\"10000\",\"success\":\"true\"}",
                        "success", null),
                Arguments.of("40004 with KP.AE_ALIPASS_NOTEXIST", INSTANCE, INSTANCE.responseNode(),
                        "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"KP.AE_ALIPASS_NOTEXIST\",\"sub_msg\":\"卡券不存在\"}",
                        "business-failure", "KP.AE_ALIPASS_NOTEXIST"),
                Arguments.of("40004 with KP.AE_ALIPASS_CHAR_NOT_GBK", INSTANCE, INSTANCE.responseNode(),
                        "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"KP.AE_ALIPASS_CHAR_NOT_GBK\",\"sub_msg\":\"卡券传值中有非GBK的字符\"}",
                        "business-failure", "KP.AE_ALIPASS_CHAR_NOT_GBK"),
                Arguments.of("40004 with KP.AE_ALIPASS_TEMPLATE_NOT_EXIST", TEMPLATE, TEMPLATE.responseNode(),
                        "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"KP.AE_ALIPASS_TEMPLATE_NOT_EXIST\",\"sub_msg\":\"目标模板信息不存在\"}",
                        "business-failure", "KP.AE_ALIPASS_TEMPLATE_NOT_EXIST"),
                Arguments.of("an unknown code is final", INSTANCE, INSTANCE.responseNode(),
                        "{\"code\":\"40099\",\"msg\":\"New\",\"sub_code\":\"KP.AE_SOMETHING_NEW\"}",
                        "business-failure", "KP.AE_SOMETHING_NEW"),
                Arguments.of("the seed's 20000 isp.unknow-error", INSTANCE, INSTANCE.responseNode(),
                        "{\"msg\":\"Service Currently Unavailable\",\"code\":\"20000\",\"sub_msg\":\"系统繁忙\",\"sub_code\":\"isp.unknow-error\"}",
                        "transient-failure", "isp.unknow-error"),
                Arguments.of("an isp.* sub-code under 40004", TEMPLATE, TEMPLATE.responseNode(),
                        "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"isp.timeout\"}",
                        "transient-failure", "isp.timeout"),
                Arguments.of("40004 with KP.AE_SYSTEM_ERROR", INSTANCE, INSTANCE.responseNode(),
                        "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"KP.AE_SYSTEM_ERROR\",\"sub_msg\":\"系统繁忙或系统异常\"}",
                        "transient-failure", "KP.AE_SYSTEM_ERROR"),
                Arguments.of("KP.AE_SYSTEM_ERROR inside the result of a 10000 answer", INSTANCE, INSTANCE.responseNode(),
                        "{\"code\":\"10000\",\"msg\":\"Success\",\"result\":\"{\\\"errorCode\\\":\\\"KP.AE_SYSTEM_ERROR\\\",\\\"errorMsg\\\":\\\"系统繁忙\\\"}\",\"success\":\"false\"}",
                        "transient-failure", "KP.AE_SYSTEM_ERROR"),
                Arguments.of("a failing errorCode inside the result of a 10000 answer", INSTANCE, INSTANCE.responseNode(),
                        "{\"code\":\"10000\",\"msg\":\"Success\",\"result\":\"{\\\"errorCode\\\":\\\"KP.AE_ALIPASS_NOTEXIST\\\",\\\"errorMsg\\\":\\\"卡券不存在\\\"}\",\"success\":\"false\"}",
                        "business-failure", "KP.AE_ALIPASS_NOTEXIST"),
                Arguments.of("a signed error_response", INSTANCE, GatewayMethod.ERROR_RESPONSE_NODE,
                        "{\"code\":\"40002\",\"msg\":\"Invalid Arguments\",\"sub_code\":\"isv.invalid-signature\",\"sub_msg\":\"验签出错\"}",
                        "business-failure", "isv.invalid-signature"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedAnswers")
    void classifiesASignedAnswer(String name, GatewayMethod method, String node, String nodeText, String kind, String subCode) {
        PassUpdateOutcome outcome = PROTOCOL.interpret(method, ALIPAY.signedBody(node, nodeText, SignType.RSA2, StandardCharsets.UTF_8));

        assertEquals(kind, outcome.kind(), outcome::toString);
        assertEquals(subCode, outcome.subCode());
    }

    @Test
    void aSuccessCarriesTheResultFields() {
        PassUpdateOutcome.Success s = assertInstanceOf(PassUpdateOutcome.Success.class, PROTOCOL.interpret(TEMPLATE,
                ALIPAY.signedBody(TEMPLATE.responseNode(), (String) signedAnswers().toList().get(1).get()[3], SignType.RSA2, StandardCharsets.UTF_8)));

        assertEquals("2017032xxxxxxxx", s.result().tplId());
        assertEquals(List.of("title", "channelID", "serialNumer"), s.result().tplParams());
    }

    @Test
    void aBusinessFailureNamesThePassErrorCode() {
        PassUpdateOutcome.BusinessFailure f = assertInstanceOf(PassUpdateOutcome.BusinessFailure.class, PROTOCOL.interpret(INSTANCE,
                ALIPAY.signedBody(INSTANCE.responseNode(), "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"KP.AE_ALIPASS_NOTEXIST\"}",
                        SignType.RSA2, StandardCharsets.UTF_8)));

        assertEquals(PassErrorCode.NOT_EXIST, f.passErrorCode().orElseThrow());
    }

    static Stream<Arguments> invalidAnswers() {
        String success = "{\"code\":\"10000\",\"msg\":\"Success\",\"result\":\"{\\\"errorCode\\\":\\\"SUCCESS\\\"}\",\"success\":\"true\"}";
        String node = INSTANCE.responseNode();
        String signed = ALIPAY.signedBody(node, success, SignType.RSA2, StandardCharsets.UTF_8);
        String forged = new GatewaySide(TestKeys.APP.getPrivate()).signedBody(node, success, SignType.RSA2, StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("an HTML error page", "<html><body>502 Bad Gateway</body></html>", InvalidResponseException.Reason.UNPARSABLE),
                Arguments.of("an empty body", "", InvalidResponseException.Reason.UNPARSABLE),
                Arguments.of("a truncated body", signed.substring(0, signed.length() / 2), InvalidResponseException.Reason.UNPARSABLE),
                Arguments.of("a body cut just before its last brace", signed.substring(0, signed.length() - 1), InvalidResponseException.Reason.UNPARSABLE),
                Arguments.of("text after the JSON object", signed + "{}", InvalidResponseException.Reason.UNPARSABLE),
                Arguments.of("neither the method's node nor error_response", "{\"alipay_trade_pay_response\":" + success + ",\"sign\":\"x\"}",
                        InvalidResponseException.Reason.UNPARSABLE),
                Arguments.of("a node that is an array", "{\"" + node + "\":[1],\"sign\":\"x\"}", InvalidResponseException.Reason.UNPARSABLE),
                Arguments.of("a node without code", ALIPAY.signedBody(node, "{\"msg\":\"Success\"}", SignType.RSA2, StandardCharsets.UTF_8),
                        InvalidResponseException.Reason.UNPARSABLE),
                Arguments.of("a success without sign", "{\"" + node + "\":" + success + "}", InvalidResponseException.Reason.SIGNATURE_MISSING),
                Arguments.of("a success with an empty sign", "{\"" + node + "\":" + success + ",\"sign\":\"\"}", InvalidResponseException.Reason.SIGNATURE_MISSING),
                Arguments.of("a success signed with the app's key", forged, InvalidResponseException.Reason.SIGNATURE_MISMATCH),
                Arguments.of("a sign that is not Base64", "{\"" + node + "\":" + success + ",\"sign\":\"%%%\"}", InvalidResponseException.Reason.SIGNATURE_MISMATCH),
                Arguments.of("a signed node whose text was changed", signed.replace("Success", "Succest"), InvalidResponseException.Reason.SIGNATURE_MISMATCH),
                Arguments.of("an error with a forged sign", new GatewaySide(TestKeys.APP.getPrivate()).signedBody(node,
                        "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"KP.AE_ALIPASS_NOTEXIST\"}", SignType.RSA2, StandardCharsets.UTF_8),
                        InvalidResponseException.Reason.SIGNATURE_MISMATCH),
                Arguments.of("the response node twice", signed.substring(0, signed.length() - 1) + ",\"" + node + "\":" + success + "}",
                        InvalidResponseException.Reason.DUPLICATE_NODE),
                Arguments.of("a forged node before the signed one", "{\"" + node + "\":" + success + "," + signed.substring(1),
                        InvalidResponseException.Reason.DUPLICATE_NODE),
                Arguments.of("sign twice", signed.substring(0, signed.length() - 1) + ",\"sign\":\"x\"}", InvalidResponseException.Reason.DUPLICATE_NODE),
                Arguments.of("a node with a duplicate field", ALIPAY.signedBody(node, "{\"code\":\"10000\",\"code\":\"40004\"}", SignType.RSA2, StandardCharsets.UTF_8),
                        InvalidResponseException.Reason.UNPARSABLE),
                Arguments.of("an encrypted node with no AES key configured", ALIPAY.signedBody(node, "\"AAAA\"", SignType.RSA2, StandardCharsets.UTF_8),
                        InvalidResponseException.Reason.UNDECRYPTABLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidAnswers")
    void anAnswerThatCannotBeTrustedIsAnInvalidResponse(String name, String body, InvalidResponseException.Reason reason) {
        PassUpdateOutcome outcome = PROTOCOL.interpret(INSTANCE, body);

        assertEquals(reason, assertInstanceOf(PassUpdateOutcome.InvalidResponse.class, outcome, outcome::toString).reason());
    }

    @Test
    void anUnsignedBusinessFailureIsStillAFailure() {
        PassUpdateOutcome outcome = PROTOCOL.interpret(INSTANCE, "{\"" + INSTANCE.responseNode()
                + "\":{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"KP.AE_ALIPASS_NOTEXIST\"}}");

        assertEquals("KP.AE_ALIPASS_NOTEXIST", assertInstanceOf(PassUpdateOutcome.BusinessFailure.class, outcome).subCode());
    }

    @Test
    void anUnsignedErrorResponseIsStillAnError() {
        PassUpdateOutcome outcome = PROTOCOL.interpret(INSTANCE,
                "{\"error_response\":{\"code\":\"20000\",\"msg\":\"Service Currently Unavailable\",\"sub_code\":\"isp.unknow-error\"}}");

        assertInstanceOf(PassUpdateOutcome.TransientFailure.class, outcome);
    }

    @Test
    void aGbkBodyIsDecodedAndVerifiedInGbk() {
        GatewayProtocol gbk = GatewayProtocol.builder().appId("2021000000000001")
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA))
                .verifier(new ResponseVerifier(TestKeys.ALIPAY.getPublic()))
                .charset(RequestCharset.GBK).build();
        String body = ALIPAY.signedBody(INSTANCE.responseNode(), "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"KP.AE_ALIPASS_NOTEXIST\",\"sub_msg\":\"卡券不存在\"}",
                SignType.RSA, RequestCharset.GBK.charset());

        PassUpdateOutcome outcome = gbk.interpret(INSTANCE, body.getBytes(RequestCharset.GBK.charset()));

        assertEquals("卡券不存在", assertInstanceOf(PassUpdateOutcome.BusinessFailure.class, outcome).subMsg());
    }
}
