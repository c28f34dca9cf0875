package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.route.DroppedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The accounting invariant through the runner's own file route (its YAML, the built-in sandbox):
 * for every generated file, broken in one place or not, the outcomes that name the file are
 * numbered 1..n without a gap or a repeat, every record the break did not touch has one, and when
 * reading stopped the error document counts exactly those n and names record n+1 as where it stopped;
 * no outcome names a pass the file does not hold; and in the layouts where a broken record costs
 * only itself, only a cut file or a trailing comma sends the file to the error folder.
 * 24 tries (each a real poll of the drop folder, about a second), fixed seed; the reader-level
 * property ({@code RecordAccountingPropertyTest}) covers the generator's space with 2,000 tries.
 */
class DropFolderAccountingPropertyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger FILES = new AtomicInteger();
    static Path data;
    static AlipassRunner runner;
    static Thread thread;

    @BeforeContainer
    static void start() throws Exception {
        data = Files.createTempDirectory("alipass-accounting");
        int managementPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            managementPort = socket.getLocalPort();
        }
        runner = new AlipassRunner("--alipass.data-dir=" + data, "--camel.server.port=0", "--camel.management.port=" + managementPort);
        thread = new Thread(runner::run, "runner-under-property");
        thread.start();
        assertTrue(runner.awaitStarted(Duration.ofSeconds(60)), "the runner started");
    }

    /** Per layout: files, records written, outcomes out, files moved to the error folder. */
    static final java.util.Map<DroppedFiles.Layout, long[]> FIGURES = new java.util.concurrent.ConcurrentHashMap<>();

    @AfterContainer
    static void stop() throws Exception {
        FIGURES.forEach((layout, f) -> System.out.printf("runner accounting %-12s files %3d, records written %3d, outcomes out %3d, files in error/ %3d%n",
                layout, f[0], f[1], f[2], f[3]));
        runner.stop();
        runner.awaitFinished(Duration.ofSeconds(30));
        thread.join(5000);
    }

    @Provide
    Arbitrary<DroppedFiles.File> files() {
        return DroppedFiles.files();
    }

    @Property(tries = 24, seed = "11", shrinking = ShrinkingMode.OFF)
    void everyRecordOfADroppedFileGetsExactlyOneOutcomeAndTheErrorDocumentCountsThem(@ForAll("files") DroppedFiles.File file) throws Exception {
        String name = "p" + FILES.incrementAndGet() + "-" + file.layout() + "-" + file.kind() + ".json";
        Path staging = Files.createDirectories(data.resolve("staging")).resolve(name);
        Files.writeString(staging, file.text(), StandardCharsets.UTF_8);
        Files.move(staging, data.resolve("inbox").resolve(name));
        Path done = data.resolve("done").resolve(name);
        Path error = data.resolve("error").resolve(name);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // A bound on the wait, not a speed check: a file that never leaves the inbox fails the property.
        while (!Files.exists(done) && !Files.exists(error) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(done) || Files.exists(error), name + " did not leave the inbox");
        List<JsonNode> outcomes = outcomesOf(name);
        Set<Integer> numbers = new TreeSet<>();
        List<String> keys = new ArrayList<>();
        for (JsonNode o : outcomes) {
            assertTrue(numbers.add(o.path("source").path("record").asInt()), "one outcome per record: " + outcomes);
            if (!o.path("outcome").asText().equals("invalid-input")) {
                keys.add(o.path("key").asText());
            }
        }
        for (int i = 1; i <= outcomes.size(); i++) {
            assertTrue(numbers.contains(i), "record " + i + " has no outcome: " + numbers + "\n" + file.text());
        }
        assertTrue(keys.containsAll(file.mustReach()), "records lost: must reach " + file.mustReach() + ", reached " + keys + "\n" + file.text());
        assertTrue(file.serials().containsAll(keys), "records invented: reached " + keys + " of " + file.serials() + "\n" + file.text());
        if (file.layout().resynchronises() && Files.exists(error)) {
            assertTrue(file.kind() == DroppedFiles.Break.CUT || file.kind() == DroppedFiles.Break.TRAILING_COMMA,
                    "only a cut file or a trailing comma sends a file of this layout to error/\n" + file.text());
        }
        long[] f = FIGURES.computeIfAbsent(file.layout(), k -> new long[4]);
        f[0]++;
        f[1] += file.serials().size();
        f[2] += outcomes.size();
        f[3] += Files.exists(error) ? 1 : 0;
        if (Files.exists(error)) {
            JsonNode doc = JSON.readTree(data.resolve("error").resolve(name + ".error.json").toFile());
            assertEquals(outcomes.size(), doc.path("records_handed_on").asInt(), doc.toString());
            if (!outcomes.isEmpty()) {
                assertEquals(outcomes.size() + 1, doc.path("stopped_at_record").asInt(), doc.toString());
            }
        }
    }

    static List<JsonNode> outcomesOf(String file) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (String folder : List.of("outbox/success", "outbox/failure", "outbox/dead-letter")) {
            Path f = data.resolve(folder);
            if (!Files.isDirectory(f)) {
                continue;
            }
            try (Stream<Path> s = Files.list(f)) {
                for (Path p : s.toList()) {
                    JsonNode doc = JSON.readTree(Files.readString(p, StandardCharsets.UTF_8));
                    if (file.equals(doc.path("source").path("file").asText())) {
                        found.add(doc);
                    }
                }
            }
        }
        return found;
    }
}
