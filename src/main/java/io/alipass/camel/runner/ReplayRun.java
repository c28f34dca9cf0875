package io.alipass.camel.runner;

import io.alipass.camel.route.AlipassRoutes;
import io.alipass.camel.route.NotReplayableException;
import io.alipass.camel.route.OutcomeReplay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.support.DefaultExchange;

/**
 * {@code --replay PATH}: sends the {@code input} of each outcome document in PATH (a file, or the
 * {@code .json} files of a folder such as {@code data/outbox/dead-letter}) through the route template
 * again, with the runner's own outcome endpoints, retries and idempotency store. Each new outcome
 * names its document in {@code replay_of}; the document moves to {@code replayed/} beside it only
 * after that outcome was delivered. A runner killed mid-replay therefore leaves the unanswered
 * documents where they were, and a replay run again skips (as {@code duplicate}) those whose answer
 * was delivered but whose move was cut: the delivery id of a replay is the document's content hash.
 * A document that is not an outcome document, or whose input was not readable, is reported and left.
 */
final class ReplayRun {
    /** The folder, beside the documents, that replayed documents move to. */
    static final String REPLAYED = "replayed";
    private static final String SOURCE = "direct:alipass-replay-updates";

    /** What to replay: a path, and optionally only some {@code sub_code}s and documents older than a time. */
    record Request(Path path, Set<String> subCodes, Instant olderThan) {
        /**
         * Reads {@code --replay-older-than}: an ISO instant ({@code 2026-11-29T08:00:00Z}) or an ISO
         * duration back from now ({@code PT1H}, {@code P2D}).
         */
        static Instant olderThan(String value, Instant now) {
            try {
                return value.startsWith("P") || value.startsWith("p") ? now.minus(Duration.parse(value)) : Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new RunnerConfigurationException("--replay-older-than",
                        "must be an instant such as 2026-11-29T08:00:00Z or a duration such as PT1H, was '" + value + "'");
            }
        }
    }

    private final Request request;
    private final RunnerSettings settings;
    private final RunTally tally;

    ReplayRun(Request request, RunnerSettings settings, RunTally tally) {
        this.request = request;
        this.settings = settings;
        this.tally = tally;
    }

    /** Replays every selected document and returns once each has its outcome (or was reported). */
    void run(CamelContext context, String repositoryBean) throws Exception {
        RunnerSettings.Retry retry = settings.retry();
        TemplatedRouteBuilder.builder(context, AlipassRoutes.TEMPLATE)
                .routeId("alipass-replay-updates")
                .parameter("sourceUri", SOURCE)
                .parameter("successUri", settings.successUri())
                .parameter("failureUri", settings.failureUri())
                .parameter("deadLetterUri", settings.deadLetterUri())
                .parameter("api", settings.defaultApi() == null ? "" : settings.defaultApi())
                .parameter("maximumRedeliveries", Integer.toString(retry.maximumRedeliveries()))
                .parameter("redeliveryDelay", Long.toString(retry.redeliveryDelay()))
                .parameter("backOffMultiplier", Double.toString(retry.backOffMultiplier()))
                .parameter("maximumRedeliveryDelay", Long.toString(retry.maximumRedeliveryDelay()))
                .parameter("idempotentRepository", repositoryBean)
                .add();
        List<Path> documents = documents();
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, Math.min(settings.file().concurrency(), documents.size())),
                r -> new Thread(r, "alipass-replay"));
        try (ProducerTemplate producer = context.createProducerTemplate()) {
            List<Future<?>> running = new ArrayList<>();
            for (Path doc : documents) {
                running.add(workers.submit(() -> replay(doc, context, producer)));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            workers.shutdown();
        }
    }

    private void replay(Path doc, CamelContext context, ProducerTemplate producer) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(doc);
            OutcomeReplay.Replayable r = OutcomeReplay.read(bytes, doc.getFileName().toString());
            if (!request.subCodes().isEmpty() && !request.subCodes().contains(r.subCode())) {
                return;
            }
        } catch (NotReplayableException e) {
            System.out.println("alipass: not replayed: " + e.getMessage());
            tally.recordUnreadableFile();
            return;
        } catch (IOException e) {
            System.out.println("alipass: not replayed: " + doc.getFileName() + ": cannot be read (" + e.getClass().getSimpleName() + ")");
            tally.recordUnreadableFile();
            return;
        }
        tally.recordReceived();
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(bytes);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, doc.getFileName().toString());
        try {
            new OutcomeReplay().process(exchange);
        } catch (NotReplayableException e) {
            throw new IllegalStateException("read twice, judged twice: " + e.getMessage(), e);
        }
        exchange.getMessage().removeHeader(Exchange.FILE_NAME); // else the file outcome endpoints would reuse the name
        Exchange done = producer.send(SOURCE, exchange);
        if (done.getException() != null) {
            // Its outcome was not delivered: the document stays for the next replay.
            System.out.println("alipass: not replayed: " + doc.getFileName() + ": its outcome could not be delivered ("
                    + done.getException().getClass().getSimpleName() + ")");
            tally.recordUnreadableFile();
            return;
        }
        try {
            Path target = doc.resolveSibling(REPLAYED);
            Files.createDirectories(target);
            Files.move(doc, target.resolve(doc.getFileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the replayed document " + doc, e);
        }
    }

    /** The documents to replay, oldest name first; {@code replayed/} and hidden files are not. */
    List<Path> documents() throws IOException {
        Path path = request.path().toAbsolutePath().normalize();
        if (Files.isRegularFile(path)) {
            return selected(path) ? List.of(path) : List.of();
        }
        if (!Files.isDirectory(path)) {
            throw new RunnerConfigurationException("--replay", "names neither a file nor a folder: " + path);
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith("."))
                    .filter(this::selected)
                    .sorted()
                    .toList();
        }
    }

    private boolean selected(Path doc) {
        if (request.olderThan() == null) {
            return true;
        }
        try {
            return Files.getLastModifiedTime(doc).toInstant().isBefore(request.olderThan());
        } catch (IOException e) {
            return true; // read and reported as unreadable later
        }
    }
}
