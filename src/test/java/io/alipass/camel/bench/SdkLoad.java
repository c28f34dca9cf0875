package io.alipass.camel.bench;

import com.alipay.api.AlipayApiException;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipayLogger;
import com.alipay.api.request.AlipayPassInstanceUpdateRequest;
import com.alipay.api.response.AlipayPassInstanceUpdateResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The reference side of figure 2: the official alipay-sdk-java client ({@link DefaultAlipayClient}
 * with the Alipay public key, so every answer's signature is checked) executing
 * {@link AlipayPassInstanceUpdateRequest} from a plain fixed thread pool, against the same sandbox
 * with the same keys and the same {@code biz_content}.
 *
 * <p>It runs in its own JVM ({@link SdkProcess}): the SDK's static initialiser changes the JVM-wide
 * {@code jdk.certpath.disabledAlgorithms}, and a separate JVM lets the two sides take turns, so a
 * shared machine's changing load falls on both alike. It stays up between turns, keeping its JIT warm.
 * Protocol on standard input and output: {@code run N THREADS} answers {@code rate R} or {@code error TEXT}.
 */
final class SdkLoad {
    private final DefaultAlipayClient client;
    private final String[] bizContents;

    SdkLoad(String url, String privateKeyBase64, String alipayPublicKeyBase64, int passes) {
        // Its INFO summary line per call would cost it time; ours logs nothing per call either.
        AlipayLogger.setNeedEnableLogger(false);
        this.client = new DefaultAlipayClient(url, BenchGateway.APP_ID, privateKeyBase64,
                "json", "UTF-8", alipayPublicKeyBase64, "RSA2");
        // The biz_content is written up front, so the SDK side does none of the JSON work our enrich step does.
        this.bizContents = new String[passes];
        for (int i = 0; i < passes; i++) {
            bizContents[i] = BenchGateway.bizContentOf(BenchGateway.serial(i), i);
        }
    }

    /** Arguments: gateway URL, file with the app private key (PKCS#8 Base64), Alipay public key (Base64), passes. */
    public static void main(String[] args) throws Exception {
        SdkLoad load = new SdkLoad(args[0], Files.readString(Path.of(args[1])).trim(), args[2], Integer.parseInt(args[3]));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] cmd = line.trim().split(" ");
            if (!"run".equals(cmd[0])) {
                break;
            }
            try {
                double rate = load.run(Integer.parseInt(cmd[1]), Integer.parseInt(cmd[2]), Duration.ofMinutes(3));
                System.out.printf(Locale.ROOT, "rate %.3f%n", rate);
            } catch (RuntimeException e) {
                System.out.println("error " + e.getMessage());
            }
            System.out.flush();
        }
        System.exit(0);
    }

    /** Executes {@code n} updates from {@code threads} threads; returns updates per second. */
    double run(int n, int threads, Duration timeout) throws InterruptedException {
        Tally tally = new Tally(n);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String biz = bizContents[i % bizContents.length];
                pool.execute(() -> {
                    if (execute(biz)) {
                        tally.success();
                    } else {
                        tally.failure();
                    }
                });
            }
            long end = tally.await(n, timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (end < 0) {
                throw new IllegalStateException("SDK: only " + tally.done() + " of " + n + " updates done within " + timeout);
            }
            tally.requireAllSucceeded("SDK", n);
            return n / ((end - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean execute(String bizContent) {
        AlipayPassInstanceUpdateRequest request = new AlipayPassInstanceUpdateRequest();
        request.setBizContent(bizContent);
        try {
            AlipayPassInstanceUpdateResponse response = client.execute(request);
            return response.isSuccess();
        } catch (AlipayApiException e) {
            return false;
        }
    }
}
