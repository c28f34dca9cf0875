package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch job: {@code --once} processes the drop folder, prints a summary and says by its exit code that something failed. */
class RunnerOnceTest {

    @Test
    void onceProcessesTheDropFolderAndExitsWithOneWhenAnythingFailed(@TempDir Path data) throws Exception {
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Files.copy(Path.of("samples/instance-update.json"), inbox.resolve("good.json"));
        // One record breaks a rule (no serial number), one file is not text at all.
        Files.writeString(inbox.resolve("invalid.json"), "{\"api\":\"instance.update\",\"status\":\"USED\"}", StandardCharsets.UTF_8);
        Files.write(inbox.resolve("binary.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});

        AlipassRunner runner = new AlipassRunner("--once", "--alipass.data-dir=" + data);
        int exit = runner.run();

        assertEquals(AlipassRunner.EXIT_FAILURES, exit);
        RunTally tally = runner.tally();
        assertEquals(1, tally.done());
        assertEquals(1, tally.failed());
        assertEquals(0, tally.deadLettered());
        assertEquals(1, tally.unreadableFiles());
        assertEquals("done 1, failed 1, dead-lettered 0, unreadable files 1, skipped 0", tally.summary());
        assertTrue(Files.exists(data.resolve("done/good.json")));
        assertTrue(Files.exists(data.resolve("done/invalid.json")), "a file whose records were all read is done, whatever their outcomes");
        assertTrue(Files.exists(data.resolve("error/binary.json.error.json")));
        try (var left = Files.list(inbox)) {
            assertEquals(0, left.count(), "the drop folder is empty");
        }
    }

    @Test
    void onceStartsNothingThatCannotServeTheDropFolder(@TempDir Path data) throws Exception {
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Files.copy(Path.of("samples/instance-update.json"), inbox.resolve("good.json"));

        AlipassRunner runner = new AlipassRunner("--once", "--alipass.data-dir=" + data);
        assertEquals(0, runner.run());

        assertNull(runner.httpUrl(), "no HTTP source");
        assertNull(runner.managementUrl(), "no health or metrics endpoint");
        assertFalse(Files.exists(data.resolve("broker")), "no embedded broker, not even its journal");
        assertFalse(runner.meters() instanceof PrometheusMeterRegistry, "nothing to scrape, so no Prometheus registry");
        assertEquals(1, runner.tally().done());
    }

    @Test
    void anUnknownArgumentStopsBeforeAnythingStarts() {
        assertEquals(AlipassRunner.EXIT_CANNOT_START, new AlipassRunner("--nonsense").run());
    }

    @Test
    void aBadPropertyStopsTheStartWithItsName(@TempDir Path data) {
        AlipassRunner runner = new AlipassRunner("--once", "--alipass.data-dir=" + data, "--alipass.sign-type=MD5");
        assertEquals(AlipassRunner.EXIT_CANNOT_START, runner.run());
    }
}
