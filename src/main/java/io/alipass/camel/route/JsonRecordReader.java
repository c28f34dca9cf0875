package io.alipass.camel.route;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Streams the update records of a dropped file without reading it whole, with one JSON lexer
 * (Jackson's streaming parser) whose token offsets cut out each record's text exactly as written.
 *
 * <p>The grammar (README, "How a dropped file is read"):
 * <ul>
 * <li>A file whose first character (after a byte-order mark and white space) is {@code [} is one
 *     JSON array; each element is a record. An element that breaks costs only itself when it starts
 *     a line of its own: its text runs to the next line whose first character other than blanks
 *     (and one comma) is <code>{</code> (or the closing {@code ]}) at the broken element's column
 *     or less, comes out as a {@link BrokenRecord} (refused with its reason), and reading resumes
 *     there. An element that shares its line with the one before (an array on one line), an array
 *     whose nested lines are not indented deeper than its elements (a line starting with a brace
 *     may then be nested), a break with no such line after it, a trailing comma, text after the
 *     closing bracket (a second array, say) or a file cut short stop reading: the rest of the file is reported once, with
 *     the record number and character offset where reading stopped ({@link #stop()}).</li>
 * <li>Any other file is a sequence of JSON values separated by white space: one object, JSON
 *     lines, or concatenated (pretty-printed) objects; a record may span lines. A record that does
 *     not parse costs only itself: it ends where a later line starts with <code>{</code> at its
 *     column or less (in the first column when it does not start its own line), and reading goes
 *     on there. The broken text comes out as a {@link BrokenRecord}, refused with its reason.</li>
 * <li>A record longer than {@link #MAX_RECORD_CHARS} is never held in memory: it comes out as an
 *     {@link OversizedRecord} (record number, offset, length) and is refused with that pointer.</li>
 * <li>Text that is not in the file's charset stops reading (the rest is reported as above); a file
 *     with no record at all is reported the same way, with nothing handed on.</li>
 * </ul>
 * The iterator never throws for the content of the file: the reader ends instead and
 * {@link #stop()} says why, so that every record handed on before is processed.
 */
public final class JsonRecordReader implements Iterator<Object>, Closeable {
    /** The longest record read into memory: far above the API's own limits (tpl_content is 99,999 characters). */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    /**
     * Stands for a record too long to read; it fails validation with that reason and this pointer.
     *
     * @param recordNumber the record's number in the file, from 1
     * @param offset       the character offset of its first character in the file
     * @param length       its length in characters, as far as it was read
     */
    public record OversizedRecord(long recordNumber, long offset, long length) {
    }

    /**
     * Stands for a record that does not parse, cut out of the file up to where reading resumed
     * after it; it is refused with the reader's reason, even when its text alone would parse (an
     * element after a missing comma), so that a broken record is never sent.
     *
     * @param recordNumber the record's number in the file, from 1
     * @param offset       the character offset of its first character in the file
     * @param text         its text as written, without the white space around it
     * @param problem      why it does not parse, in the parser's words without an excerpt of the data
     */
    public record BrokenRecord(long recordNumber, long offset, String text, String problem) {
        /** Names the record, never its text (which may hold anything a user wrote). */
        @Override
        public String toString() {
            return "BrokenRecord[record " + recordNumber + " at offset " + offset + ", " + text.length() + " characters]";
        }
    }

    /**
     * Where and why reading stopped before the end of the file; the rest of the file is unread.
     *
     * @param recordNumber the number the next record would have had
     * @param offset       the character offset where the unread rest begins
     * @param problem      why, as a phrase after the file name ("is not a valid JSON array after record 2: ...")
     */
    public record Stop(long recordNumber, long offset, String problem) {
    }

    // Limits are the validation's business (per record, with a message naming them): the lexer only finds record boundaries.
    private static final JsonFactory LEXER = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(MAX_RECORD_CHARS).maxNameLength(MAX_RECORD_CHARS)
                    .maxNestingDepth(MAX_RECORD_CHARS).maxStringLength(MAX_RECORD_CHARS).build())
            .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private final RecordText text;
    private final String fileName;
    private JsonParser parser;
    /** Absolute offset of the current parser's first character. */
    private long base;
    private Boolean array;
    private Object next;
    private long records;
    private boolean done;
    private Stop stop;
    /** Absolute offset just after the last record handed out: where an unread rest begins. */
    private long lastEnd;
    /** Absolute offset of the file's first character after a byte-order mark: its first line starts there. */
    private long fileStart;
    private static final long NO_RECORD_YET = -2;
    /** The column of the latest record's first character when it starts its own line, -1 when it does not. */
    private long column = NO_RECORD_YET;
    /** Where a parser resumed after a broken record, and that record's column (the start of its line is let go). */
    private long resumedAt = -1;
    private long resumedColumn;
    /**
     * An element of this array spans lines with a nested line no deeper than the element itself (a
     * writer that does not indent): a line that starts with a brace may then be a nested object, so
     * the reader no longer resynchronises in this file.
     */
    private boolean unindented;

    /** Reads a stream in the given charset; malformed bytes stop reading, never silently become U+FFFD. */
    public JsonRecordReader(InputStream stream, Charset charset, String fileName) {
        this.text = new RecordText(new DecodedText(stream, charset));
        this.fileName = fileName;
    }

    /** How many records have been handed out so far. */
    public long recordsRead() {
        return records;
    }

    /** Why reading stopped before the end of the file, once the iteration is over; empty when the whole file was read. */
    public Optional<Stop> stop() {
        return Optional.ofNullable(stop);
    }

    /** The file's name, as given. */
    public String fileName() {
        return fileName;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = read();
            } catch (CharacterCodingException e) {
                // Every character before the bad bytes was handed to the parser: the records before them are read.
                stopAt(lastEnd, "cannot be read as text after record " + records + ": "
                        + e.getClass().getSimpleName() + " (bytes that are not " + "in the file's charset)");
            } catch (IOException e) {
                stopAt(lastEnd, "cannot be read as text after record " + records + ": " + e.getClass().getSimpleName());
            }
            if (next == null) {
                done = true;
                if (records == 0 && stop == null) {
                    stop = new Stop(1, 0, Boolean.TRUE.equals(array) ? "holds no JSON record (an empty array)"
                            : "holds no JSON record (empty file)");
                }
            } else {
                records++;
            }
        }
        return next != null;
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object r = next;
        next = null;
        return r;
    }

    private void stopAt(long offset, String problem) {
        next = null;
        if (stop == null) {
            stop = new Stop(records + 1, offset, problem);
        }
    }

    private Object read() throws IOException {
        if (parser == null) {
            if (text.charAt(0) == '\uFEFF') {
                text.read(new char[1], 0, 1); // a byte-order mark from a Windows editor is not part of the JSON
                text.release(1);
                base = 1;
            }
            fileStart = base;
            parser = LEXER.createParser(text);
        }
        long from = base + parser.getCurrentLocation().getCharOffset();
        long start = -1;
        try {
            JsonToken t = parser.nextToken();
            if (array == null) {
                array = t == JsonToken.START_ARRAY;
                if (array) {
                    from = base + parser.getCurrentLocation().getCharOffset();
                    t = parser.nextToken();
                }
            }
            if (t == null) {
                if (array) {
                    stopAt(lastEnd, "ends inside its JSON array after record " + records + " (truncated?)");
                }
                return null;
            }
            if (array && t == JsonToken.END_ARRAY) {
                long end = base + parser.getCurrentLocation().getCharOffset();
                boolean more;
                try {
                    more = parser.nextToken() != null;
                } catch (JsonProcessingException e) {
                    more = true;
                }
                if (more) {
                    stopAt(firstNonBlank(end), "has text after its JSON array (after record " + records + ")");
                }
                return null;
            }
            start = base + parser.getTokenLocation().getCharOffset();
            column = leadingColumn(start); // before the text in front of the record is let go
            text.release(start);
            return record(t, start);
        } catch (JsonProcessingException e) {
            if (array == null) {
                array = false; // the first value is broken: a sequence, whose records can fail one by one
            }
            if (array) {
                return brokenElement(start, from, e);
            }
            long at = start >= 0 ? start : firstNonBlank(from);
            long col = start >= 0 ? column : leadingColumn(at);
            // A record that does not start its own line: the column-0 rule (records written one after another on a line).
            Resync r = resync(at, Math.max(col, 0), false);
            return r == null ? brokenToTheEnd(at, problem(e)) : cut(at, r, false, problem(e));
        }
    }

    /**
     * A break in an array: at {@code start} inside the element that begins there, or, when
     * {@code start} is -1, between elements (garbage, a stray brace, a missing comma). The broken
     * text runs to the next line that starts an element at the broken element's column or less, and
     * is refused as one record; a new parser resumes there. Where no such line follows, or the
     * element does not start its own line (an array on one line), reading stops at the break.
     */
    private Object brokenElement(long start, long from, JsonProcessingException e) throws IOException {
        long at = start >= 0 ? start : firstNonBlank(from);
        int c = text.charAt(at);
        if (start < 0 && c == ',') {
            long after = firstNonBlank(at + 1);
            if (text.charAt(after) == ']') {
                stopAt(at, "has a comma before its closing ] after record " + records + " (a trailing comma, which JSON does not allow;"
                        + " no record was lost: all " + records + " before it were read)");
                return null;
            }
            if (text.charAt(after) == ',') {
                // An empty element (",,"): the stray comma alone is the broken record, whatever the layout.
                Object stray = cut(after, new Resync(after + 1, after + 1), true, "an empty element: a comma where an element should be");
                resumedAt = -1; // what follows the comma does not start a line because of it
                return stray;
            }
            at = after; // that comma ends the element before; the break is what follows it
            c = text.charAt(at);
        }
        if (c < 0) {
            stopAt(at, "ends inside its JSON array after record " + records + " (truncated?)");
            return null;
        }
        String why = "is not a valid JSON array " + (records == 0 ? "at its first element" : "after record " + records) + ": " + problem(e);
        long col = start >= 0 ? column : column == NO_RECORD_YET ? leadingColumn(at) : column;
        if (unindented) {
            stopAt(at, why + " (an element before it has nested lines that are not indented deeper than the element,"
                    + " so the next element cannot be found safely)");
            return null;
        }
        if (col < 0) {
            stopAt(at, why + " (the element does not start a line of its own, so the next element cannot be found safely)");
            return null;
        }
        Resync r = resync(at, col, true);
        if (r == null) {
            stopAt(at, why + (unindented ? " (its nested lines are not indented deeper than the element, so the next element"
                    + " cannot be found safely)" : " (no later line starts an element at column " + col + " or less)"));
            return null;
        }
        return cut(at, r, true, problem(e));
    }

    /**
     * Where reading resumes after a broken record.
     *
     * @param lineStart the start of the line, where the broken record's text ends
     * @param at        the first character of the next record (<code>{</code>), or of the array's <code>]</code>
     */
    private record Resync(long lineStart, long at) {
    }

    /**
     * The first line after the one holding {@code from} whose first character other than blanks
     * (and, in an array, one comma) is <code>{</code>, or in an array <code>]</code>, at column
     * {@code col} or less. Nested lines of a record are indented deeper than the record by every
     * writer that indents, so they are never taken for the start of a record; and no line starts
     * inside a JSON string (a string cannot hold a line break).
     */
    private Resync resync(long from, long col, boolean inArray) throws IOException {
        long p = Math.max(from, text.keptFrom()); // an over-size record's head is no longer kept
        long lineStart = -1; // the start of the current line while it holds only blanks (and one comma) so far
        boolean comma = false;
        int c;
        while ((c = text.charAt(p)) >= 0) {
            if (c == '\n' || c == '\r') {
                lineStart = p + 1;
                comma = false;
            } else if (lineStart >= 0 && c != ' ' && c != '\t') {
                if (c == ',' && inArray && !comma) {
                    comma = true;
                } else {
                    if (p - lineStart <= col && (c == '{' || (inArray && c == ']' && !comma))) {
                        return new Resync(lineStart, p);
                    }
                    if (inArray && c == '"' && p - lineStart <= col) {
                        unindented = true; // a member of the broken element at its own column: a writer that does not indent
                        return null;
                    }
                    lineStart = -1;
                }
            }
            p++;
            if (p - from > MAX_RECORD_CHARS && (p & 0xFFFF) == 0) {
                text.release(p - 1); // over size: keep scanning for the next record without keeping this one
            }
        }
        return null;
    }

    /** Hands out the broken text from {@code at} to the resync point's line as one record, and resumes there. */
    private Object cut(long at, Resync r, boolean inArray, String problem) throws IOException {
        long end = r.lineStart();
        lastEnd = end;
        String raw = end - at > MAX_RECORD_CHARS ? null : text.text(at, end); // before a new parser reads ahead
        parser.close();
        // In an array the new parser is handed a '[' first, so that it reads on as inside the array.
        text.replayFrom(r.at(), inArray ? '[' : null);
        base = r.at() - (inArray ? 1 : 0);
        parser = LEXER.createParser(text);
        if (inArray) {
            parser.nextToken();
        }
        resumedAt = r.at();
        resumedColumn = r.at() - r.lineStart();
        if (raw == null) {
            return new OversizedRecord(records + 1, at, end - at);
        }
        return new BrokenRecord(records + 1, at, raw.strip(), problem);
    }

    /** A broken record in a sequence with no record after it: its text runs to the end of the file. */
    private Object brokenToTheEnd(long at, String problem) throws IOException {
        long end = Math.max(at, text.keptFrom());
        while (text.charAt(end) >= 0) {
            end++;
            if (end - at > MAX_RECORD_CHARS && (end & 0xFFFF) == 0) {
                text.release(end - 1);
            }
        }
        lastEnd = end;
        done = true;
        parser.close();
        String raw = end - at > MAX_RECORD_CHARS ? null : text.text(at, end);
        if (raw == null) {
            return new OversizedRecord(records + 1, at, end - at);
        }
        return new BrokenRecord(records + 1, at, raw.strip(), problem);
    }

    /** Whether a line of {@code raw} other than its first and last starts at {@code col} or less (one pass, no copies). */
    private static boolean nestedLineAtOrLeftOf(String raw, long col) {
        int lastBreak = Math.max(raw.lastIndexOf('\n'), raw.lastIndexOf('\r'));
        for (int i = 0; i < lastBreak; i++) {
            char c = raw.charAt(i);
            if (c != '\n' && c != '\r') {
                continue;
            }
            int j = i + 1;
            while (j < lastBreak && (raw.charAt(j) == ' ' || raw.charAt(j) == '\t')) {
                j++;
            }
            if (j < lastBreak && raw.charAt(j) != '\n' && raw.charAt(j) != '\r' && j - i - 1 <= col) {
                return true;
            }
        }
        return false;
    }

    /**
     * The column of a record that starts its own line (only blanks, and the array's {@code [} or a
     * comma, before it on its line), counted in characters from the line's start; -1 for a record
     * that follows another on the same line.
     */
    private long leadingColumn(long s) throws IOException {
        if (s == resumedAt) {
            return resumedColumn; // the start of its line is no longer kept
        }
        long p = s - 1;
        for (; p >= text.keptFrom(); p--) {
            int c = text.charAt(p);
            if (c == '\n' || c == '\r') {
                return s - p - 1;
            }
            if (c != ' ' && c != '\t' && c != ',' && c != '[') {
                return -1;
            }
        }
        return p + 1 == fileStart ? s - fileStart : -1;
    }

    /** Reads the value that starts with {@code t}; its text, or an oversized record. */
    private Object record(JsonToken t, long start) throws IOException {
        boolean oversized = false;
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            int depth = 1;
            while (depth > 0) {
                JsonToken in = parser.nextToken();
                if (in == null) {
                    throw new com.fasterxml.jackson.core.io.JsonEOFException(parser, null, "the record ends with the file");
                }
                if (in.isStructStart()) {
                    depth++;
                } else if (in.isStructEnd()) {
                    depth--;
                }
                if (!oversized && base + parser.getCurrentLocation().getCharOffset() - start > MAX_RECORD_CHARS) {
                    oversized = true;
                }
                if (oversized) {
                    text.release(base + parser.getTokenLocation().getCharOffset());
                }
            }
        } else if (t == JsonToken.VALUE_STRING) {
            parser.finishToken(); // a string record (refused later) ends with its closing quote
        }
        long end = base + parser.getCurrentLocation().getCharOffset();
        lastEnd = end;
        String raw = oversized ? null : text.text(start, end);
        if (raw == null) {
            return new OversizedRecord(records + 1, start, end - start);
        }
        if (array && column >= 0 && !unindented && raw.indexOf('\n') >= 0) {
            unindented = nestedLineAtOrLeftOf(raw, column);
        }
        return raw;
    }

    private long firstNonBlank(long from) throws IOException {
        long at = Math.max(from, text.keptFrom());
        int c;
        while ((c = text.charAt(at)) == ' ' || c == '\t' || c == '\r' || c == '\n') {
            at++;
        }
        return at;
    }

    /** Jackson's message without the source excerpt (which would echo data) or class names. */
    static String problem(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "not valid JSON";
        }
        int nl = m.indexOf('\n');
        m = nl > 0 ? m.substring(0, nl) : m;
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }

    @Override
    public void close() {
        try {
            if (parser != null) {
                parser.close();
            }
            text.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
