package io.alipass.camel.bench;

import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.KeyReader;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import io.alipass.camel.sandbox.ReceivedRequest;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway of the CPU-time figures (7a-7c) and of the batch start-up (8): the sandbox in a JVM of
 * its own, so that its CPU time (parsing, checking the app's signature, signing each answer) is never
 * counted on either side. Its answer key is 1024 bits, as {@link BenchGateway}'s. The app key pair is
 * written to a folder as the runner reads it ({@code app_private_key.pem}), and the sandbox knows the
 * passes {@code bench-0} .. {@code bench-(passes-1)}, so the updates are {@link BenchGateway#updateOf}.
 *
 * <p>Protocol on the child's standard input: {@code first} answers the epoch milliseconds of the
 * earliest call it recorded since the last {@code clear} (or {@code none}); {@code clear} answers {@code ok}.
 */
final class GatewayDouble implements AutoCloseable {
    private static final String READY = "gateway-double ";

    private final Process process;
    private final PrintWriter commands;
    private final BufferedReader answers;
    private final Path dir;
    private final String url;
    private final String alipayPublicKey;
    private final int passes;

    GatewayDouble(Path dir, int passes) throws Exception {
        this.dir = dir;
        this.passes = passes;
        CrashBenchTool.keys(dir);
        String java = RunnerFigures.java();
        process = new ProcessBuilder(List.of(java, "-Xms256m", "-Xmx256m", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), GatewayDouble.class.getName(), dir.toString(), String.valueOf(passes)))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = answer();
        if (!line.startsWith(READY)) {
            throw new IllegalStateException("the gateway double did not start: " + line);
        }
        url = line.substring(READY.length()).trim();
        alipayPublicKey = Files.readString(dir.resolve("alipay_public_key.txt")).trim();
    }

    /** Arguments: the folder with {@code app_public_key.txt}, the number of passes. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int passes = Integer.parseInt(args[1]);
        PublicKey app = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(Files.readString(dir.resolve("app_public_key.txt")).trim())));
        try (SandboxGateway s = SandboxGateway.start(SandboxSettings.builder().port(0).keysDir(dir.resolve("sandbox-keys"))
                .alipayKeyBits(1024).workerThreads(8).recordedRequests(16).build())) {
            s.registerApp(BenchGateway.APP_ID, app);
            s.state().addTemplate(BenchGateway.TEMPLATE, "{\"logo\":\"https://example.com/l.png\",\"content\":{\"title\":\"$title$\"}}");
            for (int i = 0; i < passes; i++) {
                s.state().addPass(BenchGateway.TEMPLATE, BenchGateway.serial(i), BenchGateway.CHANNEL, Map.of("title", "券标题"));
            }
            Files.writeString(dir.resolve("alipay_public_key.txt"), s.alipayPublicKeyBase64());
            System.out.println(READY + s.url());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                switch (line.trim()) {
                    case "clear" -> {
                        s.received().clear();
                        System.out.println("ok");
                    }
                    case "total" -> System.out.println(s.received().total());
                    case "first" -> {
                        List<ReceivedRequest> calls = s.received().all();
                        System.out.println(calls.isEmpty() ? "none" : String.valueOf(calls.get(0).receivedAt().toEpochMilli()));
                    }
                    default -> System.out.println("unknown " + line);
                }
                System.out.flush();
            }
        }
        System.exit(0);
    }

    String url() {
        return url;
    }

    String alipayPublicKeyBase64() {
        return alipayPublicKey;
    }

    /** The app's private key, PKCS#8 PEM, as {@code alipass.private-key} reads it. */
    Path appPrivateKeyPem() {
        return dir.resolve("app_private_key.pem");
    }

    String appPrivateKeyBase64() throws IOException {
        return Base64.getEncoder().encodeToString(KeyReader.privateKey(appPrivateKeyPem().toString(), null).getEncoded());
    }

    /** The same protocol as the runner builds from the same keys: Bouncy Castle signs, every answer verified. */
    GatewayProtocol protocol() {
        return GatewayProtocol.builder()
                .appId(BenchGateway.APP_ID)
                .signer(new RequestSigner(KeyReader.privateKey(appPrivateKeyPem().toString(), null), SignType.RSA2))
                .verifier(new ResponseVerifier(KeyReader.publicKey(alipayPublicKey)))
                .build();
    }

    /**
     * The runner's arguments for one {@code --once} batch against this double: every source but the
     * drop folder off, no HTTP server or management endpoint, quick retries (none are expected), and
     * the double's URL and keys; {@code dataDir} holds the inbox.
     */
    List<String> onceRunnerArguments(Path dataDir) {
        List<String> args = new ArrayList<>(List.of("--once"));
        args.addAll(runnerArguments(dataDir));
        return args;
    }

    /**
     * The runner's arguments against this double without {@code --once}: it keeps running, with the
     * drop folder as its only source and route metrics off, as {@code --once} has them.
     */
    List<String> runnerArguments(Path dataDir) {
        return List.of("--alipass.jms.enabled=false", "--alipass.http.enabled=false", "--camel.metrics.enabled=false",
                "--camel.server.enabled=false", "--camel.management.enabled=false", "--alipass.progress-seconds=3600",
                "--alipass.retry.redelivery-delay=50",
                "--alipass.data-dir=" + dataDir, "--alipass.gateway-url=" + url(),
                "--alipass.app-id=" + BenchGateway.APP_ID, "--alipass.private-key=" + appPrivateKeyPem(),
                "--alipass.alipay-public-key=" + alipayPublicKeyBase64(), "--alipass.channel-id=" + BenchGateway.CHANNEL);
    }

    /** The i-th update, as a record of a drop-folder file or a JMS message. */
    String update(int i) {
        return BenchGateway.updateOf(BenchGateway.serial(i % passes), i);
    }

    int passes() {
        return passes;
    }

    synchronized void clearCalls() throws IOException {
        commands.println("clear");
        answer();
    }

    /** How many calls the double has received since it started. */
    synchronized long callsReceived() throws IOException {
        commands.println("total");
        return Long.parseLong(answer());
    }

    /** The epoch milliseconds of the first call since {@link #clearCalls()}, or -1 when there was none. */
    synchronized long firstCallEpochMillis() throws IOException {
        commands.println("first");
        String a = answer();
        return a.equals("none") ? -1 : Long.parseLong(a);
    }

    private String answer() throws IOException {
        String line = answers.readLine();
        if (line == null) {
            throw new IllegalStateException("the gateway double ended");
        }
        return line;
    }

    @Override
    public void close() throws Exception {
        commands.println("quit");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
