package io.alipass.camel.route;

import io.alipass.camel.component.AlipayPassConstants;
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
        String outcome = m.getHeader(AlipayPassConstants.OUTCOME, String.class);
        if (outcome == null && m.getHeader(Exchange.HTTP_RESPONSE_CODE) != null) {
            return;
        }
        int status;
        if ("success".equals(outcome) || OutcomeDocument.DUPLICATE.equals(outcome)) {
            status = 200;
        } else if ("business-failure".equals(outcome)) {
            status = 422;
        } else if (OutcomeDocument.INVALID_INPUT.equals(outcome)) {
            status = 400;
        } else if (OutcomeDocument.DEAD_LETTER.equals(outcome)) {
            status = "20000".equals(m.getHeader(AlipayPassConstants.CODE, String.class)) ? 503 : 502;
        } else {
            status = 500;
        }
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        // Only the status and body go back to the caller, not the alipass headers.
        AlipayPassConstants.removeStartingWith(m, "CamelAlipass");
    }
}
