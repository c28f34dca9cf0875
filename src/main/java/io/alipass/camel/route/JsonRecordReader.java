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
 *     JSON array; each element is a record. A syntax break inside the array stops reading there:
 *     the elements before it are records, the rest of the file is reported once, with the record
 *     number and character offset where reading stopped ({@link #stop()}). So is text after the
 *     closing bracket (a second array, say).</li>
 * <li>Any other file is a sequence of JSON values separated by white space: one object, JSON
 *     lines, or concatenated (pretty-printed) objects; a record may span lines. A record that does
 *     not parse costs only itself: it ends where the next line starts with <code>{</code> in its
 *     first column (after the line where the broken record began), and reading goes on there.
 *     The broken text comes out as a record of its own, so it is refused with its reason.</li>
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
            text.release(start);
            return record(t, start);
        } catch (JsonProcessingException e) {
            long at = start >= 0 ? start : firstNonBlank(from);
            if (array == null) {
                array = false; // the first value is broken: a sequence, whose records can fail one by one
            }
            if (array) {
                stopAt(at, "is not a valid JSON array after record " + records + ": " + problem(e));
                return null;
            }
            return broken(at);
        }
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
        return raw;
    }

    /**
     * A record that does not parse, in a sequence of values: its text runs from {@code start} to the
     * next line that starts with an opening brace, where a new parser takes over.
     */
    private Object broken(long start) throws IOException {
        long lineStart = -1;
        long at = Math.max(start, text.keptFrom()); // an over-size record's head is no longer kept
        boolean newline = false;
        int c;
        while ((c = text.charAt(at)) >= 0) {
            if (newline && c == '{') {
                lineStart = at;
                break;
            }
            newline = c == '\n';
            at++;
            if (at - start > MAX_RECORD_CHARS && (at & 0xFFFF) == 0) {
                text.release(at - 1); // over size: keep scanning for the next record without keeping this one
            }
        }
        long end = lineStart >= 0 ? lineStart : at;
        lastEnd = end;
        parser.close();
        if (lineStart >= 0) {
            text.replayFrom(lineStart);
            base = lineStart;
            parser = LEXER.createParser(text);
        } else {
            done = true; // the broken record runs to the end of the file
        }
        String raw = end - start > MAX_RECORD_CHARS ? null : text.text(start, end);
        if (raw == null) {
            return new OversizedRecord(records + 1, start, end - start);
        }
        text.release(end);
        String stripped = raw.strip();
        return stripped.isEmpty() ? raw : stripped;
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
