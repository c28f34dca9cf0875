package io.alipass.camel.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.gateway.GatewayMethod;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxMainTest {
    static final String APP_ID = "2021000000000012";
    static KeyPair app;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        app = RawCall.rsaKeyPair();
    }

    static String base64(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    @Test
    void printsItsUrlAndTheAlipayPublicKeyPathAndServesTheRegisteredApp() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (SandboxGateway sandbox = SandboxMain.start(new String[] {"--port", "0", "--app-id", APP_ID,
                "--app-public-key", base64(app), "--keys-dir", TestSandboxes.KEYS.toString()}, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String out = printed.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains(sandbox.url()), out);
            assertTrue(out.contains(sandbox.alipayPublicKeyPath().toAbsolutePath().toString()), out);
            assertEquals(sandbox.alipayPublicKeyBase64(), Files.readString(sandbox.alipayPublicKeyPath()).trim());
            sandbox.state().addTemplate("tpl-main", "{}");
            assertEquals("10000", RawCall.of(APP_ID, GatewayMethod.PASS_TEMPLATE_UPDATE,
                    "{\"tpl_id\":\"tpl-main\",\"tpl_content\":\"{}\"}", app.getPrivate()).send(sandbox.url()).code());
        }
    }

    @Test
    void readsTheAppPublicKeyFromAPemFile() throws Exception {
        Path pem = dir.resolve("app_public_key.pem");
        Files.writeString(pem, SandboxKeys.pem("PUBLIC KEY", app.getPublic().getEncoded()));
        try (SandboxGateway sandbox = SandboxMain.start(new String[] {"--port", "0", "--app-id", APP_ID,
                "--app-public-key", pem.toString(), "--keys-dir", TestSandboxes.KEYS.toString()}, new PrintStream(new ByteArrayOutputStream()))) {
            assertEquals(app.getPublic(), sandbox.apps().get(0).publicKey());
        }
    }

    @Test
    void reusesTheKeysAlreadyInItsKeysDirectory() {
        String first;
        try (SandboxGateway a = SandboxGateway.start(SandboxSettings.builder().keysDir(dir).build())) {
            first = a.alipayPublicKeyBase64();
        }
        try (SandboxGateway b = SandboxGateway.start(SandboxSettings.builder().keysDir(dir).build())) {
            assertEquals(first, b.alipayPublicKeyBase64());
        }
    }

    @Test
    void deletesTemporaryKeysOnClose() {
        Path keys;
        try (SandboxGateway sandbox = SandboxGateway.start()) {
            keys = sandbox.keysDir();
            assertTrue(Files.isRegularFile(sandbox.alipayPublicKeyPath()));
        }
        assertFalse(Files.exists(keys));
    }

    @Test
    void refusesAnAppIdWithoutAKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SandboxMain.start(new String[] {"--app-id", APP_ID}, new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().contains("--app-public-key"));
    }
}
