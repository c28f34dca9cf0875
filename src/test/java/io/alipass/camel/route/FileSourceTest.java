package io.alipass.camel.route;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.io.TempDir;

/** The contract through a real drop folder: each update is written as a file, split and streamed. */
class FileSourceTest extends SourceContract {
    private static final AtomicInteger FILES = new AtomicInteger();

    @TempDir
    Path folder;

    @Override
    String sourceUri() {
        return "direct:file-records";
    }

    @Override
    void addSourceRoutes() throws Exception {
        Path inbox = folder.resolve("inbox");
        Files.createDirectories(inbox);
        String errorDir = folder.resolve("error").toString();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?move=" + folder.resolve("done") + "/${file:name}&moveFailed=" + errorDir
                        + "/${file:name}&readLock=rename&delay=50")
                        .routeId("file-drop")
                        .onException(RecordFileException.class).handled(false).process(new FileDropErrorWriter(errorDir)).end()
                        .split(new JsonRecordSplitter()).streaming()
                            .to("direct:file-records")
                        .end();
            }
        });
    }

    @Override
    void send(String body) throws Exception {
        Path tmp = folder.resolve("update-" + FILES.incrementAndGet() + ".tmp");
        Files.writeString(tmp, body, StandardCharsets.UTF_8);
        Files.move(tmp, folder.resolve("inbox").resolve(tmp.getFileName().toString().replace(".tmp", ".json")));
    }
}
