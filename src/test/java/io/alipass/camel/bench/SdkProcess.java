package io.alipass.camel.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts {@link SdkLoad} in its own JVM against the bench sandbox and asks it for runs. */
final class SdkProcess implements AutoCloseable {
    private final Process process;
    private final PrintWriter commands;
    private final BufferedReader answers;
    private final Path keyFile;

    SdkProcess(BenchGateway gateway, int passes, int maxThreads) throws IOException {
        this(gateway.sandbox.url(), gateway.appPrivateKeyBase64(), gateway.sandbox.alipayPublicKeyBase64(), passes, maxThreads);
    }

    /** The SDK against any gateway, with the app's private key (PKCS#8 Base64) and the Alipay public key (Base64). */
    SdkProcess(String gatewayUrl, String appPrivateKeyBase64, String alipayPublicKeyBase64, int passes, int maxThreads) throws IOException {
        keyFile = Files.createTempFile("bench-app-key", ".txt");
        Files.writeString(keyFile, appPrivateKeyBase64);
        String java = RunnerFigures.java();
        process = new ProcessBuilder(List.of(java, "-Xms512m", "-Xmx512m",
                // The JDK keeps only 5 idle HttpURLConnections per host: give the SDK one per thread.
                "-Dhttp.maxConnections=" + Math.max(5, maxThreads), "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), SdkLoad.class.getName(),
                gatewayUrl, keyFile.toString(), alipayPublicKeyBase64, String.valueOf(passes)))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Updates per second for {@code n} updates from {@code threads} threads. */
    double run(int n, int threads) throws IOException {
        commands.println("run " + n + " " + threads);
        for (String line; (line = answers.readLine()) != null; ) {
            if (line.startsWith("rate ")) {
                return Double.parseDouble(line.substring(5));
            }
            if (line.startsWith("error ")) {
                throw new IllegalStateException(line.substring(6));
            }
        }
        throw new IllegalStateException("the SDK process ended, exit code " + waitFor());
    }

    /** The SDK's JVM, to read its CPU time while it runs. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** The SDK process's CPU time since it was launched (JVM start-up, JIT and GC included). */
    long totalCpuNanos() {
        return cpuNanos();
    }

    /** The child's CPU time as the kernel counts it ({@code /proc/<pid>/stat} on Linux). */
    private long cpuNanos() {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this OS does not tell the SDK process's CPU time")).toNanos();
    }

    private int waitFor() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        commands.println("quit");
        if (waitFor() < 0) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(keyFile);
    }
}
