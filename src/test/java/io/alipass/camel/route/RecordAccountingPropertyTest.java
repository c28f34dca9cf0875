package io.alipass.camel.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ShrinkingMode;

/**
 * The reader's accounting invariant, on files generated from valid records in every layout and
 * broken in one place (cut, garbage, an extra brace, a trailing comma, deep nesting, a long number,
 * a broken element): every character of the file belongs to a record handed out, to the white
 * space or punctuation between records, or to the unread rest after a reported stop; and every
 * record the break did not touch is handed out. 2,000 tries, fixed seed, in every build.
 */
class RecordAccountingPropertyTest {
    /** Per layout: files, records written, records handed out, of which whole records (their serial readable), stops. */
    private static final java.util.Map<DroppedFiles.Layout, long[]> FIGURES = new java.util.concurrent.ConcurrentHashMap<>();

    @net.jqwik.api.lifecycle.AfterContainer
    static void printFigures() {
        FIGURES.forEach((layout, f) -> System.out.printf("accounting %-12s files %5d, records written %5d, handed out %5d "
                + "(whole records %5d, broken text %5d), stops %4d, untouched records lost 0%n", layout, f[0], f[1], f[2], f[3], f[2] - f[3], f[4]));
    }

    @Provide
    Arbitrary<DroppedFiles.File> files() {
        return DroppedFiles.files();
    }

    @Property(tries = 2000, seed = "20261129", shrinking = ShrinkingMode.BOUNDED)
    void everyCharacterOfADroppedFileIsAccountedForAndNoUntouchedRecordIsLost(@ForAll("files") DroppedFiles.File file) {
        List<Object> records = new ArrayList<>();
        JsonRecordReader.Stop stop;
        try (JsonRecordReader r = new JsonRecordReader(new ByteArrayInputStream(file.text().getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8, "generated.json")) {
            r.forEachRemaining(records::add);
            stop = r.stop().orElse(null);
        }
        String text = file.text();
        int at = 0;
        for (Object o : records) {
            String rec = (String) o;
            int found = text.indexOf(rec, at);
            assertTrue(found >= 0, "record " + rec + " is not in the file after offset " + at);
            assertTrue(between(text.substring(at, found)), "text skipped without a word before a record: '" + text.substring(at, found) + "'");
            at = found + rec.length();
        }
        if (stop != null) {
            assertTrue(stop.offset() >= at, "the stop is after the last record handed out");
            assertTrue(between(text.substring(at, (int) stop.offset())), "text skipped before the stop: '" + text.substring(at, (int) stop.offset()) + "'");
            assertEquals(records.size() + 1, stop.recordNumber(), "the stop names the next record number");
            assertTrue(file.array() || records.isEmpty(), "only an array (or a file with no record) stops: " + stop);
        } else {
            assertTrue(between(text.substring(at)), "text left unread at the end: '" + text.substring(at) + "'");
        }
        List<String> handedOn = new ArrayList<>();
        for (Object o : records) {
            for (String serial : file.serials()) {
                if (((String) o).contains("\"" + serial + "\"") && ((String) o).startsWith("{")) {
                    handedOn.add(serial);
                }
            }
        }
        long[] f = FIGURES.computeIfAbsent(file.layout(), k -> new long[5]);
        synchronized (f) {
            f[0]++;
            f[1] += file.serials().size();
            f[2] += records.size();
            f[3] += handedOn.size();
            f[4] += stop == null ? 0 : 1;
        }
        assertTrue(handedOn.containsAll(file.mustReach()), "records lost: must reach " + file.mustReach() + ", handed on " + handedOn
                + "\n" + text);
    }

    /** White space and the punctuation of an array: what may lie between records without being a record. */
    private static boolean between(String gap) {
        return gap.chars().allMatch(c -> c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',' || c == '[' || c == ']');
    }
}
