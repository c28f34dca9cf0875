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
 * Writes {@code <file>.error.json} into the error folder when a dropped file cannot be read to its
 * end (see {@link RecordFileException}): the file's name, the name it is moved under, when, how many
 * records were handed on before the failure (each has its own outcome), the record number and
 * character offset where reading stopped, and why. Nothing in the error folder is replaced: the
 * name is chosen by {@link FolderNames} and left in {@link RecordFileEnd#MOVED_AS} for the file
 * consumer's {@code moveFailed}, which then moves the file beside its document.
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
        Files.createDirectories(errorDir);
        String movedAs = FolderNames.free(errorDir, name);
        exchange.setProperty(RecordFileEnd.MOVED_AS, movedAs);
        ObjectNode doc = JSON.createObjectNode()
                .put("file", name)
                .put("moved_as", movedAs)
                .put("failed_at", Instant.now().toString());
        if (e instanceof RecordFileException r) {
            doc.put("records_handed_on", r.recordsHandedOn());
            if (r.stoppedAtRecord() > 0) {
                doc.put("stopped_at_record", r.stoppedAtRecord());
                doc.put("stopped_at_offset", r.stoppedAtOffset());
            }
        } else {
            // Not a reading failure (the route itself failed): the records read so far, if the reader got that far.
            JsonRecordReader reader = exchange.getProperty(JsonRecordSplitter.READER, JsonRecordReader.class);
            doc.put("records_handed_on", reader == null ? 0 : reader.recordsRead());
        }
        doc.put("reason", e == null ? "unknown" : Redaction.redact(String.valueOf(e.getMessage())));
        // CREATE_NEW: a document is never replaced, even if a file of that name appeared since the name was chosen.
        Files.writeString(errorDir.resolve(errorDocumentName(movedAs)), doc.toPrettyString() + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
        LOG.warn("dropped file {} moved to {} as {}: {}", name, errorDir, movedAs, doc.get("reason").asText());
    }
}
