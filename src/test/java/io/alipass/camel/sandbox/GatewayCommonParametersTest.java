package io.alipass.camel.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.ParameterName;
import io.alipass.camel.gateway.RequestCharset;
import io.alipass.camel.gateway.SignType;
import java.security.KeyPair;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GatewayCommonParametersTest {
    static final String APP_ID = "2021000000000001";
    static final String TEMPLATE = "{\"logo\":\"\",\"content\":{}}";
    static KeyPair app;
    static KeyPair stranger;
    static SandboxGateway sandbox;

    @BeforeAll
    static void start() {
        app = RawCall.rsaKeyPair();
        stranger = RawCall.rsaKeyPair();
        sandbox = TestSandboxes.start();
        sandbox.registerApp(APP_ID, app.getPublic());
        sandbox.state().addTemplate("tpl-1", TEMPLATE);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static RawCall validCall() {
        return RawCall.of(APP_ID, GatewayMethod.PASS_TEMPLATE_UPDATE,
                "{\"tpl_id\":\"tpl-1\",\"tpl_content\":\"{\\\"logo\\\":\\\"x\\\"}\"}", app.getPrivate());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("missing app_id", c -> c.remove(ParameterName.APP_ID), "40001", "isv.missing-app-id"),
                refusal("missing method", c -> c.remove(ParameterName.METHOD), "40001", "isv.missing-method"),
                refusal("missing sign", RawCall::unsigned, "40001", "isv.missing-signature"),
                refusal("missing sign_type", c -> c.remove(ParameterName.SIGN_TYPE), "40001", "isv.missing-signature-type"),
                refusal("missing timestamp", c -> c.remove(ParameterName.TIMESTAMP), "40001", "isv.missing-timestamp"),
                refusal("missing version", c -> c.remove(ParameterName.VERSION), "40001", "isv.missing-version"),
                refusal("unknown app", c -> c.set(ParameterName.APP_ID, "2021009999999999"), "40002", "isv.invalid-app-id"),
                refusal("unknown method", c -> c.set(ParameterName.METHOD, "alipay.trade.pay"), "40002", "isv.invalid-method"),
                refusal("bad charset", c -> c.set(ParameterName.CHARSET, "latin-1"), "40002", "isv.invalid-charset"),
                refusal("bad format", c -> c.set(ParameterName.FORMAT, "xml"), "40002", "isv.invalid-format"),
                refusal("bad sign_type", c -> c.set(ParameterName.SIGN_TYPE, "MD5"), "40002", "isv.invalid-signature-type"),
                refusal("malformed timestamp", c -> c.set(ParameterName.TIMESTAMP, "2026/11/23 10:00"), "40002", "isv.invalid-timestamp"),
                refusal("timestamp an hour old", c -> c.set(ParameterName.TIMESTAMP,
                        ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).minusHours(1).format(RawCall.TIMESTAMP)), "40002", "isv.invalid-timestamp"),
                refusal("timestamp in UTC instead of Beijing time", c -> c.set(ParameterName.TIMESTAMP,
                        ZonedDateTime.now(ZoneId.of("UTC")).format(RawCall.TIMESTAMP)), "40002", "isv.invalid-timestamp"),
                refusal("bad version", c -> c.set(ParameterName.VERSION, "2.0"), "40002", "isv.invalid-version"),
                refusal("signed with another key, RSA2", c -> c.signedWith(stranger.getPrivate()), "40002", "isv.invalid-signature"),
                refusal("signed with another key, RSA", c -> c.set(ParameterName.SIGN_TYPE, "RSA").signedWith(stranger.getPrivate()),
                        "40002", "isv.invalid-signature"),
                refusal("parameter changed after signing", c -> c.set(ParameterName.SIGN, signedCopy(c)).set("biz_content", "{}"),
                        "40002", "isv.invalid-signature"),
                refusal("RSA2 signature declared as RSA", c -> c.set(ParameterName.SIGN, c.signature()).set(ParameterName.SIGN_TYPE, "RSA"),
                        "40002", "isv.invalid-signature"),
                refusal("sign not Base64", c -> c.set(ParameterName.SIGN, "not*base64"), "40002", "isv.invalid-signature"));
    }

    static Arguments refusal(String name, UnaryOperator<RawCall> spoil, String code, String subCode) {
        return Arguments.of(name, spoil, code, subCode);
    }

    /** The sign the call would carry as it stands. */
    static String signedCopy(RawCall call) {
        return call.signature();
    }

    /** A valid-looking sign over other content, made with the app's own key. */
    static String signedAs(SignType type, String declared) {
        return new io.alipass.camel.gateway.RequestSigner(app.getPrivate(), type).sign(declared.getBytes());
    }

    @ParameterizedTest(name = "{0} is answered {2} {3}")
    @MethodSource("refusals")
    void refusesABadCommonParameterWithTheGatewaysCode(String name, UnaryOperator<RawCall> spoil, String code, String subCode) {
        RawCall.Reply reply = spoil.apply(validCall()).send(sandbox.url());
        assertEquals(200, reply.status());
        assertEquals(code, reply.code(), reply.body());
        assertEquals(subCode, reply.subCode(), reply.body());
        assertNotNull(reply.node().path("msg").asText(null));
    }

    @Test
    void acceptsAValidRsa2Request() {
        RawCall.Reply reply = validCall().send(sandbox.url());
        assertEquals("10000", reply.code(), reply.body());
        assertEquals("true", reply.node().path("success").asText());
    }

    @Test
    void acceptsAValidRsaRequest() {
        RawCall.Reply reply = validCall().set(ParameterName.SIGN_TYPE, "RSA").send(sandbox.url());
        assertEquals("10000", reply.code(), reply.body());
    }

    @Test
    void signsTheAnswerWithItsOwnAlipayKeyOverTheNode() {
        RawCall.Reply reply = validCall().send(sandbox.url());
        assertTrue(reply.signedBy(sandbox.alipayPublicKey(), SignType.RSA2, RequestCharset.UTF_8, "alipay.pass.template.update"));
        assertFalse(reply.signedBy(app.getPublic(), SignType.RSA2, RequestCharset.UTF_8, "alipay.pass.template.update"));
    }

    @Test
    void signsAnRsaAnswerWithSha1() {
        RawCall.Reply reply = validCall().set(ParameterName.SIGN_TYPE, "RSA").send(sandbox.url());
        assertTrue(reply.signedBy(sandbox.alipayPublicKey(), SignType.RSA, RequestCharset.UTF_8, "alipay.pass.template.update"));
    }

    @Test
    void signsAGbkAnswerOverItsGbkBytes() {
        RawCall.Reply reply = RawCall.of(APP_ID, GatewayMethod.PASS_TEMPLATE_UPDATE,
                "{\"tpl_id\":\"nope\",\"tpl_content\":\"{\\\"logo\\\":\\\"中文\\\"}\"}", app.getPrivate())
                .set(ParameterName.CHARSET, "gbk").send(sandbox.url());
        assertEquals("KP.AE_ALIPASS_TEMPLATE_NOT_EXIST", reply.subCode(), reply.body());
        assertTrue(reply.node().path("sub_msg").asText().startsWith("目标模板信息不存在"));
        assertTrue(reply.signedBy(sandbox.alipayPublicKey(), SignType.RSA2, RequestCharset.GBK, "alipay.pass.template.update"));
    }

    @Test
    void answersAnUnknownMethodInErrorResponse() {
        RawCall.Reply reply = validCall().set(ParameterName.METHOD, "alipay.trade.pay").send(sandbox.url());
        assertTrue(reply.json().has("error_response"), reply.body());
    }

    @Test
    void echoesTheSignContentOnAnInvalidSignatureWithoutTheAppAuthToken() {
        RawCall.Reply reply = validCall().set(ParameterName.APP_AUTH_TOKEN, "secret-token")
                .set(ParameterName.SIGN, signedAs(SignType.RSA2, "other")).send(sandbox.url());
        String subMsg = reply.node().path("sub_msg").asText();
        assertTrue(subMsg.contains("app_id=" + APP_ID), subMsg);
        assertFalse(subMsg.contains("secret-token"), subMsg);
    }

    @Test
    void leavesAnAnswerUnsignedWhenTheSignTypeIsUnknown() {
        RawCall.Reply reply = validCall().set(ParameterName.SIGN_TYPE, "MD5").send(sandbox.url());
        assertFalse(reply.json().has("sign"), reply.body());
    }
}
