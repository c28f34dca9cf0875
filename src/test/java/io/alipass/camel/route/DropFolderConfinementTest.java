package io.alipass.camel.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop folder cannot be made to read or write outside its folders: a symbolic link is moved
 * aside unread, a linked directory is not entered, and names that look like paths or expressions
 * are taken literally.
 */
class DropFolderConfinementTest {
    @TempDir
    Path root;
    private Path inbox;
    private Path done;
    private Path error;
    private Path outside;
    private DefaultCamelContext ctx;

    @BeforeEach
    void startDropFolder() throws Exception {
        inbox = Files.createDirectories(root.resolve("drop/inbox"));
        done = root.resolve("drop/done");
        error = root.resolve("drop/error");
        outside = Files.createDirectories(root.resolve("elsewhere"));
        ctx = new DefaultCamelContext();
        ctx.getRegistry().bind("dropFolderGuard", new DropFolderGuard(error.toString()));
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?move=" + done + "/${file:name}&moveFailed=" + error + "/${file:name}"
                        + "&readLock=rename&delay=20&filter=#dropFolderGuard")
                        .onException(RecordFileException.class).handled(false).process(new FileDropErrorWriter(error.toString())).end()
                        .split(new JsonRecordSplitter()).streaming()
                            .to("mock:records")
                        .end();
            }
        });
        ctx.start();
    }

    @AfterEach
    void stop() throws Exception {
        ctx.close();
    }

    @Test
    void aSymbolicLinkToAFileOutsideIsMovedAsideUnread() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret.json"), "{\"secret\":\"do-not-read-me\"}");
        Files.createSymbolicLink(inbox.resolve("link.json"), secret);
        awaitUntil(() -> Files.exists(error.resolve("link.json.error.json")));
        assertTrue(Files.isSymbolicLink(error.resolve("link.json")), "the link itself was moved, not its target");
        assertTrue(Files.readString(error.resolve("link.json.error.json")).contains("symbolic link"));
        assertEquals("{\"secret\":\"do-not-read-me\"}", Files.readString(secret), "the target is untouched");
        assertEquals(0, MockEndpoint.resolve(ctx, "mock:records").getReceivedCounter(), "nothing was read through the link");
    }

    @Test
    void aLinkedDirectoryIsNotEntered() throws Exception {
        Files.writeString(outside.resolve("inside.json"), "{\"secret\":\"do-not-read-me\"}");
        Files.createSymbolicLink(inbox.resolve("sub"), outside);
        Files.writeString(inbox.resolve("after.json"), "{\"a\":1}");
        awaitUntil(() -> Files.exists(done.resolve("after.json")));
        assertEquals(1, MockEndpoint.resolve(ctx, "mock:records").getReceivedCounter(), "only the regular file was read");
        assertTrue(Files.exists(outside.resolve("inside.json")), "the linked directory's files stay where they are");
        assertTrue(Files.isSymbolicLink(inbox.resolve("sub")), "a directory (linked or not) is left alone: the consumer is not recursive");
    }

    @Test
    void aNameWithBackslashesIsMovedAsideNotTakenAsAPath() throws Exception {
        Files.writeString(inbox.resolve("a\\..\\..\\escape.json"), "{\"a\":1}");
        awaitUntil(() -> Files.exists(error.resolve("a_.._.._escape.json.error.json")));
        assertTrue(Files.exists(error.resolve("a_.._.._escape.json")));
        assertFalse(Files.exists(root.resolve("escape.json")));
        assertFalse(Files.exists(root.resolve("drop/escape.json")));
        assertEquals(List.of(), MockEndpoint.resolve(ctx, "mock:records").getExchanges());
    }

    @Test
    void namesThatLookLikeExpressionsAreTakenLiterally() throws Exception {
        for (String name : List.of("${sys:user.home}.json", "$simple{date:now:yyyy}.json", "..json.x", "$(id).json")) {
            Files.writeString(root.resolve("tmp"), "{\"a\":1}", StandardCharsets.UTF_8);
            Files.move(root.resolve("tmp"), inbox.resolve(name));
        }
        awaitUntil(() -> MockEndpoint.resolve(ctx, "mock:records").getReceivedCounter() == 3
                && Files.exists(done.resolve("${sys:user.home}.json")) && Files.exists(done.resolve("$simple{date:now:yyyy}.json"))
                && Files.exists(done.resolve("$(id).json")));
        try (var inDone = Files.list(done)) {
            assertEquals(3, inDone.count(), "each file moved to done under its own name, nothing else written");
        }
        assertTrue(Files.exists(inbox.resolve("..json.x")), "a hidden file (a writer's work in progress) is left alone");
    }

    private static void awaitUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
