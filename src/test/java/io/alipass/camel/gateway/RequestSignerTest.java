package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The default signer (Bouncy Castle's lightweight API) gives the very bytes of a JCA signature by the
 * JDK's own provider: RSASSA-PKCS1-v1_5 is deterministic, so any difference would be a bug.
 */
class RequestSignerTest {
    private static final PrivateKey KEY = TestKeys.APP.getPrivate();
    private static final byte[] CONTENT = ("app_id=2021000000000001&biz_content={\"serialNumber\":\"券-7\"}&charset=utf-8"
            + "&method=alipay.pass.instance.update&sign_type=RSA2&timestamp=2026-11-29 12:00:00&version=1.0")
            .getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0}")
    @EnumSource(SignType.class)
    void theDefaultSignerSignsTheBytesTheJdksProviderSigns(SignType type) throws Exception {
        assertEquals(jdkSignature(type, KEY, CONTENT), new RequestSigner(KEY, type).sign(CONTENT));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SignType.class)
    void aKeyWithoutItsCrtNumbersSignsTheSameBytesAsTheJdksProvider(SignType type) throws Exception {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) KEY;
        PrivateKey bare = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(crt.getModulus(), crt.getPrivateExponent()));

        assertEquals(jdkSignature(type, KEY, CONTENT), new RequestSigner(bare, type).sign(CONTENT));
    }

    @Test
    void aSignerUsedFromManyThreadsAtOnceGivesEveryThreadTheSameSignature() throws Exception {
        RequestSigner signer = new RequestSigner(KEY, SignType.RSA2);
        String expected = jdkSignature(SignType.RSA2, KEY, CONTENT);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> signatures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                signatures.add(pool.submit(() -> signer.sign(CONTENT)));
            }
            for (Future<String> signature : signatures) {
                assertEquals(expected, signature.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSignerGivenTheJdksProviderSignsThroughJcaWithIt() throws Exception {
        java.security.Provider jdk = Signature.getInstance("SHA256withRSA").getProvider();
        RequestSigner signer = new RequestSigner(KEY, SignType.RSA2, jdk);

        assertEquals(jdkSignature(SignType.RSA2, KEY, CONTENT), signer.sign(CONTENT));
        assertTrue(signer.toString().contains(jdk.getName()), signer.toString());
    }

    @Test
    void theDefaultSignerSaysItIsBouncyCastleAndNeverShowsTheKey() {
        String text = new RequestSigner(KEY, SignType.RSA2).toString();

        assertTrue(text.contains("Bouncy Castle"), text);
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) KEY;
        for (String secret : List.of(k.getPrivateExponent().toString(), k.getPrivateExponent().toString(16),
                k.getModulus().toString(16), TestKeys.base64(KEY))) {
            assertFalse(text.contains(secret.substring(0, 16)), text);
        }
    }

    @Test
    void aKeyThatHidesItsNumbersIsRefusedAtConstructionNamingTheProviderConstructor() {
        PrivateKey opaque = new PrivateKey() {
            @Override
            public String getAlgorithm() {
                return "RSA";
            }

            @Override
            public String getFormat() {
                return null;
            }

            @Override
            public byte[] getEncoded() {
                return null;
            }
        };

        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class, () -> new RequestSigner(opaque, SignType.RSA2));
        assertTrue(e.getMessage().contains("RequestSigner(key, signType, thatProvider)"), e.getMessage());
    }

    @Test
    void aCrtKeyWhosePrimesDoNotMultiplyToItsModulusIsRefusedAtConstruction() throws Exception {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) KEY;
        RSAPrivateCrtKey other = (RSAPrivateCrtKey) TestKeys.ALIPAY.getPrivate();
        PrivateKey mixed = KeyFactory.getInstance("RSA").generatePrivate(new java.security.spec.RSAPrivateCrtKeySpec(k.getModulus(),
                k.getPublicExponent(), k.getPrivateExponent(), other.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(),
                k.getPrimeExponentQ(), k.getCrtCoefficient()));

        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class, () -> new RequestSigner(mixed, SignType.RSA2));
        assertTrue(e.getMessage().contains("primes do not multiply to its modulus"), e.getMessage());
        assertFalse(e.getMessage().contains(k.getModulus().toString().substring(0, 16)), e.getMessage());
    }

    @Test
    void aKeyShorterThan1024BitsIsRefusedAtConstruction() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(512);
        PrivateKey small = g.generateKeyPair().getPrivate();

        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class, () -> new RequestSigner(small, SignType.RSA2));
        assertTrue(e.getMessage().contains("512 bits"), e.getMessage());
    }

    /** The reference: java.security.Signature from the JDK's default provider (SunRsaSign). */
    static String jdkSignature(SignType type, PrivateKey key, byte[] content) throws GeneralSecurityException {
        Signature jdk = Signature.getInstance(type.jcaAlgorithm());
        jdk.initSign(key);
        jdk.update(content);
        return Base64.getEncoder().encodeToString(jdk.sign());
    }
}
