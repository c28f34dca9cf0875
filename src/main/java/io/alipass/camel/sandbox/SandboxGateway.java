package io.alipass.camel.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * An offline Alipay Open Platform gateway on 127.0.0.1 for the four pass APIs: it checks common
 * parameters and request signatures as the real gateway does, keeps templates and passes, answers
 * in the gateway's signed shape, injects faults on demand, and records what it received.
 *
 * <pre>{@code
 * try (SandboxGateway sandbox = SandboxGateway.start(SandboxSettings.builder().build())) {
 *     sandbox.registerApp("2021000000000001", appPublicKey);
 *     // point a client at sandbox.url() with sandbox.alipayPublicKeyBase64()
 * }
 * }</pre>
 */
public final class SandboxGateway implements AutoCloseable {
    /** The path of the gateway, as on {@code https://openapi.alipay.com/gateway.do}. */
    public static final String GATEWAY_PATH = "/gateway.do";
    private static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final String MAX_IDLE = "sun.net.httpserver.maxIdleConnections";

    static {
        // The JDK server writes headers and body separately and leaves Nagle's algorithm on, so each
        // answer waits for the client's delayed ACK (about 40 ms): 25 answers per second per
        // connection. The server reads this property once, when its first instance is created.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        // It also closes every idle connection beyond 200 at once, so a client with more connections
        // than that in its pool keeps finding them closed (NoHttpResponseException) and resends.
        if (System.getProperty(MAX_IDLE) == null) {
            System.setProperty(MAX_IDLE, "4096");
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final SandboxKeys keys;
    private final boolean temporaryKeys;
    private final AppRegistry apps = new AppRegistry();
    private final SandboxState state;
    private final FaultPlan faults;
    private final RequestLog log;
    private final AnswerWriter writer;
    private final CertificateApi certificates;
    private final CallQuota quota;

    private SandboxGateway(SandboxSettings settings) throws IOException {
        this.temporaryKeys = settings.keysDir() == null;
        Path dir = temporaryKeys ? Files.createTempDirectory("alipass-sandbox-keys") : settings.keysDir();
        this.keys = SandboxKeys.loadOrCreate(dir, settings.alipayKeyBits());
        this.state = new SandboxState(settings.forbiddenWords());
        this.faults = new FaultPlan(settings.faultSeed());
        this.log = new RequestLog(settings.recordedRequests());
        this.quota = new CallQuota(settings.callLimit(), settings.methodCallLimits(), System::nanoTime);
        CommonParameterCheck check = new CommonParameterCheck(apps, settings.clock(), settings.timestampTolerance(), keys.rootCertSn());
        this.writer = new AnswerWriter(keys.alipayPrivateKey(), keys.alipayCertSn());
        this.certificates = new CertificateApi(keys);
        this.workers = settings.workerThreads() == 0 ? null
                : Executors.newFixedThreadPool(settings.workerThreads(), daemon("alipass-sandbox-worker"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("alipass-sandbox-latency"));
        // The JDK server writes an answer's headers and body as two segments; without TCP_NODELAY the
        // body waits for the client's delayed ACK, about 40 ms a call on Linux (measured: 16 calls
        // in flight with 100 ms latency reached 0.60 of C / latency, 0.80 with it). The JDK reads
        // this property once, when its first server starts; a value set by the user is kept.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 1024);
        server.createContext(GATEWAY_PATH, new GatewayHandler(new CallProcessor(check, state, certificates), writer, faults, quota, log,
                scheduler, settings.clock()));
        server.createContext("/sandbox/", new InspectionHandler(log, state, quota));
        server.createContext(RotationHandler.PATH, new RotationHandler(this));
        server.setExecutor(workers); // null: the server's dispatcher thread answers (no hand-off)
        server.start();
    }

    /** Starts a sandbox; it serves until {@link #close()}. */
    public static SandboxGateway start(SandboxSettings settings) {
        try {
            return new SandboxGateway(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox gateway on 127.0.0.1:" + settings.port(), e);
        }
    }

    /** Starts a sandbox with the default settings: a free port, fresh temporary keys. */
    public static SandboxGateway start() {
        return start(SandboxSettings.builder().build());
    }

    /** The gateway URL to give a client, e.g. {@code http://127.0.0.1:41234/gateway.do}. */
    public String url() {
        return baseUrl() + GATEWAY_PATH;
    }

    /** The server's root, e.g. {@code http://127.0.0.1:41234}; inspection is under {@code /sandbox/}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Registers (or replaces) an app in public-key mode: its requests must verify with this key. */
    public SandboxGateway registerApp(String appId, PublicKey appPublicKey) {
        apps.register(appId, appPublicKey);
        return this;
    }

    /** Registers (or replaces) an app in certificate mode: {@code app_cert_sn} must name this certificate. */
    public SandboxGateway registerAppCertificate(String appId, X509Certificate appCertificate) {
        apps.registerCertificate(appId, appCertificate);
        return this;
    }

    /** Issues an app certificate signed by the sandbox root for the key, and registers the app with it. */
    public X509Certificate issueAppCertificate(String appId, PublicKey appPublicKey) {
        X509Certificate cert = keys.issueAppCertificate(appId, appPublicKey);
        registerAppCertificate(appId, cert);
        return cert;
    }

    /** Gives a registered app an AES content key, so it may send {@code encrypt_type=AES}. */
    public SandboxGateway registerAppAesKey(String appId, String base64AesKey) {
        apps.registerAesKey(appId, base64AesKey);
        return this;
    }

    /** The registered apps. */
    public List<RegisteredApp> apps() {
        return apps.all();
    }

    /** The key clients verify answers with ("支付宝公钥"). */
    public PublicKey alipayPublicKey() {
        return keys.alipayPublicKey();
    }

    /** The Alipay public key as bare Base64, the form the Alipay console shows and the official SDK takes. */
    public String alipayPublicKeyBase64() {
        return keys.alipayPublicKeyBase64();
    }

    /** The file holding the Alipay public key as bare Base64. */
    public Path alipayPublicKeyPath() {
        return keys.dir().resolve(SandboxKeys.PUBLIC_KEY_BASE64);
    }

    /** Where the sandbox's keys and certificates are. */
    public Path keysDir() {
        return keys.dir();
    }

    /**
     * Switches certificate-mode answers to a new Alipay certificate issued by the same root, as
     * Alipay rotates its certificate; the new one is served by {@code alipay.open.app.alipaycert.download}.
     * Also {@code POST /sandbox/rotate-certificate}. Public-key-mode answers are not affected.
     *
     * @return the new certificate
     */
    public X509Certificate rotateAlipayCertificate() {
        return rotateAlipayCertificate(RotatedCertificate.TRUSTED);
    }

    /** Rotates to a certificate of this kind: trusted, or, for tests, one that does not chain to the root or has expired. */
    public synchronized X509Certificate rotateAlipayCertificate(RotatedCertificate kind) {
        X509Certificate cert = keys.rotate(kind);
        SandboxKeys.Signing now = keys.current();
        writer.signWithCertificate(now.key(), now.sn());
        return cert;
    }

    /** Makes {@code alipay.open.app.alipaycert.download} fail ({@code 40004}) until called with false. */
    public SandboxGateway refuseCertificateDownloads(boolean refuse) {
        certificates.refuse(refuse);
        return this;
    }

    /** The URL of {@code POST /sandbox/rotate-certificate}. */
    public String rotateCertificateUrl() {
        return baseUrl() + RotationHandler.PATH;
    }

    /** The Alipay certificate that signs certificate-mode answers now ({@code alipayCertPublicKey_RSA2.crt}'s counterpart). */
    public X509Certificate alipayCertificate() {
        return keys.alipayCertificate();
    }

    /** The Alipay root chain for certificate mode ({@code alipayRootCert.crt}'s counterpart). */
    public List<X509Certificate> alipayRootCertificates() {
        return keys.rootChain();
    }

    /** The Alipay certificate as PEM text. */
    public String alipayCertificatePem() {
        return SandboxKeys.pem(keys.alipayCertificate());
    }

    /** The Alipay root chain as PEM text. */
    public String alipayRootCertificatesPem() {
        return String.join("", keys.rootChain().stream().map(SandboxKeys::pem).toList());
    }

    /** The templates and passes, to seed and inspect. */
    public SandboxState state() {
        return state;
    }

    /** The requests received. */
    public RequestLog received() {
        return log;
    }

    /** The call quota, and how many calls it refused with {@code 40005}. */
    public CallQuota callQuota() {
        return quota;
    }

    /** The faults and latency to inject. */
    public FaultPlan faults() {
        return faults;
    }

    /** Stops serving at once; answers still waiting on latency are dropped. Temporary keys are deleted. */
    @Override
    public void close() {
        server.stop(0);
        scheduler.shutdownNow();
        if (workers != null) {
            workers.shutdownNow();
        }
        if (temporaryKeys) {
            try (Stream<Path> files = Files.walk(keys.dir())) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "SandboxGateway[" + url() + "]";
    }
}
