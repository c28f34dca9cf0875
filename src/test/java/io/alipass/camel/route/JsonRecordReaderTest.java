package io.alipass.camel.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonRecordReaderTest {

    /** What a file read gives: the records handed out, and why reading stopped (if it did). */
    record Read(List<Object> records, Optional<JsonRecordReader.Stop> stop) {
    }

    /** How a broken record shows in the lists these tests compare: its text, marked. */
    private static String broken(String text) {
        return "broken: " + text;
    }

    private static Read readAll(String text) {
        return readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Read readAll(InputStream in) {
        List<Object> out = new ArrayList<>();
        try (JsonRecordReader r = new JsonRecordReader(in, StandardCharsets.UTF_8, "t.json")) {
            r.forEachRemaining(o -> out.add(o instanceof JsonRecordReader.BrokenRecord b ? broken(b.text()) : o));
            assertEquals(out.size(), r.recordsRead(), "recordsRead counts what was handed out");
            return new Read(out, r.stop());
        }
    }

    private static List<Object> read(String text) {
        Read r = readAll(text);
        assertEquals(Optional.empty(), r.stop(), "reading did not stop");
        return r.records();
    }

    @Test
    void aSingleObjectIsOneRecord() {
        assertEquals(List.of("{\"a\":1}"), read("{\"a\":1}"));
    }

    @Test
    void aPrettyPrintedObjectIsOneRecordKeptAsWritten() {
        assertEquals(List.of("{\n  \"a\": \"x}\",\n  \"b\": {\"c\": [1, 2]}\n}"),
                read("\n{\n  \"a\": \"x}\",\n  \"b\": {\"c\": [1, 2]}\n}\n"));
    }

    @Test
    void jsonLinesAreOneRecordEach() {
        assertEquals(List.of("{\"a\":1}", "{\"a\":2}", "{\"a\":3}"), read("{\"a\":1}\n{\"a\":2}\r\n\n{\"a\":3}\n"));
    }

    @Test
    void aBrokenLineInJsonLinesIsItsOwnRecordAndDoesNotSwallowTheNext() {
        assertEquals(List.of("{\"a\":1}", broken("{\"a\":"), "{\"a\":3}"), read("{\"a\":1}\n{\"a\":\n{\"a\":3}\n"));
    }

    @Test
    void anUnterminatedFirstLineCostsOnlyItself() {
        assertEquals(List.of(broken("{\"a\":\"x"), "{\"a\":2}", "{\"a\":3}"), read("{\"a\":\"x\n{\"a\":2}\n{\"a\":3}\n"));
    }

    @Test
    void aPrettyPrintedRecordFollowedByABrokenOneKeepsTheRecordsAfterIt() {
        assertEquals(List.of("{\n \"a\": 1\n}", broken("{\"a\": 2,"), "{\"a\":3}"), read("{\n \"a\": 1\n}\n{\"a\": 2,\n{\"a\":3}\n"));
    }

    @Test
    void aOneLineRecordFollowedByAPrettyPrintedOneIsTwoRecordsNotOnePerLine() {
        assertEquals(List.of("{\"a\":1}", "{\n  \"b\": 2,\n  \"c\": {\"d\": 3}\n}"), read("{\"a\":1}\n{\n  \"b\": 2,\n  \"c\": {\"d\": 3}\n}\n"));
    }

    @Test
    void aBrokenPrettyPrintedRecordIsOneRecordNotOnePerLine() {
        assertEquals(List.of(broken("{\n  \"b\": 2\n  \"c\": 3\n}"), "{\"a\":4}"), read("{\n  \"b\": 2\n  \"c\": 3\n}\n{\"a\":4}\n"));
    }

    @Test
    void aStrayClosingBraceIsARecordOfItsOwn() {
        assertEquals(List.of("{\"a\":1}", broken("}"), "{\"a\":2}"), read("{\"a\":1}}\n{\"a\":2}\n"));
    }

    @Test
    void anArrayIsStreamedElementByElementWithEachElementAsWritten() {
        assertEquals(List.of("{\"a\":1}", "{\"b\":\"中\", \"n\": 12.50}", "7"), read("[ {\"a\":1}, {\"b\":\"中\", \"n\": 12.50}, 7 ]"));
    }

    @Test
    void anArrayElementKeepsDuplicateKeysSoThatValidationSeesThem() {
        assertEquals(List.of("{\"a\":1,\"a\":2}"), read("[{\"a\":1,\"a\":2}]"));
    }

    @Test
    void aByteOrderMarkIsSkipped() {
        assertEquals(List.of("{\"a\":1}"), read("\uFEFF{\"a\":1}"));
    }

    @Test
    void anEmptyFileStopsWithNoRecord() {
        Read r = readAll("  \n");
        assertEquals(List.of(), r.records());
        assertTrue(r.stop().orElseThrow().problem().contains("no JSON record"), r.toString());
    }

    @Test
    void aBrokenElementInAnArrayOnOneLineStopsThereAndReportsTheRestWithTheRecordsBeforeIt() {
        Read r = readAll("[{\"a\":1},{\"a\":2},{\"a\" 3},{\"a\":4}]");
        assertEquals(List.of("{\"a\":1}", "{\"a\":2}"), r.records());
        JsonRecordReader.Stop stop = r.stop().orElseThrow();
        assertEquals(3, stop.recordNumber());
        assertEquals(17, stop.offset(), "the offset of the broken element");
        assertTrue(stop.problem().contains("after record 2"), stop.problem());
        assertTrue(stop.problem().contains("does not start a line of its own"), stop.problem());
    }

    @Test
    void aBrokenElementInAnArrayWithOneElementPerLineCostsOnlyItself() {
        assertEquals(List.of("{\"a\":1}", broken("{\"a\" 2},"), "{\"a\":3}", "{\"a\":4}"),
                read("[\n{\"a\":1},\n{\"a\" 2},\n{\"a\":3},\n{\"a\":4}\n]\n"));
    }

    @Test
    void aBrokenElementInAnArrayWithWindowsLineEndsCostsOnlyItself() {
        assertEquals(List.of("{\"a\":1}", broken("{\"a\" 2},"), "{\"a\":3}"),
                read("[\r\n  {\"a\":1},\r\n  {\"a\" 2},\r\n  {\"a\":3}\r\n]\r\n"));
    }

    @Test
    void aBrokenFirstElementOnTheBracketsLineCostsOnlyItself() {
        assertEquals(List.of(broken("{\"a\":\"x,"), "{\"a\":2}", "{\"a\":3}"), read("[{\"a\":\"x,\n{\"a\":2},\n{\"a\":3}]"));
    }

    @Test
    void aBrokenElementWithLeadingCommasCostsOnlyItself() {
        assertEquals(List.of("{\"a\":1}", broken("{\"a\":}"), "{\"a\":3}"), read("[ {\"a\":1}\n, {\"a\":}\n, {\"a\":3}\n]"));
    }

    @Test
    void aBrokenElementInAPrettyPrintedArrayCostsOnlyItselfAndItsNestedLinesAreNotTakenForElements() {
        String first = "{\n    \"a\": 1\n  }";
        String broken = "{\n    \"a\": 2,\n    \"items\": [\n      {\n        \"b\" 1\n      },\n      {\n        \"b\": 2\n      }\n    ]\n  },";
        String third = "{\n    \"a\": 3,\n    \"t\": {\"n\": 12.50}\n  }";
        assertEquals(List.of(first, broken(broken), third), read("[\n  " + first + ",\n  " + broken + "\n  " + third + "\n]\n"));
    }

    @Test
    void aGarbageLineBetweenElementsIsARecordOfItsOwnAndTheElementAfterItIsRead() {
        assertEquals(List.of("{\"a\":1}", broken("@# not json"), "{\"a\":2}"), read("[\n  {\"a\":1},\n  @# not json\n  {\"a\":2}\n]"));
    }

    @Test
    void aStrayBraceAfterAnElementIsARecordOfItsOwn() {
        assertEquals(List.of("{\"a\":1}", broken("},"), "{\"a\":2}"), read("[\n{\"a\":1}},\n{\"a\":2}\n]"));
    }

    @Test
    void anEmptyElementCostsOnlyItsStrayComma() {
        assertEquals(List.of("{\"a\":1}", broken(","), "{\"a\":2}"), read("[{\"a\":1},,{\"a\":2}]"));
    }

    @Test
    void aMissingCommaRefusesTheElementAfterItEvenThoughItsTextAloneWouldParse() {
        assertEquals(List.of("{\"a\":1}", broken("{\"a\":2}"), "{\"a\":3}"), read("[ {\"a\":1}\n  {\"a\":2}\n, {\"a\":3}\n]"));
        try (JsonRecordReader r = new JsonRecordReader(new ByteArrayInputStream("[\n{\"a\":1}\n{\"a\":2}\n]".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8, "t.json")) {
            r.next();
            JsonRecordReader.BrokenRecord b = assertInstanceOf(JsonRecordReader.BrokenRecord.class, r.next());
            assertEquals(2, b.recordNumber());
            assertEquals(10, b.offset());
            assertTrue(b.problem().contains("was expecting comma"), b.problem());
            assertFalse(r.hasNext());
        }
    }

    @Test
    void aBrokenRecordNamesItselfWithoutItsTextWhenPrinted() {
        JsonRecordReader.BrokenRecord b = new JsonRecordReader.BrokenRecord(3, 40, "{\"app_auth_token\":\"secret\"", "x");
        assertFalse(b.toString().contains("secret"), b.toString());
    }

    @Test
    void aBrokenLastElementCostsOnlyItselfWhenTheClosingBracketStartsALine() {
        assertEquals(List.of("{\"a\":1}", broken("{\"a\":2")), read("[\n  {\"a\":1},\n  {\"a\":2\n]\n"));
    }

    @Test
    void aTruncatedLastElementStopsWithTheRecordsBeforeItRead() {
        Read r = readAll("[\n{\"a\":1},\n{\"a\":2},\n{\"a\":\"x");
        assertEquals(List.of("{\"a\":1}", "{\"a\":2}"), r.records());
        JsonRecordReader.Stop stop = r.stop().orElseThrow();
        assertEquals(3, stop.recordNumber());
        assertEquals(20, stop.offset(), "the offset of the truncated element");
    }

    @Test
    void anElementThatBreaksWithNoElementStartingALineAfterItStopsThere() {
        // Jackson's own pretty printer: "}, {" starts each element after the first, so none starts a line.
        Read r = readAll("[ {\n  \"a\" : 1\n}, {\n  \"a\" 2\n}, {\n  \"a\" : 3\n} ]");
        assertEquals(List.of("{\n  \"a\" : 1\n}"), r.records());
        assertEquals(2, r.stop().orElseThrow().recordNumber());
    }

    @Test
    void aTrailingCommaInAnArrayLosesNoRecordAndIsNamed() {
        Read r = readAll("[\n{\"a\":1},\n{\"a\":2},\n]\n");
        assertEquals(2, r.records().size());
        JsonRecordReader.Stop stop = r.stop().orElseThrow();
        assertEquals(3, stop.recordNumber());
        assertEquals(18, stop.offset(), "the offset of the trailing comma");
        assertTrue(stop.problem().contains("trailing comma") && stop.problem().contains("no record was lost"), stop.problem());
    }

    @Test
    void afterAResynchronisationTextAfterTheClosingBracketStillStopsWithTheRightCounts() {
        Read r = readAll("[\n{\"a\":1},\n{\"a\" 2},\n{\"a\":3}\n]\n[{\"a\":4}]\n");
        assertEquals(List.of("{\"a\":1}", broken("{\"a\" 2},"), "{\"a\":3}"), r.records());
        JsonRecordReader.Stop stop = r.stop().orElseThrow();
        assertEquals(4, stop.recordNumber());
        assertEquals(30, stop.offset(), "where the second array begins");
        assertTrue(stop.problem().contains("text after its JSON array (after record 3)"), stop.problem());
    }

    @Test
    void afterAResynchronisationAFileCutShortStopsWithTheRightCounts() {
        Read r = readAll("[\n{\"a\":1},\n{\"a\" 2},\n{\"a\":3},\n{\"a\":");
        assertEquals(List.of("{\"a\":1}", broken("{\"a\" 2},"), "{\"a\":3}"), r.records());
        JsonRecordReader.Stop stop = r.stop().orElseThrow();
        assertEquals(4, stop.recordNumber());
        assertEquals(29, stop.offset(), "where the cut element begins");
    }

    @Test
    void afterAResynchronisationBytesThatAreNotUtf8StopWithTheRightCounts() {
        byte[] head = "[\n{\"a\":1},\n{\"a\" 2},\n{\"a\":3},\n{\"a\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
        bytes[head.length] = (byte) 0xC3;
        bytes[head.length + 1] = (byte) 0x28;
        bytes[head.length + 2] = '"';
        Read r = readAll(new ByteArrayInputStream(bytes));
        assertEquals(3, r.records().size());
        assertEquals(4, r.stop().orElseThrow().recordNumber());
        assertTrue(r.stop().orElseThrow().problem().contains("cannot be read as text after record 3"), r.stop().toString());
    }

    @Test
    void anArrayWrittenWithoutIndentationStopsRatherThanTakeANestedObjectForAnElement() {
        Read r = readAll("[\n{\n\"a\" 1,\n\"items\": [\n{\n\"c\": 1\n}\n]\n},\n{\n\"a\": 3\n}\n]\n");
        assertEquals(List.of(), r.records());
        assertEquals(1, r.stop().orElseThrow().recordNumber());
        assertTrue(r.stop().orElseThrow().problem().contains("not indented deeper"), r.stop().toString());
    }

    @Test
    void anArrayWhoseEarlierElementShowsNoIndentationStopsAtALaterBreak() {
        Read r = readAll("[\n{\n\"a\": 1\n},\n{\"a\" 2},\n{\"a\":3}\n]\n");
        assertEquals(List.of("{\n\"a\": 1\n}"), r.records());
        assertEquals(2, r.stop().orElseThrow().recordNumber());
    }

    @Test
    void indentedJsonLinesResumeAtTheBrokenRecordsColumn() {
        assertEquals(List.of("{\"a\":1}", broken("{\"a\":"), "{\"a\":3}"), read("  {\"a\":1}\n  {\"a\":\n  {\"a\":3}\n"));
    }

    @Test
    void textAfterTheClosingBracketIsReportedNotDropped() {
        Read r = readAll("[{\"a\":1},{\"a\":2}] x");
        assertEquals(2, r.records().size());
        assertTrue(r.stop().orElseThrow().problem().contains("text after its JSON array"), r.toString());
    }

    @Test
    void aSecondArrayInTheFileIsReportedNotDropped() {
        Read r = readAll("[{\"a\":1}]\n[{\"a\":2}]\n");
        assertEquals(List.of("{\"a\":1}"), r.records());
        assertEquals(2, r.stop().orElseThrow().recordNumber());
    }

    @Test
    void anElementOverAParserLimitIsStillARecordForValidationToRefuse() {
        String longNumber = "1".repeat(5000);
        String deep = "[".repeat(2000) + "]".repeat(2000);
        Read r = readAll("[{\"a\":1},{\"n\":" + longNumber + "},{\"d\":" + deep + "},{\"a\":4}]");
        assertEquals(4, r.records().size());
        assertEquals(Optional.empty(), r.stop());
    }

    @Test
    void binaryContentStopsReadingInsteadOfBecomingReplacementCharacters() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        Read r = readAll(new ByteArrayInputStream(bytes));
        assertEquals(List.of(), r.records());
        assertTrue(r.stop().orElseThrow().problem().contains("cannot be read as text"), r.toString());
    }

    @Test
    void theRecordsBeforeBytesThatAreNotUtf8AreReadAndTheRestIsReported() {
        byte[] good = "{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(good, good.length + 4);
        bytes[good.length] = '{';
        bytes[good.length + 1] = (byte) 0xC3;
        bytes[good.length + 2] = (byte) 0x28;
        bytes[good.length + 3] = '}';
        Read r = readAll(new ByteArrayInputStream(bytes));
        assertEquals(List.of("{\"a\":1}", "{\"a\":2}"), r.records());
        JsonRecordReader.Stop stop = r.stop().orElseThrow();
        assertEquals(3, stop.recordNumber());
        assertTrue(stop.problem().contains("cannot be read as text after record 2"), stop.problem());
    }

    @Test
    void anOversizedLineBecomesAnOversizedRecordWithItsPointerAndReadingGoesOn() {
        String big = "{\"a\":\"" + "x".repeat(JsonRecordReader.MAX_RECORD_CHARS + 10) + "\"}";
        List<Object> records = read("{\"a\":1}\n" + big + "\n{\"a\":3}\n");
        assertEquals(3, records.size());
        JsonRecordReader.OversizedRecord o = assertInstanceOf(JsonRecordReader.OversizedRecord.class, records.get(1));
        assertEquals(2, o.recordNumber());
        assertEquals(8, o.offset());
        assertEquals(big.length(), o.length());
        assertEquals("{\"a\":3}", records.get(2));
    }

    @Test
    void anOversizedArrayElementIsRefusedAsOversizedNotReadWhole() {
        String big = "{\"a\":\"" + "x".repeat(JsonRecordReader.MAX_RECORD_CHARS + 10) + "\"}";
        List<Object> records = read("[{\"a\":1}," + big + ",{\"a\":3}]");
        assertEquals(3, records.size());
        assertInstanceOf(JsonRecordReader.OversizedRecord.class, records.get(1));
        assertEquals("{\"a\":3}", records.get(2));
    }

    @Test
    void anOversizedBrokenArrayElementIsRefusedWithItsPointerAndTheNextElementIsRead() {
        String big = "{\"a\":\"" + "x".repeat(JsonRecordReader.MAX_RECORD_CHARS + 10);
        List<Object> records = read("[\n{\"a\":1},\n" + big + "\n{\"a\":3}\n]\n");
        assertEquals(3, records.size());
        JsonRecordReader.OversizedRecord o = assertInstanceOf(JsonRecordReader.OversizedRecord.class, records.get(1));
        assertEquals(2, o.recordNumber());
        assertEquals(11, o.offset());
        assertEquals(big.length() + 1, o.length(), "up to the line where reading resumed");
        assertEquals("{\"a\":3}", records.get(2));
    }

    @Test
    void afterTheEndTheReaderStaysFinished() {
        JsonRecordReader r = new JsonRecordReader(new ByteArrayInputStream(new byte[] {(byte) 0xff, (byte) 0xfe, 0}),
                StandardCharsets.UTF_8, "binary.json");
        assertFalse(r.hasNext());
        assertFalse(r.hasNext(), "a second call reports the end again");
        assertTrue(r.stop().isPresent());
    }
}
