package io.alipass.camel.component;

import io.alipass.camel.gateway.GatewayException;
import io.alipass.camel.gateway.PassUpdateOutcome;

/**
 * Thrown by an {@code alipay-pass} endpoint with {@code throwExceptionOnFailure=true} when the gateway
 * refused the update (a business failure such as {@code KP.AE_ALIPASS_NOTEXIST}). Without that option
 * the refusal is a result: the outcome in the body and the {@code CamelAlipass*} headers.
 */
public class AlipayPassFailureException extends GatewayException {
    private static final long serialVersionUID = 1L;
    private final transient PassUpdateOutcome outcome;

    public AlipayPassFailureException(PassUpdateOutcome outcome) {
        super(outcome.method().name() + ": " + outcome.kind() + " code=" + outcome.code()
                + (outcome.subCode() == null ? "" : " sub_code=" + outcome.subCode()));
        this.outcome = outcome;
    }

    /** The gateway's answer. */
    public PassUpdateOutcome outcome() {
        return outcome;
    }
}
