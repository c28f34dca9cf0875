package io.alipass.camel.bench;

import io.alipass.camel.bench.ResultTable.Row;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Figures 4 and 5: the standalone runner as a separate JVM with {@code -Xmx128m} in a temporary
 * working folder, on its built-in sandbox. Peak heap is read from the JVM's own GC log
 * ({@code -Xlog:gc}): the largest heap occupancy before a collection.
 */
final class RunnerFigures {
    /** The line the runner prints once it is ready. */
    static final String RUNNER_READY = "=== alipass-camel runner started ===";
    private static final Pattern GC_LINE = Pattern.compile("Pause.*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final List<String> launcher;
    private final String how;

    private RunnerFigures(List<String> launcher, String how) {
        this.launcher = launcher;
        this.how = how;
    }

    /** The shaded jar when it is built (bench/run builds it), else the runner's main class on this class path; null when neither. */
    static RunnerFigures find() {
        Path jar = Path.of("target", "alipass-camel-runner.jar").toAbsolutePath();
        if (Files.isRegularFile(jar)) {
            return new RunnerFigures(List.of("-jar", jar.toString()), "shaded jar");
        }
        try {
            Class.forName("io.alipass.camel.runner.RunnerAssembly");
        } catch (ClassNotFoundException e) {
            return null;
        }
        return new RunnerFigures(List.of("-cp", System.getProperty("java.class.path"), "io.alipass.camel.runner.AlipassRunner"),
                "runner classes, no shaded jar");
    }

    /** The runner with everything but the drop folder off, so nothing else competes and no port is taken. */
    private static final List<String> DROP_ONLY = List.of("--once", "--alipass.jms.enabled=false",
            "--alipass.http.enabled=false", "--camel.server.enabled=false", "--camel.management.enabled=false",
            "--alipass.progress-seconds=3600", "--alipass.retry.redelivery-delay=50");

    /** Figure 4: {@code files} one-record files, then one file of {@code lines} JSON lines. */
    List<Row> dropFolder(int files, int lines) throws Exception {
        List<Row> rows = new ArrayList<>();
        rows.add(dropRun("4a", String.format(Locale.ROOT, "drop folder, %,d small files, -Xmx128m, s", files), files, inbox -> {
            for (int i = 0; i < files; i++) {
                Files.writeString(inbox.resolve("u" + i + ".json"), update(i), StandardCharsets.UTF_8);
            }
        }));
        rows.add(dropRun("4b", String.format(Locale.ROOT, "drop folder, one %,d-line JSON-lines file, -Xmx128m, s", lines), lines, inbox -> {
            Path tmp = inbox.getParent().resolve("big.jsonl");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (int i = 0; i < lines; i++) {
                    w.write(update(i));
                    w.write('\n');
                }
            }
            Files.move(tmp, inbox.resolve("big.jsonl"));
        }));
        return rows;
    }

    private interface Filler {
        void fill(Path inbox) throws IOException;
    }

    private Row dropRun(String id, String figure, int updates, Filler filler) throws Exception {
        Path dir = Files.createTempDirectory("bench-runner");
        try {
            Path inbox = Files.createDirectories(dir.resolve("data/inbox"));
            filler.fill(inbox);
            Path gcLog = dir.resolve("gc.log");
            List<String> cmd = command(List.of("-Xmx128m", "-Xlog:gc:file=" + gcLog), DROP_ONLY);
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("runner.log").toFile()).start();
            if (!p.waitFor(60, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(id + ": the runner did not finish within 60 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long success = count(dir.resolve("data/outbox/success"));
            long done = count(dir.resolve("data/done"));
            double peakMb = peakHeapMb(gcLog);
            String log = Files.readString(dir.resolve("runner.log"));
            boolean outOfMemory = log.contains("OutOfMemoryError");
            boolean ok = p.exitValue() == 0 && success == updates && !outOfMemory;
            String summary = log.lines().filter(l -> l.startsWith("alipass: ")).reduce((a, b) -> b).orElse("(no summary line)");
            String note = String.format(Locale.ROOT, "%s: exit %d, %,d of %,d updates succeeded, %,d files in done, peak heap %.0f MB of 128 MB%s; %s (%s)",
                    ok ? "no failure" : "FAILED", p.exitValue(), success, updates, done, peakMb,
                    outOfMemory ? ", OutOfMemoryError" : "", summary, how);
            // The figure is the time; the ratio shown is peak heap / the 128 MB limit.
            return new Row(id, figure, seconds, "peak heap / 128 MB", 128, peakMb / 128, "no failure", ok, note);
        } finally {
            delete(dir);
        }
    }

    /**
     * Figure 5: time from launch to ready, the runner against a bare camel-main hello world, in
     * alternating rounds. The runner's first start in a folder generates its keys; that start is
     * timed apart and reported in the note, the rounds restart it in the same folder.
     */
    Row startUp(int rounds) throws Exception {
        Path dir = Files.createTempDirectory("bench-start");
        try {
            double first = runnerReady(dir);
            Paired paired = new Paired();
            for (int i = 0; i < rounds; i++) {
                if (i % 2 == 0) {
                    double runner = runnerReady(dir);
                    paired.add(runner, helloReady());
                } else {
                    double hello = helloReady();
                    paired.add(runnerReady(dir), hello);
                }
            }
            String note = String.format(Locale.ROOT, "first start in an empty folder (generates keys): %.1f s; ", first)
                    + (paired.note() == null ? "" : paired.note() + "; ") + how;
            return new Row("5", "runner start-up until ready, -Xmx128m, s", paired.ours(), "bare camel-main hello world, s",
                    paired.reference(), paired.ratio(), "-", null, note);
        } finally {
            delete(dir);
        }
    }

    private double runnerReady(Path dir) throws Exception {
        return timeToLine(command(List.of("-Xmx128m"), List.of("--camel.server.port=0", "--camel.management.port=0")), RUNNER_READY, dir);
    }

    double helloReady() throws Exception {
        List<String> cp = launcher.get(0).equals("-jar")
                ? List.of("-cp", launcher.get(1) + java.io.File.pathSeparator + testClasses(), HelloCamelMain.class.getName())
                : List.of("-cp", System.getProperty("java.class.path"), HelloCamelMain.class.getName());
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx128m"));
        cmd.addAll(cp);
        Path dir = Files.createTempDirectory("bench-hello");
        try {
            return timeToLine(cmd, HelloCamelMain.READY, dir);
        } finally {
            delete(dir);
        }
    }

    private static String testClasses() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> e.endsWith("test-classes")).findFirst().map(e -> Path.of(e).toAbsolutePath().toString())
                .orElseGet(() -> Path.of("target", "test-classes").toAbsolutePath().toString());
    }

    private static double timeToLine(List<String> cmd, String line, Path dir) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = out.readLine()) != null; ) {
                if (l.contains(line)) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    p.destroy(); // a graceful stop, so the next start finds a clean broker journal
                    p.waitFor(30, TimeUnit.SECONDS);
                    return seconds;
                }
            }
        } finally {
            p.destroyForcibly();
        }
        throw new IllegalStateException("never ready: " + String.join(" ", cmd.subList(0, Math.min(4, cmd.size()))));
    }

    private List<String> command(List<String> jvm, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvm);
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.addAll(launcher);
        cmd.addAll(args);
        return cmd;
    }

    /** The {@code java} launcher of the JDK running the bench, for the JVMs it starts. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A template-parameter update of one of the 100 passes the runner's built-in sandbox issues (DEMO-0001 to DEMO-0100). */
    private static String update(int i) {
        return String.format(Locale.ROOT, "{\"api\":\"instance.update\",\"serial_number\":\"DEMO-%04d\",\"channel_id\":\"2088000000000001\","
                + "\"tpl_params\":{\"balance\":\"%d.50\"}}", i % 100 + 1, i);
    }

    static double peakHeapMb(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) {
            return Double.NaN;
        }
        double peak = 0;
        for (String l : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(l);
            if (m.find()) {
                peak = Math.max(peak, Double.parseDouble(m.group(1)));
            }
        }
        return peak;
    }

    /** The regular files in a folder, 0 when there is no such folder. */
    static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    /** Deletes a folder with all it holds, if it exists. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
