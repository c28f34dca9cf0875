package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, as a batch job meets it: one {@code --once} run over a drop folder holding the files
 * that used to lose, swallow or invent records, delete or overwrite a user's file, or hang.
 */
class DropFolderOnceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path data;
    static int exit;
    static RunTally tally;
    static List<JsonNode> outcomes;

    static String rec(int n) {
        return String.format("{\"api\":\"instance.update\",\"serial_number\":\"DEMO-%04d\",\"tpl_params\":{\"n\":%d}}", n, n);
    }

    @BeforeAll
    static void runOnce() throws Exception {
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Path done = Files.createDirectories(data.resolve("done"));
        write(inbox, "broken-array.json", "[" + rec(21) + "," + rec(22) + ",{\"api\" 3}," + rec(23) + "]");
        write(inbox, "line-array.json", "[\n" + rec(51) + ",\n{\"api\":\"instance.update\",\"serial_number\" \"DEMO-0052\"},\n" + rec(53) + "\n]\n");
        write(inbox, "pretty-array.json", "[\n  {\n    \"api\": \"instance.update\",\n    \"serial_number\": \"DEMO-0054\"\n  },\n"
                + "  {\n    \"api\": \"instance.update\",\n    \"serial_number\": \"DEMO-0055\n  },\n"
                + "  {\n    \"api\": \"instance.update\",\n    \"serial_number\": \"DEMO-0056\"\n  }\n]\n");
        write(inbox, "trailing-comma.json", "[\n" + rec(57) + ",\n" + rec(58) + ",\n]\n");
        write(inbox, "unterminated.jsonl", "{\"api\":\"instance.update\",\"serial_number\":\"DEMO-0031\"\n" + rec(32) + "\n");
        write(inbox, "pretty-then-broken.json", "{\n  \"api\": \"instance.update\",\n  \"serial_number\": \"DEMO-0033\"\n}\n{\"api\": \"x\",\n" + rec(34) + "\n");
        write(inbox, "line-then-pretty.json", rec(35) + "\n{\n  \"api\": \"instance.update\",\n  \"serial_number\": \"DEMO-0036\"\n}\n");
        write(inbox, "export.camelLock", rec(41));
        Files.createDirectories(inbox.resolve("subfolder"));
        write(inbox, ".hidden.json", rec(42));
        write(inbox, "future.json", rec(43));
        Files.setLastModifiedTime(inbox.resolve("future.json"), FileTime.from(Instant.now().plus(1, ChronoUnit.DAYS)));
        write(inbox, "a%b.json", "one");
        write(inbox, "a\\b.json", "two");
        Files.write(inbox.resolve("y"), new byte[] {(byte) 0xff, 1});
        Files.write(inbox.resolve("y.error.json"), new byte[] {(byte) 0xff, 2});
        write(done, "dup.json", "the earlier file");
        write(inbox, "dup.json", rec(44));
        write(inbox, "invalid.json", "{\"api\":\"instance.update\",\"serial_number\":\"DEMO-0045\",\"status\":\"DONE\"}");

        AlipassRunner runner = new AlipassRunner("--once", "--alipass.data-dir=" + data);
        exit = runner.run();
        tally = runner.tally();
        outcomes = new ArrayList<>();
        for (String folder : List.of("outbox/success", "outbox/failure", "outbox/dead-letter")) {
            Path f = data.resolve(folder);
            if (Files.isDirectory(f)) {
                try (Stream<Path> s = Files.list(f)) {
                    for (Path p : s.toList()) {
                        outcomes.add(JSON.readTree(Files.readString(p, StandardCharsets.UTF_8)));
                    }
                }
            }
        }
    }

    static void write(Path dir, String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    static List<JsonNode> from(String file) {
        return outcomes.stream().filter(o -> file.equals(o.path("source").path("file").asText())).toList();
    }

    static List<String> keys(String file) {
        return from(file).stream().map(o -> o.path("key").asText()).sorted().toList();
    }

    @Test
    void aBrokenArrayLosesNoRecordBeforeTheBreakAndItsErrorDocumentCountsThem() throws Exception {
        assertEquals(List.of("DEMO-0021", "DEMO-0022"), keys("broken-array.json"));
        JsonNode doc = JSON.readTree(data.resolve("error/broken-array.json.error.json").toFile());
        assertEquals(2, doc.path("records_handed_on").asInt(), doc.toString());
        assertEquals(3, doc.path("stopped_at_record").asInt(), doc.toString());
    }

    @Test
    void aBrokenElementOfAnArrayWithOneElementPerLineCostsOnlyItselfAndTheFileIsDone() {
        assertEquals(List.of("DEMO-0051", "DEMO-0053"), from("line-array.json").stream()
                .filter(o -> !o.path("outcome").asText().equals("invalid-input")).map(o -> o.path("key").asText()).sorted().toList());
        JsonNode broken = from("line-array.json").stream().filter(o -> o.path("outcome").asText().equals("invalid-input")).findFirst().orElseThrow();
        assertEquals(2, broken.path("source").path("record").asInt(), broken.toString());
        assertEquals("{\"api\":\"instance.update\",\"serial_number\" \"DEMO-0052\"},", broken.path("input").asText(), broken.toString());
        String rule = broken.path("violations").get(0).path("rule").asText();
        assertTrue(rule.startsWith("must be valid JSON (") && rule.contains("starts at character offset 79)"), rule);
        assertTrue(Files.exists(data.resolve("done/line-array.json")));
    }

    @Test
    void aBrokenElementOfAPrettyPrintedArrayCostsOnlyItself() {
        List<JsonNode> out = from("pretty-array.json");
        assertEquals(3, out.size(), out.toString());
        assertEquals(List.of("DEMO-0054", "DEMO-0056"), out.stream().filter(o -> !o.path("outcome").asText().equals("invalid-input"))
                .map(o -> o.path("key").asText()).sorted().toList());
        assertTrue(Files.exists(data.resolve("done/pretty-array.json")));
    }

    @Test
    void aTrailingCommaLosesNoRecordAndTheErrorDocumentSaysSo() throws Exception {
        assertEquals(List.of("DEMO-0057", "DEMO-0058"), keys("trailing-comma.json"));
        JsonNode doc = JSON.readTree(data.resolve("error/trailing-comma.json.error.json").toFile());
        assertEquals(2, doc.path("records_handed_on").asInt(), doc.toString());
        assertEquals(3, doc.path("stopped_at_record").asInt(), doc.toString());
        assertTrue(doc.path("reason").asText().contains("trailing comma") && doc.path("reason").asText().contains("no record was lost"),
                doc.toString());
    }

    @Test
    void anUnterminatedFirstLineCostsOnlyItself() {
        assertEquals(2, from("unterminated.jsonl").size(), outcomes.toString());
        assertTrue(keys("unterminated.jsonl").contains("DEMO-0032"));
        assertTrue(Files.exists(data.resolve("done/unterminated.jsonl")));
    }

    @Test
    void aBrokenRecordAfterAPrettyPrintedOneDoesNotSwallowTheRecordAfterIt() {
        List<String> keys = keys("pretty-then-broken.json");
        assertEquals(3, from("pretty-then-broken.json").size(), from("pretty-then-broken.json").toString());
        assertTrue(keys.contains("DEMO-0033") && keys.contains("DEMO-0034"), keys.toString());
    }

    @Test
    void aPrettyPrintedRecordAfterAOneLineRecordIsSentWhole() {
        assertEquals(List.of("DEMO-0035", "DEMO-0036"), keys("line-then-pretty.json"));
        assertTrue(from("line-then-pretty.json").stream().noneMatch(o -> o.path("outcome").asText().equals("invalid-input")));
    }

    @Test
    void aUsersFileEndingInCamelLockIsNeitherDeletedNorIgnoredWithoutAWord() {
        assertTrue(Files.exists(data.resolve("inbox/export.camelLock")), "the user's file is still there");
        assertTrue(tally.summary().contains("skipped 3"), tally.summary()); // export.camelLock, subfolder, .hidden.json
    }

    @Test
    void aFileWithAFutureModificationTimeIsReadInOnceMode() {
        assertEquals(List.of("DEMO-0043"), keys("future.json"));
        assertTrue(Files.exists(data.resolve("done/future.json")));
    }

    @Test
    void twoNamesThatCleanToTheSameSafeNameKeepTwoFilesInTheErrorFolder() throws Exception {
        List<String> contents = new ArrayList<>();
        for (String n : List.of("a_b.json", "a_b~2.json")) {
            contents.add(Files.readString(data.resolve("error").resolve(n)));
            assertTrue(Files.exists(data.resolve("error").resolve(n + ".error.json")), n);
        }
        assertEquals(List.of("one", "two"), contents.stream().sorted().toList());
    }

    @Test
    void aDroppedFileNamedLikeAnErrorDocumentReplacesNothing() throws Exception {
        List<byte[]> kept = new ArrayList<>();
        try (Stream<Path> s = Files.list(data.resolve("error"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("y")).toList()) {
                byte[] b = Files.readAllBytes(p);
                if (b.length == 2) {
                    kept.add(b);
                }
            }
        }
        assertEquals(2, kept.size(), "both dropped files are in the error folder");
        assertFalse(java.util.Arrays.equals(kept.get(0), kept.get(1)));
    }

    @Test
    void aFileOfANameAlreadyDoneIsMovedBesideItNotOverIt() throws Exception {
        assertEquals("the earlier file", Files.readString(data.resolve("done/dup.json")));
        assertEquals(rec(44), Files.readString(data.resolve("done/dup~2.json")));
    }

    @Test
    void onceExitsNonZeroWhenItSkippedAFileThatIsNotHidden() {
        assertEquals(AlipassRunner.EXIT_FAILURES, exit);
    }

    @Test
    void everyOutcomeSaysWhichFileAndRecordItCameFrom() {
        JsonNode second = from("broken-array.json").stream().filter(o -> o.path("key").asText().equals("DEMO-0022")).findFirst().orElseThrow();
        assertEquals(2, second.path("source").path("record").asInt(), second.toString());
    }

    @Test
    void anInvalidRecordsDocumentCarriesTheMethodAndKeyItCouldRead() {
        JsonNode invalid = from("invalid.json").get(0);
        assertEquals("invalid-input", invalid.path("outcome").asText(), invalid.toString());
        assertEquals("alipay.pass.instance.update", invalid.path("method").asText(), invalid.toString());
        assertEquals("DEMO-0045", invalid.path("key").asText(), invalid.toString());
    }

    @Test
    void aDropFolderWithOnlyAHiddenFileExitsZeroAndCountsIt(@TempDir Path other) throws Exception {
        Path inbox = Files.createDirectories(other.resolve("inbox"));
        write(inbox, ".gitkeep", "");
        AlipassRunner runner = new AlipassRunner("--once", "--alipass.data-dir=" + other);
        assertEquals(0, runner.run());
        assertEquals("done 0, failed 0, dead-lettered 0, unreadable files 0, skipped 1", runner.tally().summary());
        assertArrayEquals(new byte[0], Files.readAllBytes(inbox.resolve(".gitkeep")));
    }
}
