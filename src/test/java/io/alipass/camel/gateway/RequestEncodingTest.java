package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known answers for the request on the wire: sign content, timestamp, query string and form body. */
class RequestEncodingTest {
    private static final String BIZ = "{\"serial_number\":\"SN 001/中\",\"channel_id\":\"c+1&x=y\"}";
    /** 2026-11-23 10:50:05 in Beijing; the clock's own zone is Los Angeles on purpose. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T02:50:05Z"), ZoneId.of("America/Los_Angeles"));

    @Test
    void signContentOfAPreparedRequestIsTheKnownAnswer() {
        Map<String, String> signed = protocol(RequestCharset.UTF_8).signedParameters(GatewayMethod.PASS_INSTANCE_UPDATE, BIZ, "APP_AUTH_TOKEN_1");

        assertEquals("app_auth_token=APP_AUTH_TOKEN_1&app_id=2021000000000001&biz_content=" + BIZ
                + "&charset=utf-8&format=JSON&method=alipay.pass.instance.update&sign_type=RSA2"
                + "&timestamp=2026-11-23 10:50:05&version=1.0", SignContent.of(signed).text());
    }

    /** Surefire runs the tests in America/Los_Angeles, sixteen hours behind Beijing in November. */
    @Test
    void timestampIsBeijingTimeWhateverTheJvmZone() {
        assertEquals("2026-11-23 10:50:05", protocol(RequestCharset.UTF_8)
                .signedParameters(GatewayMethod.PASS_INSTANCE_UPDATE, BIZ, null).get(ParameterName.TIMESTAMP));
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of(RequestCharset.UTF_8, "app_auth_token=APP_AUTH_TOKEN_1&biz_content=%7B%22serial_number%22%3A%22SN+001%2F%E4%B8%AD%22%2C%22channel_id%22%3A%22c%2B1%26x%3Dy%22%7D"),
                Arguments.of(RequestCharset.GBK, "app_auth_token=APP_AUTH_TOKEN_1&biz_content=%7B%22serial_number%22%3A%22SN+001%2F%D6%D0%22%2C%22channel_id%22%3A%22c%2B1%26x%3Dy%22%7D"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void bizContentAndAppAuthTokenTravelInTheFormBodyUrlEncodedInTheRequestCharset(RequestCharset charset, String expectedBody) {
        EncodedRequest request = protocol(charset).prepare(GatewayMethod.PASS_INSTANCE_UPDATE, BIZ, "APP_AUTH_TOKEN_1");

        assertEquals(expectedBody, new String(request.body(), StandardCharsets.US_ASCII));
        assertEquals("application/x-www-form-urlencoded;charset=" + charset.wireName(), request.contentType());
    }

    @Test
    void systemParametersTravelInTheQueryStringWithTheSignLast() {
        EncodedRequest request = protocol(RequestCharset.UTF_8).prepare(GatewayMethod.PASS_INSTANCE_UPDATE, BIZ, "APP_AUTH_TOKEN_1");

        String query = request.queryString();
        assertTrue(query.startsWith("app_id=2021000000000001&method=alipay.pass.instance.update&format=JSON&charset=utf-8"
                + "&sign_type=RSA2&timestamp=2026-11-23+10%3A50%3A05&version=1.0&sign="), query);
        assertEquals("https://openapi.alipay.com/gateway.do?" + query, request.url("https://openapi.alipay.com/gateway.do"));
    }

    @Test
    void theSignInTheQueryVerifiesOverTheKnownSignContent() throws Exception {
        EncodedRequest request = protocol(RequestCharset.GBK).prepare(GatewayMethod.PASS_INSTANCE_UPDATE, BIZ, null);
        String sign = FormEncoding.decode(request.queryString(), RequestCharset.GBK.charset()).get(ParameterName.SIGN);

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(TestKeys.APP.getPublic());
        verifier.update(("app_id=2021000000000001&biz_content=" + BIZ + "&charset=gbk&format=JSON&method=alipay.pass.instance.update"
                + "&sign_type=RSA2&timestamp=2026-11-23 10:50:05&version=1.0").getBytes("GBK"));
        assertTrue(verifier.verify(Base64.getDecoder().decode(sign)));
    }

    @Test
    void aBlankAppAuthTokenIsLeftOutLikeAnyEmptyParameter() {
        Map<String, String> signed = protocol(RequestCharset.UTF_8).signedParameters(GatewayMethod.PASS_INSTANCE_UPDATE, BIZ, "  ");

        assertEquals(false, signed.containsKey(ParameterName.APP_AUTH_TOKEN));
    }

    @Test
    void theRequestTextNeverCarriesTheSignatureOrToken() {
        EncodedRequest request = protocol(RequestCharset.UTF_8).prepare(GatewayMethod.PASS_INSTANCE_UPDATE, BIZ, "APP_AUTH_TOKEN_1");

        assertEquals(false, request.toString().contains("APP_AUTH_TOKEN_1"));
        assertEquals(false, request.toString().contains("sign="));
    }

    private static GatewayProtocol protocol(RequestCharset charset) {
        return GatewayProtocol.builder()
                .appId("2021000000000001")
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .verifier(new ResponseVerifier(TestKeys.ALIPAY.getPublic()))
                .charset(charset)
                .clock(CLOCK)
                .build();
    }
}
