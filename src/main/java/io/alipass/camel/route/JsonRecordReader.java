package io.alipass.camel.route;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams the update records of a dropped file without reading it whole: a single JSON object
 * (pretty-printed or not), JSON lines, or a JSON array. Each record comes out as its JSON text; a
 * record that is not valid JSON still comes out as its text, so that it fails on its own with a
 * reason while the good records around it go through.
 *
 * <p>The file-level failures it throws as {@link RecordFileException}, which send the whole file
 * to the error folder: text that is not in the file's charset (a binary file), a file with no
 * record, and an array whose syntax breaks (the records before the break have been processed).
 * A record longer than {@link #MAX_RECORD_CHARS} becomes an {@link OversizedRecord}, skipped with
 * a reason, so that one huge line cannot exhaust the heap.
 */
public final class JsonRecordReader implements Iterator<Object>, Closeable {
    /** The longest record read into memory: far above the API's own limits (tpl_content is 99,999 characters). */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    /** Stands for a record that was too long to read; it fails validation with that reason. */
    public record OversizedRecord(long recordNumber) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PushbackReader in;
    private final String fileName;
    private Mode mode;
    private JsonParser arrayParser;
    private Object next;
    private long records;
    private boolean done;

    private enum Mode { LINES, CONCATENATED, ARRAY }

    /** Reads a stream in the given charset; malformed bytes fail the file, never silently become U+FFFD. */
    public JsonRecordReader(InputStream stream, Charset charset, String fileName) {
        var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        this.in = new PushbackReader(new BufferedReader(new InputStreamReader(stream, decoder), 65536), 2);
        this.fileName = fileName;
    }

    /** How many records have been read so far. */
    public long recordsRead() {
        return records;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = read();
            } catch (IOException e) {
                done = true;
                throw new RecordFileException(fileName, "cannot be read as text after record " + records + ": "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
            } catch (RecordFileException e) {
                // A file-level failure is final: the splitter asks hasNext() again while it winds down,
                // and a second throw there is logged by Camel as a stack trace.
                done = true;
                throw e;
            }
            if (next == null) {
                done = true;
                if (records == 0) {
                    throw new RecordFileException(fileName, "holds no JSON record (empty file)");
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

    private Object read() throws IOException {
        if (mode == null) {
            int c = skipWhitespaceAndBom();
            if (c < 0) {
                return null;
            }
            if (c == '[') {
                mode = Mode.ARRAY;
                in.unread(c);
                arrayParser = new JsonFactory(JSON).createParser(in); // from here on the parser owns the reader
                arrayParser.nextToken(); // START_ARRAY
                return readArrayElement();
            }
            in.unread(c);
            Object first = readBalanced();
            int after = peekRestOfLine();
            // One object per line means JSON lines: then a broken line ends at its newline, never swallowing the next.
            mode = (first instanceof String s && s.indexOf('\n') < 0 && after == '\n') ? Mode.LINES : Mode.CONCATENATED;
            return first;
        }
        return switch (mode) {
            case ARRAY -> readArrayElement();
            case LINES -> readLine();
            case CONCATENATED -> {
                int c = skipWhitespaceAndBom();
                if (c < 0) {
                    yield null;
                }
                in.unread(c);
                yield readBalanced();
            }
        };
    }

    private Object readArrayElement() throws IOException {
        try {
            JsonToken t = arrayParser.nextToken();
            if (t == null) {
                throw new RecordFileException(fileName, "ends inside its JSON array after record " + records + " (truncated?)");
            }
            if (t == JsonToken.END_ARRAY) {
                if (arrayParser.nextToken() != null) {
                    throw new RecordFileException(fileName, "has text after its JSON array");
                }
                return null;
            }
            return JSON.readTree(arrayParser).toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RecordFileException(fileName, "is not a valid JSON array after record " + records + ": " + e.getOriginalMessage());
        }
    }

    /** One line of a JSON-lines file; blank lines are skipped. */
    private Object readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean oversized = false;
        int c;
        while (true) {
            c = in.read();
            if (c < 0 || c == '\n') {
                String line = sb.toString().strip();
                if (oversized) {
                    return new OversizedRecord(records + 1);
                }
                if (!line.isEmpty()) {
                    return line;
                }
                if (c < 0) {
                    return null;
                }
                sb.setLength(0);
                continue;
            }
            if (sb.length() < MAX_RECORD_CHARS) {
                sb.append((char) c);
            } else {
                oversized = true;
            }
        }
    }

    /** From the next non-blank character to the end of a balanced object (or to the end of the text). */
    private Object readBalanced() throws IOException {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        boolean oversized = false;
        int c;
        while ((c = in.read()) >= 0) {
            if (sb.length() < MAX_RECORD_CHARS) {
                sb.append((char) c);
            } else {
                oversized = true;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth <= 0) {
                    break;
                }
            } else if (depth == 0 && c == '\n') {
                break; // a stray line outside any object is a record of its own (and invalid)
            }
        }
        if (oversized) {
            return new OversizedRecord(records + 1);
        }
        String text = sb.toString().strip();
        return text.isEmpty() ? null : text;
    }

    private int skipWhitespaceAndBom() throws IOException {
        int c;
        do {
            c = in.read();
        } while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF');
        return c;
    }

    /** The first character after trailing spaces on the current line, pushed back; '\n' or -1 when the line ends. */
    private int peekRestOfLine() throws IOException {
        int c;
        do {
            c = in.read();
        } while (c == ' ' || c == '\t' || c == '\r');
        if (c >= 0) {
            in.unread(c);
        }
        return c < 0 ? -1 : c;
    }

    @Override
    public void close() {
        try {
            if (arrayParser != null) {
                arrayParser.close();
            }
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
