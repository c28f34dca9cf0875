package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipayEncrypt;
import com.alipay.api.internal.util.AlipayLogger;
import com.alipay.api.request.AlipayPassInstanceUpdateRequest;
import com.alipay.api.response.AlipayPassInstanceUpdateResponse;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** AES {@code biz_content} encryption must interoperate with the SDK's {@code AlipayEncrypt} both ways. */
class BizContentCipherSdkOracleTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new Random(7).ints(16, 0, 256)
            .collect(java.io.ByteArrayOutputStream::new, java.io.ByteArrayOutputStream::write, (a, b) -> { }).toByteArray());
    private static final BizContentCipher CIPHER = new BizContentCipher(KEY);
    private static final String PLAIN = "{\"serial_number\":\"209919213\",\"channel_id\":\"2088918273\",\"tpl_params\":\"{\\\"title\\\":\\\"券标题\\\"}\",\"status\":\"USED\"}";
    private static final StubGateway GATEWAY = new StubGateway();

    static {
        AlipayLogger.setNeedEnableLogger(false);
    }

    @AfterAll
    static void stopGateway() {
        GATEWAY.close();
    }

    @ParameterizedTest
    @EnumSource(value = RequestCharset.class, names = {"UTF_8", "GBK"})
    void ourCiphertextEqualsTheSdksAndDecryptsThere(RequestCharset charset) throws Exception {
        String ours = CIPHER.encrypt(PLAIN, charset);

        assertEquals(AlipayEncrypt.encryptContent(PLAIN, "AES", KEY, charset.wireName()), ours);
        assertEquals(PLAIN, AlipayEncrypt.decryptContent(ours, "AES", KEY, charset.wireName()));
    }

    @ParameterizedTest
    @EnumSource(value = RequestCharset.class, names = {"UTF_8", "GBK"})
    void theSdksCiphertextDecryptsHere(RequestCharset charset) throws Exception {
        assertEquals(PLAIN, CIPHER.decrypt(AlipayEncrypt.encryptContent(PLAIN, "AES", KEY, charset.wireName()), charset));
    }

    /** The node is a quoted Base64 string, signed including the quotes, verified first and then decrypted. */
    @Test
    void anEncryptedResponseIsVerifiedThenDecryptedByBoth() throws Exception {
        String body = encryptedSuccess();
        GATEWAY.answer(body, RequestCharset.UTF_8.charset());

        DefaultAlipayClient client = new DefaultAlipayClient(GATEWAY.url(), "2021000000000001",
                TestKeys.base64(TestKeys.APP.getPrivate()), "json", "utf-8", TestKeys.base64(TestKeys.ALIPAY.getPublic()),
                "RSA2", KEY, "AES");
        AlipayPassInstanceUpdateRequest request = new AlipayPassInstanceUpdateRequest();
        request.setBizContent(PLAIN);
        request.setNeedEncrypt(true);
        AlipayPassInstanceUpdateResponse sdk = client.execute(request);

        PassUpdateOutcome.Success ours = assertInstanceOf(PassUpdateOutcome.Success.class,
                protocol().interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body));
        assertEquals(sdk.getResult(), ours.result().raw());
        assertEquals("209919213", ours.result().serialNumber());
    }

    /** What the SDK client sent encrypted decrypts here to what it was given, and its signature covers the ciphertext. */
    @Test
    void anEncryptedRequestFromTheSdkDecryptsHere() throws Exception {
        GATEWAY.answer(encryptedSuccess(), RequestCharset.UTF_8.charset());
        DefaultAlipayClient client = new DefaultAlipayClient(GATEWAY.url(), "2021000000000001",
                TestKeys.base64(TestKeys.APP.getPrivate()), "json", "utf-8", TestKeys.base64(TestKeys.ALIPAY.getPublic()),
                "RSA2", KEY, "AES");
        AlipayPassInstanceUpdateRequest request = new AlipayPassInstanceUpdateRequest();
        request.setBizContent(PLAIN);
        request.setNeedEncrypt(true);
        client.execute(request);

        Map<String, String> sent = GATEWAY.lastParameters(RequestCharset.UTF_8.charset());
        assertEquals("AES", sent.get(ParameterName.ENCRYPT_TYPE));
        assertEquals(PLAIN, CIPHER.decrypt(sent.get(ParameterName.BIZ_CONTENT), RequestCharset.UTF_8));
    }

    /** A success whose node is encrypted, signed as the gateway signs it: over the quoted Base64 string. */
    private static String encryptedSuccess() {
        String node = "{\"code\":\"10000\",\"msg\":\"Success\",\"result\":\"{\\\"errorCode\\\":\\\"SUCCESS\\\",\\\"serialNumber\\\":\\\"209919213\\\"}\",\"success\":\"true\"}";
        String quoted = "\"" + CIPHER.encrypt(node, RequestCharset.UTF_8) + "\"";
        return new GatewaySide(TestKeys.ALIPAY.getPrivate()).signedBody(GatewayMethod.PASS_INSTANCE_UPDATE.responseNode(),
                quoted, SignType.RSA2, RequestCharset.UTF_8.charset());
    }

    private static GatewayProtocol protocol() {
        return GatewayProtocol.builder()
                .appId("2021000000000001")
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .verifier(new ResponseVerifier(TestKeys.ALIPAY.getPublic()))
                .cipher(CIPHER)
                .build();
    }
}
