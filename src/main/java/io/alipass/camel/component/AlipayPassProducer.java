package io.alipass.camel.component;

import io.alipass.camel.gateway.EncodedRequest;
import io.alipass.camel.gateway.GatewayTransport;
import io.alipass.camel.gateway.InvalidRequestException;
import io.alipass.camel.gateway.PassUpdateOutcome;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * The {@code alipay-pass} producer: enrich, sign, pace, send, verify, with the same
 * {@link EnrichProcessor}, {@link SigningProcessor} and {@link GatewayResponseProcessor} a hand-built
 * route uses, so there is one code path for each step. Redelivery runs it again on the same exchange:
 * the update read the first time is kept in the {@link PassCall}, and signed afresh.
 */
public class AlipayPassProducer extends DefaultProducer {

    public AlipayPassProducer(AlipayPassEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public AlipayPassEndpoint getEndpoint() {
        return (AlipayPassEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        AlipayApp app = getEndpoint().app();
        PassCall call = PassCall.on(exchange);
        if (call.update() == null) {
            try {
                app.enrich().process(exchange);
            } catch (InvalidRequestException e) {
                invalidInput(exchange.getMessage(), e);
                if (app.throwExceptionOnFailure()) {
                    throw e;
                }
                return;
            }
        }
        EncodedRequest request = app.signing().sign(exchange);
        app.callRate().acquire(request.method());
        PassUpdateOutcome outcome;
        try {
            GatewayTransport.Reply reply = app.transport().send(request);
            outcome = app.response().answer(exchange, reply.status(), reply.body());
        } catch (IOException e) {
            outcome = new PassUpdateOutcome.TransientFailure(request.method(), null, null, null, null, describe(e));
            app.response().noAnswer(exchange, outcome);
            app.callRate().record(request.method(), outcome);
            throw new TransientGatewayException(outcome, e);
        }
        app.callRate().record(request.method(), outcome);
        GatewayResponseProcessor.throwIfTransient(outcome);
        if (app.throwExceptionOnFailure() && outcome instanceof PassUpdateOutcome.BusinessFailure) {
            throw new AlipayPassFailureException(outcome);
        }
    }

    private static void invalidInput(Message m, InvalidRequestException e) {
        m.setHeader(AlipayPassConstants.OUTCOME, OutcomeKind.INVALID_INPUT.wireName());
        m.setHeader(AlipayPassConstants.ATTEMPTS, 0);
        m.removeHeader(AlipayPassConstants.CODE);
        GatewayResponseProcessor.setOrRemove(m, AlipayPassConstants.SUB_CODE, e.gatewayCode());
        m.setHeader(AlipayPassConstants.SUB_MSG, e.getMessage());
    }

    /** The I/O error's type and message; the request URL (which carries {@code sign}) is never part of it. */
    private static String describe(IOException e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null || msg.contains("sign=") ? "" : ": " + msg);
    }
}
