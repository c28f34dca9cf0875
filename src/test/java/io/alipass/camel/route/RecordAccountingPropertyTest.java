package io.alipass.camel.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;


import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The reader's accounting invariant, on files generated from valid records in every layout (JSON
 * lines, pretty-printed objects, an array on one line, an array with one element per line in three
 * comma styles, an array of pretty-printed elements, an array written on many lines without
 * indentation, where a nested brace starts a line) and broken in one place (cut, a garbage line,
 * garbage before a record, an extra brace, a trailing comma, deep nesting, a long number, a missing
 * colon, a number cut in two, an unterminated string):
 * <ul>
 * <li>every character of the file belongs to a record handed out (whole or broken), to the white
 *     space or punctuation between records, or to the unread rest after a reported stop;</li>
 * <li>every record the break did not touch is handed out, whole: in the layouts that resynchronise
 *     (all but the one-line and the unindented array) those after the break too; and only a cut file or a trailing
 *     comma stops them;</li>
 * <li>no record is invented: a record handed out as readable is byte for byte one of the records
 *     written (or the one the break left valid JSON), never a fragment of one; anything else is a
 *     {@link JsonRecordReader.BrokenRecord}, refused, with its number and offset right.</li>
 * </ul>
 * 2,000 tries, seed 20261129, in every build (about two seconds).
 */
class RecordAccountingPropertyTest {
    /** Per layout: files, records written, handed out, of which whole, broken, stops, untouched lost, whole after the break, over a limit. */
    private static final Map<DroppedFiles.Layout, long[]> FIGURES = new ConcurrentHashMap<>();

    @AfterContainer
    static void printFigures() {
        new TreeMap<>(FIGURES).forEach((layout, f) -> System.out.printf("accounting %-12s files %4d, records written %5d, handed out %5d "
                + "(whole %5d, over a limit %3d, broken %4d), stops %4d, untouched records lost %d, whole records after the break %4d%n",
                layout, f[0], f[1], f[2], f[3], f[8], f[4], f[5], f[6], f[7]));
    }

    @Provide
    Arbitrary<DroppedFiles.File> files() {
        return DroppedFiles.files();
    }

    @Property(tries = 2000, seed = "20261129", shrinking = ShrinkingMode.BOUNDED)
    void everyCharacterOfADroppedFileIsAccountedForAndNoUntouchedRecordIsLostOrInvented(@ForAll("files") DroppedFiles.File file) {
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
            String rec = o instanceof JsonRecordReader.BrokenRecord b ? b.text() : (String) o;
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
            if (file.layout().resynchronises()) {
                assertTrue(file.kind() == DroppedFiles.Break.CUT || file.kind() == DroppedFiles.Break.TRAILING_COMMA,
                        "only a cut file or a trailing comma stops a layout that resynchronises: " + stop + "\n" + text);
            }
        } else {
            assertTrue(between(text.substring(at)), "text left unread at the end: '" + text.substring(at) + "'");
        }
        List<String> whole = new ArrayList<>();
        long broken = 0;
        long overLimit = 0;
        for (Object o : records) {
            if (o instanceof JsonRecordReader.BrokenRecord b) {
                broken++; // refused whatever its text
                assertEquals(records.indexOf(o) + 1, b.recordNumber(), "a broken record's number");
                assertEquals(text.indexOf(b.text(), (int) b.offset()), b.offset(), "a broken record's offset");
                continue;
            }
            String rec = (String) o;
            int i = file.records().indexOf(rec);
            if (i >= 0) {
                whole.add(file.serials().get(i));
            } else if (rec.equals(file.altered())) {
                overLimit++;
            } else {
                fail("an invented record: '" + rec + "' is handed on as a record but is not one of the records written\n" + text);
            }
        }
        long lost = file.mustReach().stream().filter(s -> !whole.contains(s)).count();
        long afterBreak = file.brokenAt() < 0 ? 0 : whole.stream().filter(s -> file.serials().indexOf(s) > file.brokenAt()).count();
        long[] f = FIGURES.computeIfAbsent(file.layout(), k -> new long[9]);
        synchronized (f) {
            f[0]++;
            f[1] += file.serials().size();
            f[2] += records.size();
            f[3] += whole.size();
            f[4] += broken;
            f[5] += stop == null ? 0 : 1;
            f[6] += lost;
            f[7] += afterBreak;
            f[8] += overLimit;
        }
        assertEquals(0, lost, "records lost: must reach " + file.mustReach() + ", handed on whole " + whole + "\n" + text);
    }

    /** White space and the punctuation of an array: what may lie between records without being a record. */
    private static boolean between(String gap) {
        return gap.chars().allMatch(c -> c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',' || c == '[' || c == ']');
    }
}
