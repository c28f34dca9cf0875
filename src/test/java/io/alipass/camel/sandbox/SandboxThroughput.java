package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.KeyReader;
import io.alipass.camel.gateway.PassUpdateOutcome;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load generator for the sandbox benchmark ({@code bench/sandbox-throughput.sh}); not a test.
 * {@code keygen DIR} writes an app key pair; {@code run --url U --app-id ID --app-private-key F
 * --alipay-public-key F [--seconds 10] [--concurrency 64] [--passes 1000]} creates a template and
 * passes, pre-signs one instance update per pass (so client-side RSA does not limit the run),
 * then keeps {@code concurrency} requests in flight and verifies and classifies every answer.
 */
public final class SandboxThroughput {
    private SandboxThroughput() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("keygen")) {
            KeyPair keys = RawCall.rsaKeyPair();
            Path dir = Files.createDirectories(Path.of(args[1]));
            Files.writeString(dir.resolve("app_private_key.txt"), Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
            Files.writeString(dir.resolve("app_public_key.txt"), Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
            return;
        }
        if (args.length >= 1 && args[0].equals("core")) {
            core(args.length > 1 ? Integer.parseInt(args[1]) : 200_000);
            return;
        }
        Map<String, String> o = new HashMap<>(Map.of("seconds", "10", "concurrency", "64", "passes", "1000", "warmup", "3"));
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        GatewayProtocol protocol = GatewayProtocol.builder().appId(o.get("app-id"))
                .signer(new RequestSigner(KeyReader.privateKey(o.get("app-private-key"), null), SignType.RSA2))
                .verifier(new ResponseVerifier(KeyReader.publicKey(o.get("alipay-public-key")))).build();
        String url = o.get("url");
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
        List<HttpRequest> pool = seed(protocol, http, url, Integer.parseInt(o.get("passes")));
        int concurrency = Integer.parseInt(o.get("concurrency"));
        long pid = Long.parseLong(o.getOrDefault("sandbox-pid", "0"));
        run(protocol, http, pool, concurrency, Integer.parseInt(o.get("warmup")), 0);
        run(protocol, http, pool, concurrency, Integer.parseInt(o.get("seconds")), pid);
        System.exit(0);
    }

    /** Creates the template and passes, and returns one signed update per pass. */
    private static List<HttpRequest> seed(GatewayProtocol protocol, HttpClient http, String url, int passes) throws Exception {
        String channel = "2088000000000099";
        String content = "{\"evoucherInfo\":{\"title\":\"$title$\"},\"fileInfo\":{\"serialNumber\":\"$serialNumber$\",\"channelID\":\"" + channel + "\"}}";
        PassUpdateOutcome added = call(protocol, http, url, GatewayMethod.PASS_TEMPLATE_ADD,
                "{\"unique_id\":\"bench-" + System.nanoTime() + "\",\"tpl_content\":" + RawCall.JSON.valueToTree(content) + "}");
        if (!(added instanceof PassUpdateOutcome.Success s)) {
            throw new IllegalStateException("template.add failed: " + added);
        }
        String tplId = s.result().tplId();
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<HttpRequest> pool = new ArrayList<>();
        for (int i = 0; i < passes; i++) {
            String serial = "BENCH-" + run + "-" + i;
            PassUpdateOutcome issued = call(protocol, http, url, GatewayMethod.PASS_INSTANCE_ADD, "{\"tpl_id\":\"" + tplId
                    + "\",\"recognition_type\":\"1\",\"tpl_params\":\"{\\\"title\\\":\\\"t\\\",\\\"serialNumber\\\":\\\"" + serial + "\\\"}\"}");
            if (!(issued instanceof PassUpdateOutcome.Success)) {
                throw new IllegalStateException("instance.add failed: " + issued);
            }
            pool.add(ProtocolClient.httpRequest(protocol.prepare(GatewayMethod.PASS_INSTANCE_UPDATE, "{\"serial_number\":\"" + serial
                    + "\",\"channel_id\":\"" + channel + "\",\"tpl_params\":\"{\\\"title\\\":\\\"bench\\\"}\"}"), url));
        }
        return pool;
    }

    private static PassUpdateOutcome call(GatewayProtocol protocol, HttpClient http, String url, GatewayMethod method, String biz)
            throws Exception {
        HttpResponse<byte[]> r = http.send(ProtocolClient.httpRequest(protocol.prepare(method, biz), url), HttpResponse.BodyHandlers.ofByteArray());
        return protocol.interpret(method, r.body());
    }

    /**
     * Keeps {@code concurrency} requests in flight for a while; reports when {@code sandboxPid} is
     * not 0 (negative: report without the sandbox's CPU time). On a shared machine the wall-clock
     * rate depends on what else runs, so the sandbox's own CPU time is reported too: requests per
     * CPU-second is what one dedicated core would serve.
     */
    private static void run(GatewayProtocol protocol, HttpClient http, List<HttpRequest> pool, int concurrency, int seconds,
                            long sandboxPid) throws Exception {
        double cpuBefore = cpuSeconds(sandboxPid);
        Semaphore inFlight = new Semaphore(concurrency);
        Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        int i = 0;
        while (System.nanoTime() < end) {
            inFlight.acquire();
            HttpRequest request = pool.get(i++ % pool.size());
            http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, e) -> {
                String kind = e != null ? "io-error" : protocol.interpret(GatewayMethod.PASS_INSTANCE_UPDATE, r.body()).kind();
                kinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
                inFlight.release();
            });
        }
        inFlight.acquire(concurrency); // wait for the last answers
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = kinds.values().stream().mapToLong(LongAdder::sum).sum();
        if (sandboxPid != 0) {
            System.out.printf("requests: %d in %.1f s, %d in flight -> %.0f requests/s; outcomes %s%n",
                    total, elapsed, concurrency, total / elapsed, kinds);
        }
        if (sandboxPid > 0) {
            double cpu = cpuSeconds(sandboxPid) - cpuBefore;
            System.out.printf("sandbox CPU: %.2f s (%.0f%% of one core) -> %.0f requests per sandbox CPU-second%n",
                    cpu, 100 * cpu / elapsed, total / cpu);
        }
    }

    /**
     * The sandbox's own work per request without the HTTP server: decode the query and body, check
     * the common parameters and the RSA2 signature, update a pass, write and sign (cached) the
     * answer, record the request. Measured in this thread's CPU time, so other load on the machine
     * matters less than for the wall-clock rate.
     */
    private static void core(int requests) throws Exception {
        KeyPair app = RawCall.rsaKeyPair();
        Path keys = Files.createTempDirectory("sandbox-core-bench");
        SandboxKeys sandboxKeys = SandboxKeys.loadOrCreate(keys, 2048);
        AppRegistry apps = new AppRegistry();
        apps.register("2021000000000099", app.getPublic());
        SandboxState state = new SandboxState(SandboxSettings.DEFAULT_FORBIDDEN_WORDS.stream().collect(java.util.stream.Collectors.toSet()));
        state.addTemplate("tpl", "{\"evoucherInfo\":{\"title\":\"$title$\"}}");
        GatewayProtocol protocol = GatewayProtocol.builder().appId("2021000000000099").signer(new RequestSigner(app.getPrivate(), SignType.RSA2))
                .verifyResponses(false).build();
        List<io.alipass.camel.gateway.EncodedRequest> pool = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            state.addPass("tpl", "SN-" + i, "2088000000000099", Map.of("title", "t"));
            pool.add(protocol.prepare(GatewayMethod.PASS_INSTANCE_UPDATE, "{\"serial_number\":\"SN-" + i
                    + "\",\"channel_id\":\"2088000000000099\",\"tpl_params\":\"{\\\"title\\\":\\\"bench\\\"}\"}"));
        }
        CallProcessor processor = new CallProcessor(new CommonParameterCheck(apps, java.time.Clock.systemUTC(),
                java.time.Duration.ofMinutes(15), sandboxKeys.rootCertSn()), state);
        AnswerWriter writer = new AnswerWriter(sandboxKeys.alipayPrivateKey(), sandboxKeys.alipayCertSn());
        RequestLog log = new RequestLog(10_000);
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            int n = round == 0 ? requests / 4 : requests;
            long cpu = threads.getCurrentThreadCpuTime();
            long ok = 0;
            for (int i = 0; i < n; i++) {
                io.alipass.camel.gateway.EncodedRequest r = pool.get(i % pool.size());
                GatewayRequest request = GatewayRequest.decode(r.queryString(), r.body(), r.contentType());
                CallProcessor.Processed p = processor.process(request);
                writer.write(p.context(), p.answer(), AnswerWriter.Signature.VALID);
                log.add(ReceivedRequest.of(log.nextSequence(), java.time.Instant.now(), "POST", request.parameters(), null, p.answer(), null));
                ok += p.answer() instanceof Answer.Success ? 1 : 0;
            }
            double seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            if (round == 1) {
                System.out.printf("core: %d requests (%d successes) in %.2f CPU-s -> %.0f requests per CPU-second, %.0f us each%n",
                        n, ok, seconds, n / seconds, seconds * 1e6 / n);
            }
        }
    }

    /** User plus system CPU time of a Linux process, from /proc (clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws Exception {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }
}
