package io.alipass.camel.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Compares the batch start-up of runner jars, for a change that moves it (issue 17: the signing
 * provider): {@code java -jar JAR --once} with one update in the drop folder and real gateway
 * settings pointing at a {@link GatewayDouble}, so no built-in sandbox starts, from launch to the
 * double receiving the first call; the jars take turns, in alternating order, and the medians are
 * printed. With {@code -Dverbose-class=true} each run also counts the classes it loaded and whether
 * Bouncy Castle's JCA provider was among them. The whole run's CPU (user + system) is read from
 * {@code /usr/bin/time} when it exists.
 *
 * <pre>
 * java -cp "target/classes:target/test-classes:$(cat target/bench.cp)" io.alipass.camel.bench.LaunchToFirstCall 6 old.jar new.jar
 * </pre>
 */
public final class LaunchToFirstCall {
    private static final String CPU = "launch-to-first-call-cpu ";

    private LaunchToFirstCall() {
    }

    /** Arguments: the number of rounds, then one or more runner jars. */
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        // Absolute, since each run's working directory is its own temporary folder.
        List<String> jars = Arrays.stream(args).skip(1).map(a -> Path.of(a).toAbsolutePath().toString()).toList();
        boolean verbose = Boolean.getBoolean("verbose-class");
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        Path work = Files.createTempDirectory("launch-to-first-call");
        String java = RunnerFigures.java();
        double[][] seconds = new double[jars.size()][rounds];
        double[][] cpu = new double[jars.size()][rounds];
        try (GatewayDouble gateway = new GatewayDouble(work.resolve("gateway"), 10)) {
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < jars.size(); k++) {
                    int j = r % 2 == 0 ? k : jars.size() - 1 - k;
                    Path dir = Files.createTempDirectory(work, "run");
                    Path inbox = Files.createDirectories(dir.resolve("data/inbox"));
                    Files.writeString(dir.resolve("update.part"), gateway.update(r) + "\n");
                    Files.move(dir.resolve("update.part"), inbox.resolve("update.jsonl"));
                    gateway.clearCalls();
                    List<String> cmd = new ArrayList<>();
                    if (timed) {
                        cmd.addAll(List.of("/usr/bin/time", "-f", CPU + "%U %S"));
                    }
                    cmd.addAll(List.of(java, "-Xmx256m", "-Dfile.encoding=UTF-8"));
                    if (verbose) {
                        cmd.add("-verbose:class");
                    }
                    cmd.addAll(List.of("-jar", jars.get(j)));
                    cmd.addAll(gateway.onceRunnerArguments(dir.resolve("data")));
                    Path log = dir.resolve("runner.log");
                    long launched = System.currentTimeMillis();
                    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                    if (!p.waitFor(5, TimeUnit.MINUTES)) {
                        p.destroyForcibly();
                        throw new IllegalStateException(jars.get(j) + " did not finish within 5 minutes");
                    }
                    long first = gateway.firstCallEpochMillis();
                    List<String> out = Files.readAllLines(log, StandardCharsets.UTF_8);
                    if (p.exitValue() != 0 || first < 0) {
                        throw new IllegalStateException(jars.get(j) + ": exit " + p.exitValue() + ", first call " + first);
                    }
                    seconds[j][r] = (first - launched) / 1e3;
                    cpu[j][r] = out.stream().filter(l -> l.startsWith(CPU)).findFirst()
                            .map(l -> Arrays.stream(l.substring(CPU.length()).split(" ")).mapToDouble(Double::parseDouble).sum())
                            .orElse(Double.NaN);
                    String classes = !verbose ? "" : String.format(Locale.ROOT, ", %d classes loaded, Bouncy Castle provider loaded: %b",
                            out.stream().filter(l -> l.contains("class,load")).count(),
                            out.stream().anyMatch(l -> l.contains("org.bouncycastle.jce.provider.BouncyCastleProvider ")));
                    System.out.printf(Locale.ROOT, "round %d %s: first call %.3f s, whole run CPU %.2f s%s%n",
                            r + 1, jars.get(j), seconds[j][r], cpu[j][r], classes);
                    RunnerFigures.delete(dir);
                }
            }
        } finally {
            RunnerFigures.delete(work);
        }
        for (int j = 0; j < jars.size(); j++) {
            System.out.printf(Locale.ROOT, "%s: launch to first call, median %.3f s; whole run CPU, median %.2f s%n",
                    jars.get(j), median(seconds[j]), median(cpu[j]));
        }
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
