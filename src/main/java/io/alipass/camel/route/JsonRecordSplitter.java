package io.alipass.camel.route;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExpressionAdapter;

/**
 * The split expression of the drop folder: streams a file's records with {@link JsonRecordReader}.
 * Use it with a streaming split, {@code .split(new JsonRecordSplitter()).streaming()}, or from YAML
 * as a bean referenced with the {@code ref} language, followed by {@link RecordFileEnd}, which
 * fails the file when reading stopped early. Camel closes the reader when the split ends.
 */
public final class JsonRecordSplitter extends ExpressionAdapter {
    /** Exchange property of the file's exchange: its {@link JsonRecordReader}, read by {@link RecordFileEnd}. */
    public static final String READER = "AlipassRecordReader";
    private final Charset charset;

    /** Files in UTF-8, as RFC 8259 requires of JSON exchanged between systems. */
    public JsonRecordSplitter() {
        this(StandardCharsets.UTF_8);
    }

    public JsonRecordSplitter(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "charset");
    }

    @Override
    public Object evaluate(Exchange exchange) {
        InputStream in = exchange.getMessage().getBody(InputStream.class);
        if (in == null) {
            throw new RecordFileException(exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "message", String.class),
                    "has no body that can be read as a stream");
        }
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "message", String.class);
        JsonRecordReader reader = new JsonRecordReader(in, charset, name);
        exchange.setProperty(READER, reader);
        return reader;
    }

    @Override
    public String toString() {
        return "JsonRecordSplitter[" + charset.name() + "]";
    }
}
