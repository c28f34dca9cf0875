package io.alipass.camel.route;

import io.alipass.camel.component.AlipayPassConstants;
import io.alipass.camel.component.OutcomeKind;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Sets the HTTP status of the synchronous answer from the outcome: 200 success (or duplicate), 422 business
 * failure (the {@code KP.AE_*} code is in the body and {@link AlipayPassConstants#SUB_CODE}), 400 invalid
 * input, 503 when the gateway said it was unavailable, 502 for other gateway trouble, 500 otherwise.
 * The body is the {@link OutcomeDocument}. An exchange without an outcome (refused by
 * {@link BearerTokenCheck}) keeps the status it has.
 *
 * <p>Run it as {@code onCompletion().modeBeforeConsumer()}: the template route ends an exchange
 * whose failure it handled, so a step placed after the template would not run for those.
 */
public final class HttpOutcomeResponder implements Processor {

    @Override
    public void process(Exchange exchange) {
        var m = exchange.getMessage();
        OutcomeKind outcome = OutcomeKind.named(m.getHeader(AlipayPassConstants.OUTCOME, String.class)).orElse(null);
        if (outcome == null && m.getHeader(Exchange.HTTP_RESPONSE_CODE) != null) {
            return;
        }
        int status = outcome == null ? 500 : switch (outcome) {
            case SUCCESS, DUPLICATE -> 200;
            case BUSINESS_FAILURE -> 422;
            case INVALID_INPUT -> 400;
            case DEAD_LETTER -> "20000".equals(m.getHeader(AlipayPassConstants.CODE, String.class)) ? 503 : 502;
            case TRANSIENT_FAILURE, INVALID_RESPONSE -> 502;
            case ERROR -> 500;
        };
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        // Only the status and body go back to the caller, not the alipass headers.
        AlipayPassConstants.removeStartingWith(m, "CamelAlipass");
    }
}
