package io.alipass.camel.route;

import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The step after a dropped file's split, when every record read has its outcome: fails the file
 * with a {@link RecordFileException} (counts and where reading stopped) when its reader stopped
 * before the end, and otherwise names the file in the done folder so that nothing there is replaced
 * (the file consumer's {@code move} reads {@link #MOVED_AS}).
 */
public final class RecordFileEnd implements Processor {
    /** Exchange property: the name under which the file moves to the done or error folder. */
    public static final String MOVED_AS = "AlipassMovedAs";
    private final Path doneDir;

    public RecordFileEnd(String doneDir) {
        this.doneDir = Path.of(doneDir);
    }

    @Override
    public void process(Exchange exchange) {
        JsonRecordReader reader = exchange.getProperty(JsonRecordSplitter.READER, JsonRecordReader.class);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "message", String.class);
        if (reader != null && reader.stop().isPresent()) {
            JsonRecordReader.Stop stop = reader.stop().get();
            throw new RecordFileException(name, stop.problem(), reader.recordsRead(), stop.recordNumber(), stop.offset());
        }
        exchange.setProperty(MOVED_AS, FolderNames.free(doneDir, Path.of(name).getFileName().toString()));
    }
}
