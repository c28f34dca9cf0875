package io.alipass.camel.route;

import java.io.IOException;
import java.io.Reader;

/**
 * The decoded text of a dropped file as {@link JsonRecordReader} reads it: counts characters from
 * the start of the file, keeps the characters from a mark on (the start of the record being read),
 * so that a record's raw text can be cut out by the parser's token offsets, and can replay kept
 * characters to a new parser after a broken record. What it keeps is bounded: past
 * {@link #KEEP_LIMIT} characters the oldest are dropped (the record is then over size anyway).
 */
final class RecordText extends Reader {
    /** A record may be at most {@link JsonRecordReader#MAX_RECORD_CHARS}; twice that, plus the parser's read-ahead. */
    static final int KEEP_LIMIT = 2 * JsonRecordReader.MAX_RECORD_CHARS + (1 << 16);
    private static final int TAIL_KEPT = 1 << 16;

    private final Reader in;
    private final StringBuilder kept = new StringBuilder(8192);
    /** Absolute offset of kept.charAt(0). */
    private long keptFrom;
    /** Absolute offset of the next character this reader hands out (may be below keptFrom + kept.length() after a replay). */
    private long position;
    /** A character handed out before position's, once (see {@link #replayFrom(long, Character)}). */
    private Character prefix;

    RecordText(Reader in) {
        this.in = in;
    }

    /** Absolute offset of the next character handed out. */
    long position() {
        return position;
    }

    /** The oldest absolute offset still kept. */
    long keptFrom() {
        return keptFrom;
    }

    /** Forgets everything before {@code offset}. */
    void release(long offset) {
        if (offset > keptFrom) {
            int n = (int) Math.min(offset - keptFrom, kept.length());
            kept.delete(0, n);
            keptFrom += n;
        }
    }

    /** The kept text from {@code start} to {@code end}, or null when part of it is no longer kept. */
    String text(long start, long end) {
        if (start < keptFrom || end > keptFrom + kept.length() || end < start) {
            return null;
        }
        return kept.substring((int) (start - keptFrom), (int) (end - keptFrom));
    }

    /** The character at an absolute offset, reading ahead as needed; -1 at the end of the file or when no longer kept. */
    int charAt(long offset) throws IOException {
        if (offset < keptFrom) {
            return -1;
        }
        while (offset >= keptFrom + kept.length()) {
            if (fill() < 0) {
                return -1;
            }
        }
        return kept.charAt((int) (offset - keptFrom));
    }

    /** Hands out the characters from {@code offset} again (they must still be kept), for a new parser. */
    void replayFrom(long offset) {
        replayFrom(offset, null);
    }

    /**
     * Hands out {@code prefix} and then the characters from {@code offset} again, for a new parser
     * that must start in a given state: {@code '['} puts a parser that resumes at an array element
     * inside an array, so that it reads the commas and the closing bracket that follow.
     */
    void replayFrom(long offset, Character prefix) {
        if (offset < keptFrom) {
            throw new IllegalStateException("offset " + offset + " is no longer kept");
        }
        position = offset;
        this.prefix = prefix;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (prefix != null) {
            buf[off] = prefix;
            prefix = null;
            return 1;
        }
        long keptEnd = keptFrom + kept.length();
        if (position >= keptEnd && fill() < 0) {
            return -1;
        }
        keptEnd = keptFrom + kept.length();
        int n = (int) Math.min(len, keptEnd - position);
        int from = (int) (position - keptFrom);
        kept.getChars(from, from + n, buf, off);
        position += n;
        return n;
    }

    /** Reads a chunk from the file into the kept text; -1 at the end. */
    private int fill() throws IOException {
        char[] chunk = new char[8192];
        int n = in.read(chunk);
        if (n < 0) {
            return -1;
        }
        kept.append(chunk, 0, n);
        if (kept.length() > KEEP_LIMIT) {
            // Keep only the tail, which holds everything a parser has not yet consumed.
            long newFrom = Math.min(position, keptFrom + kept.length() - TAIL_KEPT);
            release(newFrom);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
