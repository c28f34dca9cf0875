package io.alipass.camel.route;

import io.alipass.camel.gateway.AdaptiveCallRate;
import io.alipass.camel.gateway.EncodedRequest;
import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.PassUpdateOutcome;
import io.alipass.camel.gateway.Retryability;
import io.alipass.camel.pass.PassUpdate;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads the gateway's HTTP answer (after a {@code camel-http} call with
 * {@code throwExceptionOnFailure=false}): verifies and parses it into a {@link PassUpdateOutcome},
 * keeps it in the exchange property {@link #OUTCOME}, and sets the outcome headers
 * ({@link AlipassHeaders}). A success, business failure or misdirected call (HTTP 3xx/4xx) continues;
 * anything worth retrying ({@link io.alipass.camel.gateway.Retryability}: HTTP 5xx, {@code 20000},
 * {@code isp.*}, {@code KP.AE_SYSTEM_ERROR}, an untrustworthy response) throws
 * {@link TransientGatewayException}; a call-limited answer ({@code 40005}) is first sent again
 * after the throttle (see the three-argument constructor).
 *
 * <p>An invalid response (unparsable, truncated, unsigned, wrongly signed) is retried, not failed:
 * the gateway may have applied the update, so only a trustworthy answer or the dead-letter endpoint
 * may close the message. It is never a success.
 */
public final class GatewayResponseProcessor implements Processor {
    /** Exchange property holding the {@link PassUpdateOutcome}. */
    public static final String OUTCOME = "AlipassOutcome";
    /** Exchange property holding the {@link EncodedRequest} sent. */
    static final String REQUEST = "AlipassRequest";
    /** Exchange property holding the {@link System#nanoTime()} at which the request was signed. */
    static final String SENT_AT = "AlipassSentAt";
    /** Exchange property counting the signed attempts; kept as a property because headers do not survive the call. */
    static final String ATTEMPT_COUNT = "AlipassAttemptCount";
    /** Exchange property: true when a call-limited answer is to be sent again at once, after the throttle. */
    static final String CALL_AGAIN = "AlipassCallAgain";
    /** Exchange property counting call-limited answers in a row. */
    static final String CALL_LIMITED_COUNT = "AlipassCallLimitedCount";

    private final GatewayProtocol protocol;
    private final OutcomeListener listener;
    private final AdaptiveCallRate callRate;

    public GatewayResponseProcessor(GatewayProtocol protocol) {
        this(protocol, OutcomeListener.NONE);
    }

    public GatewayResponseProcessor(GatewayProtocol protocol, OutcomeListener listener) {
        this(protocol, listener, null);
    }

    /**
     * @param callRate hears every outcome, so that a call-limited answer slows the app down; null for none.
     *                 With one, a call-limited answer sets {@link #CALL_AGAIN} instead of throwing, up to
     *                 {@link Retryability#CALL_LIMITED_RETRIES} in a row, for the calling route to send again.
     */
    public GatewayResponseProcessor(GatewayProtocol protocol, OutcomeListener listener, AdaptiveCallRate callRate) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.callRate = callRate;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        message.setHeader(AlipassHeaders.ATTEMPTS, exchange.getProperty(ATTEMPT_COUNT, 0, Integer.class));
        GatewayMethod method = method(exchange);
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = message.getBody(byte[].class);
        PassUpdateOutcome outcome;
        if (status != null && status != 200) {
            outcome = switch (Retryability.ofHttpStatus(status)) {
                case RETRY -> new PassUpdateOutcome.TransientFailure(method, null, null, null, null, "HTTP " + status);
                case SLOW_DOWN -> new PassUpdateOutcome.CallLimited(method, null, null, null, null, "HTTP " + status);
                case FINAL -> new PassUpdateOutcome.MisdirectedCall(method, status);
            };
        } else {
            outcome = protocol.interpret(method, body == null ? new byte[0] : body);
        }
        record(exchange, outcome);
        Long sentAt = exchange.getProperty(SENT_AT, Long.class);
        listener.gatewayCall(method.name(), outcome.kind(), sentAt == null ? 0 : System.nanoTime() - sentAt);
        if (callRate != null) {
            callRate.record(method, outcome);
            if (outcome instanceof PassUpdateOutcome.CallLimited) {
                int inARow = exchange.getProperty(CALL_LIMITED_COUNT, 0, Integer.class) + 1;
                exchange.setProperty(CALL_LIMITED_COUNT, inARow);
                if (inARow <= Retryability.CALL_LIMITED_RETRIES) {
                    exchange.setProperty(CALL_AGAIN, true);
                    return;
                }
            }
            exchange.removeProperty(CALL_LIMITED_COUNT);
        }
        if (outcome instanceof PassUpdateOutcome.TransientFailure || outcome instanceof PassUpdateOutcome.InvalidResponse
                || outcome instanceof PassUpdateOutcome.CallLimited) {
            throw new TransientGatewayException(outcome);
        }
    }

    /** Stores an outcome on the exchange and in the headers. */
    static void record(Exchange exchange, PassUpdateOutcome outcome) {
        exchange.setProperty(OUTCOME, outcome);
        Message m = exchange.getMessage();
        m.setHeader(AlipassHeaders.METHOD, outcome.method().name());
        m.setHeader(AlipassHeaders.OUTCOME, outcome.kind());
        setOrRemove(m, AlipassHeaders.CODE, outcome.code());
        setOrRemove(m, AlipassHeaders.SUB_CODE, outcome.subCode());
        setOrRemove(m, AlipassHeaders.SUB_MSG, outcome.subMsg());
    }

    /** Sets a header, or removes it when there is no value, so no stale value survives a retry. */
    static void setOrRemove(Message m, String name, String value) {
        if (value == null) {
            m.removeHeader(name);
        } else {
            m.setHeader(name, value);
        }
    }

    private static GatewayMethod method(Exchange exchange) {
        EncodedRequest request = exchange.getProperty(REQUEST, EncodedRequest.class);
        if (request != null) {
            return request.method();
        }
        PassUpdate update = exchange.getProperty(EnrichProcessor.UPDATE, PassUpdate.class);
        if (update != null) {
            return update.method();
        }
        throw new IllegalStateException("no signed request on the exchange: run the signing processor before the call");
    }
}
