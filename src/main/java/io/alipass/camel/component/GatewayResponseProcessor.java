package io.alipass.camel.component;

import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.PassUpdateOutcome;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads the gateway's HTTP answer: verifies and parses it into a {@link PassUpdateOutcome}, which
 * becomes the body, the exchange's {@link PassCall} outcome and the outcome headers
 * ({@link AlipayPassConstants}). A success or business failure continues; anything worth retrying
 * (HTTP 5xx, {@code 20000}, {@code isp.*}, {@code KP.AE_SYSTEM_ERROR}, an untrustworthy response)
 * throws {@link TransientGatewayException}.
 *
 * <p>As a processor it follows a {@code camel-http} call made with {@code throwExceptionOnFailure=false}
 * in a hand-built route; the {@code alipay-pass} producer calls {@link #answer} with the reply it read
 * itself, so both paths verify with the same code.
 *
 * <p>An invalid response (unparsable, truncated, unsigned, wrongly signed) is retried, not failed:
 * the gateway may have applied the update, so only a trustworthy answer or the dead-letter endpoint
 * may close the message. It is never a success.
 */
public final class GatewayResponseProcessor implements Processor {
    private final GatewayProtocol protocol;
    private final OutcomeListener listener;

    public GatewayResponseProcessor(GatewayProtocol protocol) {
        this(protocol, OutcomeListener.NONE);
    }

    public GatewayResponseProcessor(GatewayProtocol protocol, OutcomeListener listener) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = message.getBody(byte[].class);
        PassUpdateOutcome outcome = answer(exchange, status == null ? 200 : status, body == null ? new byte[0] : body);
        throwIfTransient(outcome);
    }

    /** Interprets one HTTP answer and records it on the exchange; does not throw for a transient one. */
    public PassUpdateOutcome answer(Exchange exchange, int status, byte[] body) {
        GatewayMethod method = method(exchange);
        PassUpdateOutcome outcome = status != 200
                ? new PassUpdateOutcome.TransientFailure(method, null, null, null, null, "HTTP " + status)
                : protocol.interpret(method, body);
        record(exchange, outcome);
        return outcome;
    }

    /** Records an outcome reached without an answer (an I/O error, a timeout). */
    public void noAnswer(Exchange exchange, PassUpdateOutcome outcome) {
        record(exchange, outcome);
    }

    /** Throws {@link TransientGatewayException} when the outcome calls for a retry. */
    static void throwIfTransient(PassUpdateOutcome outcome) {
        if (outcome instanceof PassUpdateOutcome.TransientFailure || outcome instanceof PassUpdateOutcome.InvalidResponse) {
            throw new TransientGatewayException(outcome);
        }
    }

    private void record(Exchange exchange, PassUpdateOutcome outcome) {
        PassCall call = PassCall.on(exchange);
        long signedAt = call.signedAt();
        listener.gatewayCall(outcome.method().name(), OutcomeKind.of(outcome), signedAt == 0 ? 0 : System.nanoTime() - signedAt);
        setOutcome(exchange, outcome);
        exchange.getMessage().setBody(outcome);
    }

    /** Stores an outcome in the exchange's {@link PassCall} and in the headers. */
    public static void setOutcome(Exchange exchange, PassUpdateOutcome outcome) {
        PassCall call = PassCall.on(exchange);
        call.outcome(outcome);
        Message m = exchange.getMessage();
        m.setHeader(AlipayPassConstants.ATTEMPTS, call.attempts());
        m.setHeader(AlipayPassConstants.METHOD, outcome.method().name());
        m.setHeader(AlipayPassConstants.OUTCOME, outcome.kind());
        setOrRemove(m, AlipayPassConstants.CODE, outcome.code());
        setOrRemove(m, AlipayPassConstants.SUB_CODE, outcome.subCode());
        setOrRemove(m, AlipayPassConstants.SUB_MSG, outcome.subMsg());
    }

    /** Sets a header, or removes it when there is no value, so no stale value survives a retry. */
    public static void setOrRemove(Message m, String name, String value) {
        if (value == null) {
            m.removeHeader(name);
        } else {
            m.setHeader(name, value);
        }
    }

    private static GatewayMethod method(Exchange exchange) {
        PassCall call = PassCall.find(exchange).orElseThrow(() -> new IllegalStateException(
                "no signed request on the exchange: run the signing processor before the call"));
        if (call.request() != null) {
            return call.request().method();
        }
        if (call.update() != null) {
            return call.update().method();
        }
        throw new IllegalStateException("no signed request on the exchange: run the signing processor before the call");
    }
}
