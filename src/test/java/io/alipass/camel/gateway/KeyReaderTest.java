package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.stream.Stream;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Key loading in every form merchants have, and one clear error, naming the source and never the key, when it fails. */
class KeyReaderTest {
    private static final PrivateKey KEY = TestKeys.APP.getPrivate();
    private static final char[] PASSPHRASE = "correct horse battery".toCharArray();
    private static final String BARE = TestKeys.base64(KEY);
    private static final String PKCS1 = pem(KEY);
    private static final String PKCS8 = plainPkcs8();
    private static final String ENCRYPTED_PKCS8 = encryptedPkcs8();
    private static final String ENCRYPTED_PKCS1 = encryptedPkcs1();
    private static final byte[] PKCS12 = pkcs12();

    static Stream<Arguments> privateKeyForms() {
        return Stream.of(
                Arguments.of("bare Base64 PKCS#8, as Alipay's key tool prints it", BARE.getBytes(StandardCharsets.US_ASCII), null),
                Arguments.of("bare Base64 PKCS#8 wrapped at 64 columns with CRLF",
                        Base64.getMimeEncoder().encodeToString(KEY.getEncoded()).getBytes(StandardCharsets.US_ASCII), null),
                Arguments.of("bare Base64 PKCS#1, as OpenSSL and the key tool's PKCS1 setting print it",
                        Base64.getEncoder().encodeToString(pkcs1Der()).getBytes(StandardCharsets.US_ASCII), null),
                Arguments.of("PEM PKCS#1", PKCS1.getBytes(StandardCharsets.US_ASCII), null),
                Arguments.of("PEM PKCS#8", PKCS8.getBytes(StandardCharsets.US_ASCII), null),
                Arguments.of("PEM PKCS#8 after a UTF-8 BOM", withBom(PKCS8), null),
                Arguments.of("PEM PKCS#8 after a certificate block", (TestKeys.pem(TestKeys.APP_CERT) + PKCS8).getBytes(StandardCharsets.US_ASCII), null),
                Arguments.of("encrypted PEM PKCS#8 with a passphrase", ENCRYPTED_PKCS8.getBytes(StandardCharsets.US_ASCII), PASSPHRASE),
                Arguments.of("OpenSSL-encrypted PEM PKCS#1", ENCRYPTED_PKCS1.getBytes(StandardCharsets.US_ASCII), PASSPHRASE),
                Arguments.of("PKCS#12 keystore", PKCS12, PASSPHRASE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("privateKeyForms")
    void readsThePrivateKeyFrom(String form, byte[] content, char[] password) {
        assertSameKey(KEY, KeyReader.privateKey(content, password, "test source"));
    }

    @Test
    void readsAPrivateKeyFileByPath(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("app_private_key.pem"), PKCS8);

        assertSameKey(KEY, KeyReader.privateKey(file.toString(), null));
    }

    @Test
    void readsInlinePrivateKeyText() {
        assertSameKey(KEY, KeyReader.privateKey(BARE, null));
    }

    static Stream<Arguments> publicKeyForms() {
        PublicKey alipay = TestKeys.ALIPAY.getPublic();
        return Stream.of(
                Arguments.of("bare Base64 X.509, as the console shows it", TestKeys.base64(alipay)),
                Arguments.of("PEM public key", pem(alipay)),
                Arguments.of("a certificate", TestKeys.pem(TestKeys.ALIPAY_CERT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publicKeyForms")
    void readsThePublicKeyFrom(String form, String text) {
        assertEquals(TestKeys.ALIPAY.getPublic(), KeyReader.publicKey(text.getBytes(StandardCharsets.US_ASCII), "test source"));
    }

    static Stream<Arguments> unreadablePrivateKeys() {
        return Stream.of(
                Arguments.of("a truncated Base64 key", BARE.substring(0, BARE.length() / 2), null, BARE),
                Arguments.of("a Base64 key with a character changed", BARE.substring(0, 40) + "!" + BARE.substring(41), null, BARE),
                Arguments.of("PEM with its body cut", PKCS8.substring(0, PKCS8.length() / 2) + "\n-----END PRIVATE KEY-----\n", null, PKCS8),
                Arguments.of("an encrypted PEM without its passphrase", ENCRYPTED_PKCS8, null, ENCRYPTED_PKCS8),
                Arguments.of("an encrypted PEM with a wrong passphrase", ENCRYPTED_PKCS8, "wrong".toCharArray(), ENCRYPTED_PKCS8),
                Arguments.of("an OpenSSL-encrypted PKCS#1 with a wrong passphrase", ENCRYPTED_PKCS1, "wrong".toCharArray(), ENCRYPTED_PKCS1),
                Arguments.of("a public key where the private key belongs", pem(TestKeys.APP.getPublic()), null, pem(TestKeys.APP.getPublic())),
                Arguments.of("the Alipay public key in bare Base64", TestKeys.base64(TestKeys.ALIPAY.getPublic()), null,
                        TestKeys.base64(TestKeys.ALIPAY.getPublic())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadablePrivateKeys")
    void anUnreadablePrivateKeyIsOneErrorNamingTheSourceNotTheKey(String name, String text, char[] password, String secret) {
        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class,
                () -> KeyReader.privateKey(text.getBytes(StandardCharsets.US_ASCII), password, "alipass.private-key"));

        assertTrue(e.getMessage().contains("alipass.private-key"), e.getMessage());
        assertKeyTextNotIn(secret, e);
    }

    @Test
    void aPkcs12KeystoreWithAWrongPasswordIsOneErrorNamingTheSource() {
        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class,
                () -> KeyReader.privateKey(PKCS12, "wrong".toCharArray(), "file /etc/alipass/app.p12"));

        assertTrue(e.getMessage().contains("file /etc/alipass/app.p12"), e.getMessage());
    }

    @Test
    void aMissingKeyFileIsNamed() {
        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class,
                () -> KeyReader.privateKey("/nonexistent/alipass/app_private_key.pem", null));

        assertTrue(e.getMessage().contains("/nonexistent/alipass/app_private_key.pem"), e.getMessage());
    }

    @Test
    void aBrokenInlineKeyIsCalledInlineTextAndNotEchoed() {
        String broken = BARE.substring(0, 300) + "#" + BARE.substring(300);
        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class, () -> KeyReader.privateKey(broken, null));

        assertTrue(e.getMessage().contains("inline private key text"), e.getMessage());
        assertKeyTextNotIn(BARE, e);
    }

    @Test
    void anUnreadablePublicKeyIsOneErrorNamingTheSourceNotTheKey() {
        String text = TestKeys.base64(TestKeys.ALIPAY.getPublic());
        String broken = text.substring(0, text.length() - 20);
        GatewayConfigurationException e = assertThrows(GatewayConfigurationException.class,
                () -> KeyReader.publicKey(broken.getBytes(StandardCharsets.US_ASCII), "alipass.alipay-public-key"));

        assertTrue(e.getMessage().contains("alipass.alipay-public-key"), e.getMessage());
        assertKeyTextNotIn(text, e);
    }

    /** No run of 24 characters of the key's text may appear anywhere in the error chain. */
    private static void assertKeyTextNotIn(String keyText, Throwable e) {
        String body = keyText.replaceAll("-----[A-Z ]+-----", "").replaceAll("(?m)^[A-Za-z-]+:.*$", "").replaceAll("\\s", "");
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).replaceAll("\\s", "");
            for (int i = 0; i + 24 <= body.length(); i += 8) {
                assertFalse(message.contains(body.substring(i, i + 24)), "the error shows key text: " + t.getMessage());
            }
        }
    }

    private static void assertSameKey(PrivateKey expected, PrivateKey actual) {
        RSAPrivateKey e = (RSAPrivateKey) expected;
        RSAPrivateKey a = (RSAPrivateKey) actual;
        assertEquals(e.getModulus(), a.getModulus());
        assertEquals(e.getPrivateExponent(), a.getPrivateExponent());
    }

    private static byte[] withBom(String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[t.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(t, 0, out, 3, t.length);
        return out;
    }

    private static String pem(Object o) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(o instanceof PKCS8Generator g ? g.generate() : o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    private static byte[] pkcs1Der() {
        try {
            return org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(KEY.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plainPkcs8() {
        try {
            return pem(new JcaPKCS8Generator(KEY, null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encryptedPkcs8() {
        try {
            return pem(new JcaPKCS8Generator(KEY, new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(CryptoProvider.bouncyCastle()).setPassword(PASSPHRASE).build()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encryptedPkcs1() {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(KEY, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(CryptoProvider.bouncyCastle()).build(PASSPHRASE));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    private static byte[] pkcs12() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("app", KEY, PASSPHRASE, new Certificate[] {TestKeys.APP_CERT});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, PASSPHRASE);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
