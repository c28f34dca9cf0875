package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.CertificateReader;
import io.alipass.camel.gateway.GatewayConfigurationException;
import io.alipass.camel.gateway.KeyReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
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
                               [--keys-dir DIR] [--key-bits 2048] [--latency-ms N] [--latency-jitter-ms N] [--workers N]
                               [--fault NAME=SHARE]... [--fault-seed N] [--call-limit N] [--call-limit METHOD=N]...
              --port            port on 127.0.0.1 (default 8080; 0 picks a free one)
              --app-id          the app id to register
              --app-public-key  the app's public key ("应用公钥"): a file (PEM or Base64) or the Base64 text
              --app-cert        the app's public-key certificate (certificate mode), a PEM file
              --keys-dir        where the sandbox's Alipay keys are kept and reused (default ./sandbox-keys)
              --key-bits        size of a newly generated Alipay key (default 2048)
              --latency-ms      delay every answer by this many milliseconds (default 0)
              --latency-jitter-ms  add up to this many more milliseconds, at random (default 0)
              --workers         threads that check and answer requests (default: twice the CPUs, at least 4)
              --fault           inject a fault into a share of the calls, e.g. SERVICE_UNAVAILABLE=0.1; one of
                                SERVICE_UNAVAILABLE, PASS_SYSTEM_ERROR, DROP_CONNECTION, HTTP_502,
                                DROP_AFTER_PROCESSING, TRUNCATED_BODY, MISSING_SIGNATURE, WRONG_SIGNATURE
              --fault-seed      seed of the random faults, to repeat a run (default 1)
              --call-limit      N: answer 40005 isv.app-call-limited beyond N calls per second per app;
                                METHOD=N (repeatable): 40005 isv.method-call-limited beyond N calls per second
                                of that method, e.g. alipay.pass.instance.update=20 (default: no limit)""";

    /** The parsed command line. */
    record Options(int port, String appId, String appPublicKey, String appCert, Path keysDir, int keyBits,
                   int latencyMs, int jitterMs, int workers, Map<Fault, Double> faults, long faultSeed,
                   int callLimit, Map<String, Integer> methodCallLimits) {

        static Options parse(String[] args) {
            int port = 8080;
            int keyBits = 2048;
            int latency = 0;
            int jitter = 0;
            int workers = SandboxSettings.builder().build().workerThreads();
            Map<Fault, Double> faults = new EnumMap<>(Fault.class);
            long seed = 1;
            int callLimit = 0;
            Map<String, Integer> methodLimits = new java.util.LinkedHashMap<>();
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
                    case "--latency-ms" -> latency = number(name, value);
                    case "--latency-jitter-ms" -> jitter = number(name, value);
                    case "--workers" -> workers = number(name, value);
                    case "--fault" -> fault(faults, value);
                    case "--fault-seed" -> seed = number(name, value);
                    case "--call-limit" -> {
                        int eq = value.indexOf('=');
                        if (eq < 0) {
                            callLimit = number(name, value);
                        } else {
                            methodLimits.put(value.substring(0, eq), number(name, value.substring(eq + 1)));
                        }
                    }
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
            return new Options(port, appId, publicKey, cert, keysDir, keyBits, latency, jitter, workers, faults, seed,
                    callLimit, methodLimits);
        }

        private static void fault(Map<Fault, Double> faults, String value) {
            int eq = value.indexOf('=');
            try {
                faults.put(Fault.valueOf(value.substring(0, Math.max(eq, 0))), Double.parseDouble(value.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--fault must be NAME=SHARE with a fault name and a share from 0 to 1, was " + value);
            }
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
        SandboxSettings.Builder settings = SandboxSettings.builder().port(o.port()).keysDir(o.keysDir())
                .alipayKeyBits(o.keyBits()).workerThreads(o.workers()).faultSeed(o.faultSeed()).callLimit(o.callLimit());
        o.methodCallLimits().forEach(settings::methodCallLimit);
        SandboxGateway sandbox = SandboxGateway.start(settings.build());
        try {
            sandbox.faults().latency(Duration.ofMillis(o.latencyMs()), Duration.ofMillis(o.jitterMs()));
            o.faults().forEach(sandbox.faults()::share);
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
 if (sandbox.callQuota().limited()) {
            out.println("Call quota:             " + sandbox.callQuota());
        }
        out.println("Registered apps:        " + (sandbox.apps().isEmpty() ? "none" : sandbox.apps()));
        out.println("Inspect:                " + sandbox.baseUrl() + InspectionHandler.REQUESTS + "  "
                + sandbox.baseUrl() + InspectionHandler.STATE);
        out.println("Rotate Alipay cert:     POST " + sandbox.rotateCertificateUrl());
        return sandbox;
    }
}
