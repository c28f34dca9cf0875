package io.alipass.camel.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code <file>.error.json} into the error folder when a dropped file as a whole cannot be
 * read (see {@link RecordFileException}): the file's name, when, how many records were handed on
 * before the failure, and why. The file consumer's {@code moveFailed} then moves the file beside it.
 */
public final class FileDropErrorWriter implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(FileDropErrorWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".error.json";
    private static final int MAX_NAME_BYTES = 255;
    private final Path errorDir;

    public FileDropErrorWriter(String errorDir) {
        this.errorDir = Path.of(errorDir);
    }

    /**
     * {@code <file>.error.json}, shortened when that would pass the 255-byte limit of a file name
     * (the dropped file's own name may already use it all): the name is cut and a hash of it added,
     * so two long names still get two documents. The document's {@code file} field keeps the full name.
     */
    public static String errorDocumentName(String fileName) {
        String doc = fileName + SUFFIX;
        if (doc.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return doc;
        }
        String hash = String.format("~%08x", fileName.hashCode());
        StringBuilder cut = new StringBuilder();
        int budget = MAX_NAME_BYTES - SUFFIX.length() - hash.length();
        for (int i = 0; i < fileName.length(); ) {
            int cp = fileName.codePointAt(i);
            String c = new String(Character.toChars(cp));
            budget -= c.getBytes(StandardCharsets.UTF_8).length;
            if (budget < 0) {
                break;
            }
            cut.append(c);
            i += Character.charCount(cp);
        }
        return cut + hash + SUFFIX;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        String name = Path.of(exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "unnamed", String.class)).getFileName().toString();
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ObjectNode doc = JSON.createObjectNode()
                .put("file", name)
                .put("failed_at", Instant.now().toString())
                .put("records_handed_on", exchange.getProperty(Exchange.SPLIT_INDEX, 0, Integer.class))
                .put("reason", e == null ? "unknown" : Redaction.redact(String.valueOf(e.getMessage())));
        Files.createDirectories(errorDir);
        Files.writeString(errorDir.resolve(errorDocumentName(name)), doc.toPrettyString() + "\n", StandardCharsets.UTF_8);
        LOG.warn("dropped file {} moved to {}: {}", name, errorDir, doc.get("reason").asText());
    }
}
