package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipayLogger;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayPassInstanceUpdateRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official SDK ({@code alipay-sdk-java} 4.40.734.ALL) as the oracle for request signatures.
 * PKCS#1 v1.5 is deterministic, so the same key and content must give the same signature bytes.
 */
class RequestSignatureSdkOracleTest {
    private static final String APP_PRIVATE = TestKeys.base64(TestKeys.APP.getPrivate());
    private static final String APP_PUBLIC = TestKeys.base64(TestKeys.APP.getPublic());
    private static final String ALIPAY_PUBLIC = TestKeys.base64(TestKeys.ALIPAY.getPublic());
    private static final StubGateway GATEWAY = new StubGateway();

    static {
        // The SDK logs every failed call, signature and app_auth_token included.
        AlipayLogger.setNeedEnableLogger(false);
    }

    @AfterAll
    static void stopGateway() {
        GATEWAY.close();
    }

    /** Both APIs, both sign types, utf-8 and gbk, with and without app_auth_token, Chinese text and JSON punctuation. */
    static Stream<Arguments> generatedRequests() {
        Random random = new Random(20261123L);
        List<Arguments> cases = new ArrayList<>();
        for (GatewayMethod method : List.of(GatewayMethod.PASS_INSTANCE_UPDATE, GatewayMethod.PASS_TEMPLATE_UPDATE)) {
            for (SignType type : SignType.values()) {
                for (RequestCharset charset : List.of(RequestCharset.UTF_8, RequestCharset.GBK)) {
                    for (String token : new String[] {null, "202311BB" + Long.toHexString(random.nextLong())}) {
                        for (int i = 0; i < 4; i++) {
                            cases.add(Arguments.of(method, type, charset, token, bizContent(method, random)));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} token={3}")
    @MethodSource("generatedRequests")
    void signatureEqualsTheSdksByteForByte(GatewayMethod method, SignType type, RequestCharset charset, String token, String bizContent) throws Exception {
        Map<String, String> signed = protocol(type, charset).signedParameters(method, bizContent, token);
        Map<String, String> unsigned = new HashMap<>(signed);
        String ours = unsigned.remove(ParameterName.SIGN);

        assertEquals(AlipaySignature.getSignContent(unsigned), SignContent.of(unsigned).text());
        assertEquals(AlipaySignature.rsaSign(AlipaySignature.getSignContent(unsigned), APP_PRIVATE, charset.wireName(), type.name()), ours);
    }

    @ParameterizedTest(name = "{0} {1} {2} token={3}")
    @MethodSource("generatedRequests")
    void encodedRequestPassesTheSdksRsaCheckV2(GatewayMethod method, SignType type, RequestCharset charset, String token, String bizContent) throws Exception {
        EncodedRequest request = protocol(type, charset).prepare(method, bizContent, token);
        Map<String, String> received = new HashMap<>(FormEncoding.decode(request.queryString(), charset.charset()));
        received.putAll(FormEncoding.decode(new String(request.body(), charset.charset()), charset.charset()));

        assertEquals(bizContent, received.get(ParameterName.BIZ_CONTENT));
        assertTrue(AlipaySignature.rsaCheckV2(received, APP_PUBLIC, charset.wireName(), type.name()));
    }

    /** What the SDK's own client sends (alipay_sdk, notify_url, ...): every parameter is signed, and our signer agrees. */
    @ParameterizedTest
    @EnumSource(SignType.class)
    void signatureOfARequestTheSdkClientSentEqualsOurs(SignType type) throws Exception {
        for (RequestCharset charset : List.of(RequestCharset.UTF_8, RequestCharset.GBK)) {
            GATEWAY.answer("{\"alipay_pass_instance_update_response\":{\"code\":\"40004\",\"msg\":\"Business Failed\","
                    + "\"sub_code\":\"KP.AE_ALIPASS_NOTEXIST\",\"sub_msg\":\"卡券不存在\"}}", charset.charset());
            DefaultAlipayClient client = new DefaultAlipayClient(GATEWAY.url(), "2021000000000001", APP_PRIVATE, "json",
                    charset.wireName(), ALIPAY_PUBLIC, type.name());
            AlipayPassInstanceUpdateRequest request = new AlipayPassInstanceUpdateRequest();
            request.setBizContent("{\"serial_number\":\"SN 001/中\",\"channel_id\":\"c+1&x=y\",\"tpl_params\":\"{\\\"title\\\":\\\"券标题\\\"}\"}");
            request.setNotifyUrl("https://example.com/notify?a=1");
            client.execute(request, null, "APP_AUTH_TOKEN_1");

            Map<String, String> sent = new HashMap<>(GATEWAY.lastParameters(charset.charset()));
            String sdkSign = sent.remove(ParameterName.SIGN);
            assertEquals(sdkSign, new RequestSigner(TestKeys.APP.getPrivate(), type).sign(SignContent.of(sent), charset));
        }
    }

    private static GatewayProtocol protocol(SignType type, RequestCharset charset) {
        return GatewayProtocol.builder()
                .appId("2021000000000001")
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), type))
                .verifier(new ResponseVerifier(TestKeys.ALIPAY.getPublic()))
                .charset(charset)
                .clock(Clock.fixed(Instant.parse("2026-11-23T02:50:05Z"), ZoneOffset.UTC))
                .build();
    }

    private static final String CHINESE = "券标题处理成功卡券模板更新核销码声波二维码条码文本中国杭州支付宝";
    private static final String PUNCTUATION = " \"\\/&=+%?#{}[]:,'";

    private static String bizContent(GatewayMethod method, Random random) {
        if (method.equals(GatewayMethod.PASS_INSTANCE_UPDATE)) {
            return "{\"serial_number\":\"" + words(random) + "\",\"channel_id\":\"2088" + (100000 + random.nextInt(900000))
                    + "\",\"tpl_params\":\"{\\\"title\\\":\\\"" + words(random) + "\\\"}\",\"status\":\"USED\","
                    + "\"verify_code\":\"" + random.nextInt(1_000_000) + "\",\"verify_type\":\"wave\"}";
        }
        return "{\"tpl_id\":\"" + Long.toHexString(random.nextLong()) + "\",\"tpl_content\":\"{\\\"logo\\\": \\\""
                + words(random) + "\\\",\\\"strip\\\": null,\\\"content\\\": {}}\"}";
    }

    /** Chinese, ASCII and JSON-escaped punctuation, all of which GBK can encode. */
    private static String words(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = 3 + random.nextInt(20);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(3);
            if (kind == 0) {
                sb.append(CHINESE.charAt(random.nextInt(CHINESE.length())));
            } else if (kind == 1) {
                sb.append((char) ('a' + random.nextInt(26)));
            } else {
                char c = PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()));
                sb.append(c == '"' || c == '\\' ? "\\\\\\" + c : String.valueOf(c));
            }
        }
        return sb.toString();
    }
}
