package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The verifier (Bouncy Castle's lightweight API) accepts what the JDK's provider signed with the Alipay
 * key and answers false, never throws, for anything else.
 */
class ResponseVerifierTest {
    private static final PublicKey ALIPAY = TestKeys.ALIPAY.getPublic();
    private static final String ANSWER = "{\"code\":\"10000\",\"msg\":\"Success\",\"result\":\"{\\\"serialNumber\\\":\\\"券-7\\\"}\"}";
    private static final ResponseVerifier VERIFIER = new ResponseVerifier(ALIPAY);

    @ParameterizedTest(name = "{0}")
    @EnumSource(SignType.class)
    void anAnswerSignedByTheJdksProviderWithTheAlipayKeyVerifies(SignType type) throws Exception {
        assertTrue(VERIFIER.verify(ANSWER, alipaySignature(type, ANSWER), type, RequestCharset.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SignType.class)
    void aTamperedAnswerDoesNotVerify(SignType type) throws Exception {
        String sign = alipaySignature(type, ANSWER);

        assertFalse(VERIFIER.verify(ANSWER.replace("10000", "10001"), sign, type, RequestCharset.UTF_8));
    }

    @Test
    void aSignatureOfTheOtherSignTypeDoesNotVerify() throws Exception {
        assertFalse(VERIFIER.verify(ANSWER, alipaySignature(SignType.RSA, ANSWER), SignType.RSA2, RequestCharset.UTF_8));
    }

    @Test
    void aSignatureByAnotherKeyDoesNotVerify() throws Exception {
        String forged = RequestSignerTest.jdkSignature(SignType.RSA2, TestKeys.APP.getPrivate(), ANSWER.getBytes(StandardCharsets.UTF_8));

        assertFalse(VERIFIER.verify(ANSWER, forged, SignType.RSA2, RequestCharset.UTF_8));
    }

    @Test
    void aMalformedSignatureDoesNotVerifyAndDoesNotThrow() {
        assertFalse(VERIFIER.verify(ANSWER, "%%% not base64 %%%", SignType.RSA2, RequestCharset.UTF_8));
        assertFalse(VERIFIER.verify(ANSWER, "", SignType.RSA2, RequestCharset.UTF_8));
        assertFalse(VERIFIER.verify(ANSWER, "AAAA", SignType.RSA2, RequestCharset.UTF_8));
    }

    @Test
    void aSignatureCutShortOrTooLongDoesNotVerifyAndDoesNotThrow() throws Exception {
        byte[] sign = Base64.getDecoder().decode(alipaySignature(SignType.RSA2, ANSWER));
        byte[] longer = java.util.Arrays.copyOf(sign, sign.length + 1);
        longer[sign.length] = 1;

        assertFalse(VERIFIER.verify(ANSWER, Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(sign, sign.length - 1)),
                SignType.RSA2, RequestCharset.UTF_8));
        assertFalse(VERIFIER.verify(ANSWER, Base64.getEncoder().encodeToString(longer), SignType.RSA2, RequestCharset.UTF_8));
    }

    @Test
    void aGoodAnswerStillVerifiesOnAThreadWhoseLastCheckFailed() throws Exception {
        String sign = alipaySignature(SignType.RSA2, ANSWER);
        assertFalse(VERIFIER.verify(ANSWER, "AAAA", SignType.RSA2, RequestCharset.UTF_8));
        assertFalse(VERIFIER.verify(ANSWER + " ", sign, SignType.RSA2, RequestCharset.UTF_8));

        assertTrue(VERIFIER.verify(ANSWER, sign, SignType.RSA2, RequestCharset.UTF_8));
    }

    @Test
    void aNonRsaAlipayKeyIsRefusedAtConstruction() throws Exception {
        java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        PublicKey key = ec.generateKeyPair().getPublic();

        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class, () -> new ResponseVerifier(key));
        assertTrue(e.getMessage().contains("must be an RSA key"), e.getMessage());
    }

    private static String alipaySignature(SignType type, String text) throws Exception {
        return RequestSignerTest.jdkSignature(type, TestKeys.ALIPAY.getPrivate(), text.getBytes(StandardCharsets.UTF_8));
    }
}
