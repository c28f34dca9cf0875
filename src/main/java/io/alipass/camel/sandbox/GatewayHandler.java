package io.alipass.camel.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.alipass.camel.gateway.ParameterName;
import io.alipass.camel.gateway.PassErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Serves {@code /gateway.do}: reads the request, lets the fault plan decide its fate, processes
 * it, records it, and answers, at once or, when latency is configured, later from a scheduler, so
 * that waiting answers hold no thread (an exchange may be completed from any thread).
 */
final class GatewayHandler implements HttpHandler {
    private static final byte[] BAD_GATEWAY = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"
            .getBytes(StandardCharsets.US_ASCII);

    private final CallProcessor processor;
    private final AnswerWriter writer;
    private final FaultPlan faults;
    private final CallQuota quota;
    private final RequestLog log;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    GatewayHandler(CallProcessor processor, AnswerWriter writer, FaultPlan faults, CallQuota quota, RequestLog log,
                   ScheduledExecutorService scheduler, Clock clock) {
        this.processor = processor;
        this.writer = writer;
        this.faults = faults;
        this.quota = quota;
        this.log = log;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try {
            String httpMethod = exchange.getRequestMethod();
            if (!"POST".equals(httpMethod) && !"GET".equals(httpMethod)) {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                exchange.sendResponseHeaders(405, -1);
                exchange.close();
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            long sequence = log.nextSequence();
            GatewayRequest request = GatewayRequest.decode(exchange.getRequestURI().getRawQuery(), body,
                    exchange.getRequestHeaders().getFirst("Content-Type"));
            FaultPlan.Decision decision = faults.decide();
            // The quota comes first, as at Alipay: a refused call reaches neither the fault plan's
            // failures nor the pass service.
            GatewayError refusal = quota.admit(request.get(ParameterName.APP_ID), request.get(ParameterName.METHOD));
            if (refusal == null) {
                refusal = decision.refusal();
            }
            Fault fault = refusal == null ? decision.fault() : null;
            CallContext ctx;
            Answer answer;
            String plainBiz = null;
            if (refusal != null) {
                ctx = processor.checkOnly(request).context();
                answer = refusal.answer();
            } else if (fault != null && fault.beforeProcessing()) {
                ctx = processor.checkOnly(request).context();
                answer = switch (fault) {
                    case SERVICE_UNAVAILABLE -> GatewayError.SERVICE_UNAVAILABLE.answer();
                    case PASS_SYSTEM_ERROR -> Answer.business(PassErrorCode.SYSTEM_ERROR, null);
                    default -> null;
                };
            } else {
                CallProcessor.Processed p = processor.process(request);
                ctx = p.context();
                answer = p.answer();
                plainBiz = p.bizContent();
            }
            log.add(ReceivedRequest.of(sequence, clock.instant(), httpMethod, request.parameters(), plainBiz, answer, fault));
            // The answer is written and signed here, on a worker: the single latency thread only sends
            // bytes. Signing there made that one thread the sandbox's limit under latency (about 350
            // answers per second on 2 busy cores, against the 2,560 that 256 calls in flight need).
            AnswerWriter.Written written = writtenAnswer(fault, ctx, answer);
            Runnable send = () -> respond(exchange, fault, written);
            // Latency is the time from the request's arrival to its answer, as a client sees a gateway's
            // latency: the sandbox's own checking and signing fall inside it instead of adding to it.
            long wait = decision.delay().toNanos() - (System.nanoTime() - arrived);
            if (wait <= 0) {
                send.run();
            } else {
                scheduler.schedule(send, wait, TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException e) {
            // A sandbox bug must still answer, or the client would wait for its read timeout.
            byte[] text = ("sandbox error: " + e).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, text.length);
            exchange.getResponseBody().write(text);
            exchange.close();
        }
    }

    /** The signed answer, or null when the fault sends none (a dropped connection, a 502 page). */
    private AnswerWriter.Written writtenAnswer(Fault fault, CallContext ctx, Answer answer) {
        if (fault == Fault.DROP_CONNECTION || fault == Fault.DROP_AFTER_PROCESSING || fault == Fault.HTTP_502) {
            return null;
        }
        AnswerWriter.Signature signature = fault == Fault.MISSING_SIGNATURE ? AnswerWriter.Signature.MISSING
                : fault == Fault.WRONG_SIGNATURE ? AnswerWriter.Signature.WRONG : AnswerWriter.Signature.VALID;
        return writer.write(ctx, answer, signature);
    }

    private void respond(HttpExchange exchange, Fault fault, AnswerWriter.Written written) {
        try (exchange) {
            if (fault == Fault.DROP_CONNECTION || fault == Fault.DROP_AFTER_PROCESSING) {
                return; // closing an exchange that sent no headers closes its connection
            }
            if (fault == Fault.HTTP_502) {
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                send(exchange, 502, BAD_GATEWAY);
                return;
            }
            byte[] bytes = fault == Fault.TRUNCATED_BODY
                    ? Arrays.copyOf(written.body(), written.body().length / 2) : written.body();
            exchange.getResponseHeaders().set("Content-Type", written.contentType());
            send(exchange, 200, bytes);
        } catch (IOException | RuntimeException e) {
            // The client went away, or the answer could not be written; the exchange is closed either way.
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
