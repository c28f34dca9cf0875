package io.alipass.camel.route;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes a dropped file strictly: bytes that are not in the charset fail, never become U+FFFD.
 * Unlike {@link java.io.InputStreamReader}, which drops the characters it decoded in the same call
 * as the bad bytes, it first hands out every character before them and reports the error on the
 * next read, so the records before a bad byte are read and only the rest of the file is lost.
 */
final class DecodedText extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(65536).flip();
    private CharacterCodingException deferred;
    private boolean eof;
    private boolean flushed;

    DecodedText(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (deferred != null) {
            throw deferred;
        }
        if (flushed) {
            return -1;
        }
        CharBuffer out = CharBuffer.wrap(buf, off, len);
        while (true) {
            CoderResult r = decoder.decode(bytes, out, eof);
            int n = out.position() - off;
            if (r.isError()) {
                try {
                    r.throwException();
                } catch (CharacterCodingException e) {
                    if (n > 0) {
                        deferred = e;
                        return n;
                    }
                    throw e;
                }
            }
            if (r.isOverflow()) {
                return n;
            }
            // Underflow: more bytes are needed.
            if (eof) {
                if (!flushed) {
                    decoder.flush(out);
                    flushed = true;
                    n = out.position() - off;
                }
                return n > 0 ? n : -1;
            }
            if (n > 0) {
                return n;
            }
            bytes.compact();
            int got = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (got < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + got);
            }
            bytes.flip();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
