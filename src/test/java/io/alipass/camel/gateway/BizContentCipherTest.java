package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AES content encryption: the request's biz_content is encrypted before signing; the response is verified, then decrypted. */
class BizContentCipherTest {
    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final BizContentCipher CIPHER = new BizContentCipher(KEY);
    private static final GatewaySide ALIPAY = new GatewaySide(TestKeys.ALIPAY.getPrivate());
    private static final String NODE = GatewayMethod.PASS_INSTANCE_UPDATE.responseNode();
    private static final String SUCCESS = "{\"code\":\"10000\",\"msg\":\"Success\",\"result\":\"{\\\"errorCode\\\":\\\"SUCCESS\\\"}\",\"success\":\"true\"}";

    @Test
    void theCiphertextIsTheKnownAnswerOfAesCbcWithAZeroIv() {
        // printf '{"a":"b"}' | openssl enc -aes-128-cbc -K 30313233343536373839616263646566 -iv 00000000000000000000000000000000 | base64
        assertEquals("6+zAUGssjhWjYq63NiVRKA==", CIPHER.encrypt("{\"a\":\"b\"}", RequestCharset.UTF_8));
    }

    @Test
    void anEncryptedRequestSignsTheCiphertextAndSaysAes() {
        Map<String, String> signed = protocol(CIPHER).signedParameters(GatewayMethod.PASS_INSTANCE_UPDATE, "{\"serial_number\":\"券\"}", null);

        assertEquals("AES", signed.get(ParameterName.ENCRYPT_TYPE));
        assertEquals("{\"serial_number\":\"券\"}", CIPHER.decrypt(signed.get(ParameterName.BIZ_CONTENT), RequestCharset.UTF_8));
        assertEquals(true, SignContent.of(signed).text().contains("biz_content=" + signed.get(ParameterName.BIZ_CONTENT) + "&"));
    }

    @Test
    void anEncryptedResponseSignedWithItsQuotesIsVerifiedAndDecrypted() {
        String body = ALIPAY.signedBody(NODE, quoted(SUCCESS), SignType.RSA2, StandardCharsets.UTF_8);

        assertInstanceOf(PassUpdateOutcome.Success.class, protocol(CIPHER).interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body));
    }

    @Test
    void anEncryptedResponseSignedWithoutItsQuotesIsRefused() {
        String ciphertext = CIPHER.encrypt(SUCCESS, RequestCharset.UTF_8);
        String body = "{\"" + NODE + "\":\"" + ciphertext + "\",\"sign\":\""
                + ALIPAY.sign(ciphertext, SignType.RSA2, StandardCharsets.UTF_8) + "\"}";

        assertEquals(InvalidResponseException.Reason.SIGNATURE_MISMATCH, assertInstanceOf(PassUpdateOutcome.InvalidResponse.class,
                protocol(CIPHER).interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body)).reason());
    }

    @Test
    void anEncryptedResponseUnderAnotherKeyDoesNotDecrypt() {
        BizContentCipher other = new BizContentCipher(Base64.getEncoder().encodeToString(new byte[32]));
        String body = ALIPAY.signedBody(NODE, "\"" + other.encrypt(SUCCESS, RequestCharset.UTF_8) + "\"", SignType.RSA2, StandardCharsets.UTF_8);

        assertEquals(InvalidResponseException.Reason.UNDECRYPTABLE, assertInstanceOf(PassUpdateOutcome.InvalidResponse.class,
                protocol(CIPHER).interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body)).reason());
    }

    @Test
    void anUnsignedEncryptedSuccessIsRefused() {
        String body = "{\"" + NODE + "\":" + quoted(SUCCESS) + "}";

        assertEquals(InvalidResponseException.Reason.SIGNATURE_MISSING, assertInstanceOf(PassUpdateOutcome.InvalidResponse.class,
                protocol(CIPHER).interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body)).reason());
    }

    @Test
    void aKeyOfTheWrongLengthIsAConfigurationErrorThatDoesNotShowIt() {
        String key = Base64.getEncoder().encodeToString("short-key-15byt".getBytes(StandardCharsets.US_ASCII));
        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class, () -> new BizContentCipher(key));

        assertEquals(false, e.getMessage().contains(key));
    }

    private static String quoted(String plain) {
        return "\"" + CIPHER.encrypt(plain, RequestCharset.UTF_8) + "\"";
    }

    private static GatewayProtocol protocol(BizContentCipher cipher) {
        return GatewayProtocol.builder()
                .appId("2021000000000001")
                .signer(new RequestSigner(TestKeys.APP.getPrivate(), SignType.RSA2))
                .verifier(new ResponseVerifier(TestKeys.ALIPAY.getPublic()))
                .cipher(cipher)
                .build();
    }
}
