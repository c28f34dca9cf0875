package io.alipass.camel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The common configuration (an unencrypted key, public-key mode) reads its keys, signs and verifies
 * without ever loading Bouncy Castle's JCA provider, whose construction registers every algorithm
 * it has and was the largest single cost of a batch run's start-up.
 *
 * <p>Each case runs in a class loader of its own over the project's classes and Bouncy Castle's
 * jars, so no earlier test in this JVM can have loaded the provider there; the loader then says
 * whether {@code BouncyCastleProvider} (or our {@code CryptoProvider}, which builds it) was loaded.
 */
class ProviderFreeKeyPathTest {
    private static final PrivateKey KEY = TestKeys.APP.getPrivate();
    private static final PublicKey ALIPAY = TestKeys.ALIPAY.getPublic();
    private static final char[] PASSPHRASE = "correct horse battery".toCharArray();
    private static final String PROVIDER = "org.bouncycastle.jce.provider.BouncyCastleProvider";
    private static final String OUR_HOLDER = "io.alipass.camel.gateway.CryptoProvider";

    static Stream<Arguments> unencryptedPrivateKeys() throws Exception {
        byte[] pkcs1 = PrivateKeyInfo.getInstance(KEY.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        return Stream.of(
                Arguments.of("bare Base64 PKCS#8", Base64.getEncoder().encodeToString(KEY.getEncoded())),
                Arguments.of("bare Base64 PKCS#1", Base64.getEncoder().encodeToString(pkcs1)),
                Arguments.of("PEM PKCS#1", pem(KEY)),
                Arguments.of("PEM PKCS#8", pem(new JcaPKCS8Generator(KEY, null).generate())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unencryptedPrivateKeys")
    void anUnencryptedPrivateKeyIsReadAndSignsWithoutTheBouncyCastleProvider(String form, String text) throws Exception {
        try (Isolated loader = new Isolated()) {
            PrivateKey key = loader.privateKey(text, null);
            String signature = loader.sign(key, "RSA2", "content".getBytes(StandardCharsets.UTF_8));

            assertEquals(RequestSignerTest.jdkSignature(SignType.RSA2, KEY, "content".getBytes(StandardCharsets.UTF_8)), signature);
            assertFalse(loader.loaded(PROVIDER), "BouncyCastleProvider was loaded");
            assertFalse(loader.loaded(OUR_HOLDER), "CryptoProvider was loaded");
        }
    }

    static Stream<Arguments> publicKeys() {
        return Stream.of(
                Arguments.of("bare Base64 X.509, as the console shows it", Base64.getEncoder().encodeToString(ALIPAY.getEncoded())),
                Arguments.of("PEM public key", pem(ALIPAY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publicKeys")
    void theAlipayPublicKeyIsReadAndVerifiesWithoutTheBouncyCastleProvider(String form, String text) throws Exception {
        String answer = "{\"code\":\"10000\",\"msg\":\"Success\"}";
        String sign = RequestSignerTest.jdkSignature(SignType.RSA2, TestKeys.ALIPAY.getPrivate(), answer.getBytes(StandardCharsets.UTF_8));
        try (Isolated loader = new Isolated()) {
            PublicKey key = loader.publicKey(text);

            assertTrue(loader.verifies(key, answer, sign));
            assertFalse(loader.verifies(key, answer + " ", sign));
            assertFalse(loader.loaded(PROVIDER), "BouncyCastleProvider was loaded");
            assertFalse(loader.loaded(OUR_HOLDER), "CryptoProvider was loaded");
        }
    }

    /** The probe can see the provider: an encrypted key, which needs it, does load it. */
    @Test
    void anEncryptedPrivateKeyStillLoadsTheBouncyCastleProvider() throws Exception {
        String encrypted = pem(new JcaPKCS8Generator(KEY, new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(CryptoProvider.bouncyCastle()).setPassword(PASSPHRASE).build()).generate());
        try (Isolated loader = new Isolated()) {
            loader.privateKey(encrypted, PASSPHRASE);

            assertTrue(loader.loaded(PROVIDER), "BouncyCastleProvider was not loaded");
        }
    }

    private static String pem(Object o) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    /** The project's classes and Bouncy Castle's jars in a loader of their own, under the JDK's platform loader. */
    private static final class Isolated extends URLClassLoader {
        Isolated() throws Exception {
            super(urls(), ClassLoader.getPlatformClassLoader());
        }

        private static URL[] urls() throws Exception {
            List<URL> urls = new ArrayList<>();
            urls.add(KeyReader.class.getProtectionDomain().getCodeSource().getLocation());
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                String name = Path.of(entry).getFileName().toString();
                if (name.startsWith("bcprov-") || name.startsWith("bcpkix-") || name.startsWith("bcutil-")) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            assertEquals(4, urls.size(), () -> "the project's classes and three Bouncy Castle jars: " + urls);
            return urls.toArray(URL[]::new);
        }

        boolean loaded(String className) {
            return findLoadedClass(className) != null;
        }

        PrivateKey privateKey(String text, char[] password) throws Exception {
            Method read = gateway("KeyReader").getMethod("privateKey", byte[].class, char[].class, String.class);
            return (PrivateKey) read.invoke(null, text.getBytes(StandardCharsets.US_ASCII), password, "test");
        }

        PublicKey publicKey(String text) throws Exception {
            Method read = gateway("KeyReader").getMethod("publicKey", byte[].class, String.class);
            return (PublicKey) read.invoke(null, text.getBytes(StandardCharsets.US_ASCII), "test");
        }

        String sign(PrivateKey key, String signType, byte[] content) throws Exception {
            Class<?> signer = gateway("RequestSigner");
            Object instance = signer.getConstructor(PrivateKey.class, gateway("SignType")).newInstance(key, constant("SignType", signType));
            return (String) signer.getMethod("sign", byte[].class).invoke(instance, content);
        }

        boolean verifies(PublicKey key, String text, String sign) throws Exception {
            Class<?> verifier = gateway("ResponseVerifier");
            Object instance = verifier.getConstructor(PublicKey.class).newInstance(key);
            return (Boolean) verifier.getMethod("verify", String.class, String.class, gateway("SignType"), gateway("RequestCharset"))
                    .invoke(instance, text, sign, constant("SignType", "RSA2"), constant("RequestCharset", "UTF_8"));
        }

        private Class<?> gateway(String simpleName) throws ClassNotFoundException {
            return loadClass("io.alipass.camel.gateway." + simpleName);
        }

        private Object constant(String enumName, String constant) throws ClassNotFoundException {
            return Arrays.stream(gateway(enumName).getEnumConstants()).filter(c -> ((Enum<?>) c).name().equals(constant))
                    .findFirst().orElseThrow();
        }
    }
}
