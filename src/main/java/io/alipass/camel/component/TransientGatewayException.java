package io.alipass.camel.component;

import io.alipass.camel.gateway.GatewayException;
import io.alipass.camel.gateway.PassUpdateOutcome;

/**
 * Thrown by the {@code alipay-pass} producer and {@link GatewayResponseProcessor} when the call may succeed if made again: a transient
 * gateway answer, an HTTP 5xx, or a response that could not be trusted. Routes retry on it with
 * backoff (Camel redelivery), then dead-letter.
 */
public class TransientGatewayException extends GatewayException {
    private static final long serialVersionUID = 1L;
    private final transient PassUpdateOutcome outcome;

    public TransientGatewayException(PassUpdateOutcome outcome) {
        super(describe(outcome));
        this.outcome = outcome;
    }

    /** For an attempt that read no answer at all: the I/O error is the cause. */
    public TransientGatewayException(PassUpdateOutcome outcome, Throwable cause) {
        super(describe(outcome), cause);
        this.outcome = outcome;
    }

    /** The last outcome seen. */
    public PassUpdateOutcome outcome() {
        return outcome;
    }

    private static String describe(PassUpdateOutcome o) {
        StringBuilder sb = new StringBuilder(o.method().name()).append(": ").append(o.kind());
        if (o.code() != null) {
            sb.append(" code=").append(o.code());
        }
        if (o.subCode() != null) {
            sb.append(" sub_code=").append(o.subCode());
        }
        if (o.subMsg() != null) {
            sb.append(" (").append(o.subMsg()).append(')');
        }
        if (o instanceof PassUpdateOutcome.TransientFailure t && t.cause() != null) {
            sb.append(" cause=").append(t.cause());
        }
        return sb.toString();
    }
}
