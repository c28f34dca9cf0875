package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import io.alipass.camel.route.BadInputCorpus;
import io.alipass.camel.route.BadInputCorpus.Entry;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner with its default sources (drop folder, embedded broker, HTTP) takes the whole bad-input
 * corpus through every source, pass after pass, and keeps running without holding on to anything:
 * after a warm-up pass, further passes leave the live heap (after a full collection), the thread
 * count and the open file descriptors where they were. A leak of even one huge input (over 1 MiB)
 * per pass, or of one thread or file per input, would show.
 */
class RunnerHoldsNoMemoryAcrossTheCorpusTest {
    private static final List<Entry> CORPUS = BadInputCorpus.load();
    private static final int PASSES = 5;
    /** Room for caches that fill once and stay (JIT, Camel's endpoint and type-converter caches). */
    private static final long HEAP_SLACK = 4L << 20;
    /**
     * Bounded pools (Vert.x's 20 workers, Artemis's and Camel's) start threads lazily, so a few more may
     * appear late; a leak of one thread or descriptor per input would add hundreds per pass.
     */
    private static final int THREAD_SLACK = 32;
    private static final long FD_SLACK = 32;

    @TempDir
    Path data;

    /** Live heap, threads and open files after one corpus pass. */
    record Footprint(long heapBytes, int threads, long openFiles) {
        @Override
        public String toString() {
            return String.format("heap %.1f MB, %d threads, %d open files", heapBytes / 1048576.0, threads, openFiles);
        }
    }

    @Test
    void furtherPassesOfTheCorpusThroughEverySourceLeaveHeapThreadsAndFilesWhereTheyWere() throws Exception {
        int managementPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            managementPort = socket.getLocalPort();
        }
        AlipassRunner runner = new AlipassRunner("--alipass.data-dir=" + data, "--camel.server.port=0",
                "--camel.management.port=" + managementPort, "--alipass.retry.redelivery-delay=5");
        Thread thread = new Thread(runner::run, "runner-under-test");
        thread.start();
        try {
            assertTrue(runner.awaitStarted(Duration.ofSeconds(60)), "the runner started");
            HttpClient http = HttpClient.newHttpClient();
            List<Footprint> footprints = new ArrayList<>();
            for (int pass = 1; pass <= PASSES; pass++) {
                feedOnePass(runner, http, pass);
                footprints.add(footprint());
                System.out.printf("runner after corpus pass %d of %d (%d inputs per source, 3 sources): %s; %s%n",
                        pass, PASSES, CORPUS.size(), footprints.get(pass - 1), runner.tally().summary());
            }
            // Pass 1 warms the JIT and Camel's caches; pass 2 fills the bounded ones (camel-file keeps up to
            // 1,000 recent file names per producer). From there on, nothing may grow.
            Footprint warm = footprints.get(1);
            Footprint last = footprints.get(PASSES - 1);
            assertTrue(last.heapBytes() <= warm.heapBytes() + HEAP_SLACK, "live heap grew from " + warm + " to " + last);
            assertTrue(last.threads() <= warm.threads() + THREAD_SLACK, "threads grew from " + warm + " to " + last);
            assertTrue(last.openFiles() <= warm.openFiles() + FD_SLACK, "open files grew from " + warm + " to " + last);
            assertTrue(thread.isAlive(), "the runner is still running");
        } finally {
            runner.stop();
            runner.awaitFinished(Duration.ofSeconds(30));
            thread.join(5000);
        }
    }

    /** Every input once by HTTP, once by JMS and once as a dropped file; returns when all of them are finished. */
    private void feedOnePass(AlipassRunner runner, HttpClient http, int pass) throws Exception {
        long before = runner.tally().finished();
        for (Entry e : CORPUS) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(runner.httpUrl()))
                    .header("Authorization", "Bearer " + runner.httpToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(e.content())).build(), HttpResponse.BodyHandlers.discarding());
            assertTrue(r.statusCode() == 400 || r.statusCode() == 413, e.name() + " was answered " + r.statusCode());
        }
        try (var factory = new ActiveMQConnectionFactory(EmbeddedBroker.IN_VM_URL); var jms = factory.createContext()) {
            var queue = jms.createQueue(runner.settings().jms().queue());
            var producer = jms.createProducer();
            CORPUS.forEach(e -> producer.send(queue, e.content()));
        }
        Path inbox = runner.settings().file().inbox();
        Path staging = Files.createDirectories(data.resolve("staging"));
        for (Entry e : CORPUS) {
            Path tmp = staging.resolve(e.name());
            Files.write(tmp, e.content());
            Files.move(tmp, inbox.resolve(e.dropName()));
        }
        // Finished: the inbox is empty, every record that entered has its outcome, and that held for a second.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int quiet = 0;
        while (quiet < 4) {
            if (System.nanoTime() > deadline) {
                try (Stream<Path> left = Files.list(inbox)) {
                    throw new AssertionError("pass " + pass + " did not finish: " + runner.tally().summary() + ", received "
                            + runner.tally().received() + ", finished " + runner.tally().finished() + ", in the inbox "
                            + left.map(p -> p.getFileName().toString()).toList());
                }
            }
            Thread.sleep(250);
            boolean idle = inboxEmpty(inbox) && runner.tally().received() == runner.tally().finished()
                    && runner.tally().finished() > before;
            quiet = idle ? quiet + 1 : 0;
        }
        assertEquals(0, runner.tally().deadLettered(), "no bad input is dead-lettered");
        // The next pass drops the same names again (some are 255 bytes long, so no prefix fits).
        emptyFolder(runner.settings().file().done());
        emptyFolder(runner.settings().file().error());
    }

    private static void emptyFolder(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(f)) {
                    Files.delete(f);
                }
            }
        }
    }

    private static boolean inboxEmpty(Path inbox) throws Exception {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.noneMatch(Files::isRegularFile);
        }
    }

    private static Footprint footprint() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long files = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getOpenFileDescriptorCount() : 0;
        return new Footprint(heap, Thread.activeCount(), files);
    }
}
