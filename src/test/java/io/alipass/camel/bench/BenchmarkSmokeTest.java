package io.alipass.camel.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark from rotting: runs {@code Benchmark --smoke} (tiny sizes, seconds) in its own
 * JVM, as bench/run does, and checks that the table has every row with a finite positive figure
 * and reference. It never asserts a speed: the numbers of a smoke run mean nothing.
 */
class BenchmarkSmokeTest {
    private static final List<String> MEASURED_ROWS = List.of("1", "1b", "1c", "2", "3a", "3b", "3c");
    private static final List<String> RUNNER_ROWS = List.of("4a", "4b", "5");
    /** The call-limit rows (issue 13): a share of 40005 answers may well be 0. */
    private static final List<String> CALL_LIMIT_ROWS = List.of("6a", "6b");
    /**
     * The CPU-per-update rows (issue 17) are differences between two batches: at smoke sizes the JIT's
     * noise can outweigh 20 updates, so the figure need only be a number; the floor must be positive.
     */
    private static final List<String> CPU_ROWS = List.of("7a", "7a once", "7b", "7c", "7c once");
    /** Batch start-up (issue 17): launch to first gateway call against camel-main's hello world. */
    private static final List<String> START_UP_ROWS = List.of("8");

    @Test
    void theSmokeRunPrintsEveryRowWithSaneNumbers() throws Exception {
        String output = runSmoke();
        Map<String, String[]> rows = table(output);
        for (String id : MEASURED_ROWS) {
            String[] row = rows.get(id);
            assertTrue(row != null, "row " + id + " missing from:\n" + output);
            assertPositive(row[3], "figure of row " + id, output);
            assertPositive(row[5], "reference of row " + id, output);
            assertPositive(row[6], "ratio of row " + id, output);
        }
        for (String id : CPU_ROWS) {
            String[] row = rows.get(id);
            assertTrue(row != null, "row " + id + " missing from:\n" + output);
            assertFinite(row[3], "figure of row " + id, output);
            assertFinite(row[5], "reference of row " + id, output);
            assertFinite(row[6], "ratio of row " + id, output);
        }
        for (String id : START_UP_ROWS) {
            String[] row = rows.get(id);
            assertTrue(row != null, "row " + id + " missing from:\n" + output);
            assertPositive(row[3], "figure of row " + id, output);
            assertPositive(row[5], "reference of row " + id, output);
        }
        for (String id : CALL_LIMIT_ROWS) {
            String[] row = rows.get(id);
            assertTrue(row != null, "row " + id + " missing from:\n" + output);
            assertTrue(Double.parseDouble(row[3].replace(",", "")) >= 0, "figure of row " + id + ": " + row[3]);
        }
        for (String id : RUNNER_ROWS) {
            String[] row = rows.get(id);
            assertTrue(row != null, "row " + id + " missing from:\n" + output);
            if (!row[3].equals("not measured")) {
                assertPositive(row[3], "figure of row " + id, output);
            } else {
                assertTrue(output.contains(id + ": not measured: "), "row " + id + " says why it is not measured");
            }
        }
    }

    private static String runSmoke() throws IOException, InterruptedException {
        Path log = Files.createTempFile("bench-smoke", ".txt");
        try {
            String java = RunnerFigures.java();
            Process p = new ProcessBuilder(java, "-Xmx512m", "-Dfile.encoding=UTF-8",
                    "-cp", System.getProperty("java.class.path"), Benchmark.class.getName(), "--smoke")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean ended = p.waitFor(8, TimeUnit.MINUTES);
            if (!ended) {
                p.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(ended, "the smoke run did not end within 8 minutes:\n" + output);
            assertEquals(0, p.exitValue(), "the smoke run failed:\n" + output);
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The table's rows by id; cells as printed, trimmed (index 0 is the empty cell before the first bar). */
    private static Map<String, String[]> table(String output) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            if (line.startsWith("| ") && !line.startsWith("| # ")) {
                String[] cells = line.split("\\|", -1);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                rows.put(cells[1], cells);
            }
        }
        return rows;
    }

    private static void assertFinite(String cell, String what, String output) {
        double v;
        try {
            v = Double.parseDouble(cell.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new AssertionError(what + " is not a number: '" + cell + "'\n" + output);
        }
        assertTrue(Double.isFinite(v), what + " is not finite: " + cell + "\n" + output);
    }

    private static void assertPositive(String cell, String what, String output) {
        double v;
        try {
            v = Double.parseDouble(cell.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new AssertionError(what + " is not a number: '" + cell + "'\n" + output);
        }
        assertTrue(Double.isFinite(v) && v > 0, what + " is not a finite positive number: " + cell + "\n" + output);
    }
}
