package io.alipass.camel.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordReaderTest {

    private static List<Object> read(String text) {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Object> read(InputStream in) {
        List<Object> out = new ArrayList<>();
        try (JsonRecordReader r = new JsonRecordReader(in, StandardCharsets.UTF_8, "t.json")) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void aSingleObjectIsOneRecord() {
        assertEquals(List.of("{\"a\":1}"), read("{\"a\":1}"));
    }

    @Test
    void aPrettyPrintedObjectIsOneRecord() {
        assertEquals(List.of("{\n  \"a\": \"x}\",\n  \"b\": {\"c\": [1, 2]}\n}"),
                read("\n{\n  \"a\": \"x}\",\n  \"b\": {\"c\": [1, 2]}\n}\n"));
    }

    @Test
    void jsonLinesAreOneRecordEach() {
        assertEquals(List.of("{\"a\":1}", "{\"a\":2}", "{\"a\":3}"), read("{\"a\":1}\n{\"a\":2}\r\n\n{\"a\":3}\n"));
    }

    @Test
    void aBrokenLineInJsonLinesIsItsOwnRecordAndDoesNotSwallowTheNext() {
        assertEquals(List.of("{\"a\":1}", "{\"a\":", "{\"a\":3}"), read("{\"a\":1}\n{\"a\":\n{\"a\":3}\n"));
    }

    @Test
    void anArrayIsStreamedElementByElement() {
        assertEquals(List.of("{\"a\":1}", "{\"b\":\"中\"}", "7"), read("[ {\"a\":1}, {\"b\":\"中\"}, 7 ]"));
    }

    @Test
    void aByteOrderMarkIsSkipped() {
        assertEquals(List.of("{\"a\":1}"), read("\uFEFF{\"a\":1}"));
    }

    @Test
    void anEmptyFileFailsAsAWhole() {
        RecordFileException e = assertThrows(RecordFileException.class, () -> read("  \n"));
        assertTrue(e.getMessage().contains("no JSON record"), e.getMessage());
    }

    @Test
    void aBrokenArrayFailsTheFileAfterTheGoodRecordsBeforeIt() {
        List<Object> seen = new ArrayList<>();
        try (JsonRecordReader r = new JsonRecordReader(
                new ByteArrayInputStream("[{\"a\":1},{\"a\":2},{\"a\" 3}]".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8, "t.json")) {
            RecordFileException e = assertThrows(RecordFileException.class, () -> r.forEachRemaining(seen::add));
            assertTrue(e.getMessage().contains("after record 2"), e.getMessage());
        }
        assertEquals(2, seen.size());
    }

    @Test
    void binaryContentFailsTheFileInsteadOfBecomingReplacementCharacters() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        RecordFileException e = assertThrows(RecordFileException.class, () -> read(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains("cannot be read as text"), e.getMessage());
    }

    @Test
    void anOversizedLineBecomesAnOversizedRecordAndReadingGoesOn() {
        String big = "{\"a\":\"" + "x".repeat(JsonRecordReader.MAX_RECORD_CHARS + 10) + "\"}";
        List<Object> records = read("{\"a\":1}\n" + big + "\n{\"a\":3}\n");
        assertEquals(3, records.size());
        assertInstanceOf(JsonRecordReader.OversizedRecord.class, records.get(1));
        assertEquals("{\"a\":3}", records.get(2));
    }

    @Test
    void afterAFileLevelFailureTheReaderIsFinished() {
        JsonRecordReader r = new JsonRecordReader(new ByteArrayInputStream(new byte[] {(byte) 0xff, (byte) 0xfe, 0}),
                StandardCharsets.UTF_8, "binary.json");
        assertThrows(RecordFileException.class, r::hasNext);
        assertEquals(false, r.hasNext(), "a second call reports the end instead of throwing again");
    }
}
