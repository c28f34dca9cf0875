package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.CertificateReader;
import io.alipass.camel.gateway.GatewayConfigurationException;
import io.alipass.camel.gateway.KeyReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox gateway from the command line, so that any Alipay client can be pointed at it:
 *
 * <pre>
 * java -cp alipass-camel.jar:... io.alipass.camel.sandbox.SandboxMain \
 *     --port 8080 --app-id 2021000000000001 --app-public-key app_public_key.pem --keys-dir sandbox-keys
 * </pre>
 *
 * It prints the gateway URL and the path of its Alipay public key, and serves until stopped.
 */
public final class SandboxMain {
    static final String USAGE = """
            usage: SandboxMain [--port N] [--app-id ID (--app-public-key PATH|BASE64 | --app-cert PATH)]
                               [--keys-dir DIR] [--key-bits 2048]
              --port            port on 127.0.0.1 (default 8080; 0 picks a free one)
              --app-id          the app id to register
              --app-public-key  the app's public key ("应用公钥"): a file (PEM or Base64) or the Base64 text
              --app-cert        the app's public-key certificate (certificate mode), a PEM file
              --keys-dir        where the sandbox's Alipay keys are kept and reused (default ./sandbox-keys)
              --key-bits        size of a newly generated Alipay key (default 2048)""";

    /** The parsed command line. */
    record Options(int port, String appId, String appPublicKey, String appCert, Path keysDir, int keyBits) {

        static Options parse(String[] args) {
            int port = 8080;
            int keyBits = 2048;
            String appId = null;
            String publicKey = null;
            String cert = null;
            Path keysDir = Path.of("sandbox-keys");
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help") || name.equals("-h")) {
                    throw new IllegalArgumentException("");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--port" -> port = number(name, value);
                    case "--app-id" -> appId = value;
                    case "--app-public-key" -> publicKey = value;
                    case "--app-cert" -> cert = value;
                    case "--keys-dir" -> keysDir = Path.of(value);
                    case "--key-bits" -> keyBits = number(name, value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if ((publicKey != null || cert != null) && appId == null) {
                throw new IllegalArgumentException("--app-public-key and --app-cert need --app-id");
            }
            if (publicKey != null && cert != null) {
                throw new IllegalArgumentException("give --app-public-key or --app-cert, not both");
            }
            if (appId != null && publicKey == null && cert == null) {
                throw new IllegalArgumentException("--app-id needs --app-public-key or --app-cert");
            }
            return new Options(port, appId, publicKey, cert, keysDir, keyBits);
        }

        private static int number(String name, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, was " + value);
            }
        }
    }

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SandboxGateway sandbox;
        try {
            sandbox = start(args, System.out);
        } catch (IllegalArgumentException | GatewayConfigurationException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "alipass-sandbox-shutdown"));
        stopped.await();
    }

    /**
     * Starts a sandbox from command-line arguments and prints where it is; the caller closes it.
     *
     * @throws IllegalArgumentException for a bad command line
     * @throws GatewayConfigurationException for an unreadable key or certificate
     */
    public static SandboxGateway start(String[] args, PrintStream out) {
        Options o = Options.parse(args);
        SandboxGateway sandbox = SandboxGateway.start(SandboxSettings.builder().port(o.port()).keysDir(o.keysDir())
                .alipayKeyBits(o.keyBits()).build());
        try {
            if (o.appPublicKey() != null) {
                sandbox.registerApp(o.appId(), KeyReader.publicKey(o.appPublicKey()));
            } else if (o.appCert() != null) {
                sandbox.registerAppCertificate(o.appId(), CertificateReader.certificates(o.appCert()).get(0));
            }
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        out.println("Alipay sandbox gateway: " + sandbox.url());
        out.println("Alipay public key:      " + sandbox.alipayPublicKeyPath().toAbsolutePath());
        out.println("Alipay certificate:     " + sandbox.keysDir().resolve(SandboxKeys.ALIPAY_CERT).toAbsolutePath());
        out.println("Alipay root cert:       " + sandbox.keysDir().resolve(SandboxKeys.ROOT_CERT).toAbsolutePath());
        out.println("Registered apps:        " + (sandbox.apps().isEmpty() ? "none" : sandbox.apps()));
        out.println("Inspect:                " + sandbox.baseUrl() + InspectionHandler.REQUESTS + "  "
                + sandbox.baseUrl() + InspectionHandler.STATE);
        return sandbox;
    }
}
