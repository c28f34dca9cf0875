package io.alipass.camel.runner;

import io.alipass.camel.route.JsonRecordReader;
import java.io.InputStream;
import java.nio.charset.Charset;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

/**
 * The split expression of the drop-folder route: streams the records of the file in the exchange
 * with a {@link JsonRecordReader}, so a large drop is never read whole. The splitter closes the
 * reader (and with it the file) when the split ends.
 */
public final class FileRecords {
    private final Charset charset;

    /** @param charset the charset dropped files are written in ({@code alipass.file.charset}) */
    public FileRecords(Charset charset) {
        this.charset = charset;
    }

    /** The records of the dropped file: called from YAML as {@code method: {ref: alipassFileRecords, method: read}}. */
    public JsonRecordReader read(Exchange exchange) throws InvalidPayloadException {
        InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "unnamed", String.class);
        return new JsonRecordReader(in, charset, name);
    }
}
