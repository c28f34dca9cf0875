package io.alipass.camel.runner;

import io.alipass.camel.gateway.KeyReader;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The runner's embedded default gateway: the built-in sandbox on a free 127.0.0.1 port, with an app
 * whose key pair is generated on first start and kept under {@code <data-dir>/keys} (so restarts
 * reuse it), and a demo template and passes, so that the sample files in {@code samples/} succeed.
 * Added to the CamelContext as a service, it stops after the routes.
 */
public final class DemoGateway extends ServiceSupport {
    /** The app id the demo app is registered under. */
    public static final String APP_ID = "2021000000000001";
    /** The demo template's id. */
    public static final String TEMPLATE_ID = "DEMO-TEMPLATE";
    /** The channel of the demo passes. */
    public static final String CHANNEL_ID = "2088000000000001";
    /** How many demo passes are seeded: serial numbers DEMO-0001 to DEMO-0100. */
    public static final int PASSES = 100;
    static final String APP_PRIVATE_KEY = "app_private_key.pem";
    static final String APP_PUBLIC_KEY = "app_public_key.pem";

    private final Path keysDir;
    private SandboxGateway sandbox;
    private PrivateKey appPrivateKey;

    /** @param keysDir where the app's keys and the sandbox's Alipay keys are kept */
    public DemoGateway(Path keysDir) {
        this.keysDir = keysDir.toAbsolutePath();
    }

    @Override
    protected void doStart() {
        KeyPair app = appKeyPair();
        appPrivateKey = app.getPrivate();
        sandbox = SandboxGateway.start(SandboxSettings.builder().keysDir(keysDir.resolve("sandbox")).build());
        sandbox.registerApp(APP_ID, app.getPublic());
        sandbox.state().addTemplate(TEMPLATE_ID, "{\"logo\":\"\",\"content\":{}}");
        for (int i = 1; i <= PASSES; i++) {
            sandbox.state().addPass(TEMPLATE_ID, String.format("DEMO-%04d", i), CHANNEL_ID, Map.of());
        }
    }

    @Override
    protected void doStop() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }

    /** The gateway URL, once started. */
    public String url() {
        return sandbox.url();
    }

    /** The app's private key, once started. */
    public PrivateKey appPrivateKey() {
        return appPrivateKey;
    }

    /** The sandbox's Alipay public key, which its answers verify with. */
    public PublicKey alipayPublicKey() {
        return sandbox.alipayPublicKey();
    }

    /** The folder of the generated keys. */
    public Path keysDir() {
        return keysDir;
    }

    private KeyPair appKeyPair() {
        Path priv = keysDir.resolve(APP_PRIVATE_KEY);
        Path pub = keysDir.resolve(APP_PUBLIC_KEY);
        if (Files.isRegularFile(priv) && Files.isRegularFile(pub)) {
            return new KeyPair(KeyReader.publicKey(pub.toString()), KeyReader.privateKey(priv.toString(), null));
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(keysDir);
            writeOwnerOnly(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the demo app's RSA key pair", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo app's keys under " + keysDir, e);
        }
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the folder's own permissions apply
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
