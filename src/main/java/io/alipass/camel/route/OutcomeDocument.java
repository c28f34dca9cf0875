package io.alipass.camel.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alipass.camel.component.AlipayPassConstants;
import io.alipass.camel.component.GatewayResponseProcessor;
import io.alipass.camel.component.OutcomeKind;
import io.alipass.camel.component.PassCall;
import io.alipass.camel.component.TransientGatewayException;
import io.alipass.camel.gateway.InvalidRequestException;
import io.alipass.camel.gateway.PassResult;
import io.alipass.camel.gateway.PassUpdateOutcome;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Writes the body every outcome endpoint receives: one JSON document saying what happened and
 * carrying the original input, so a failure or dead-letter message can be read, fixed and resent
 * without looking anywhere else. For example:
 * <pre>{"outcome":"business-failure","method":"alipay.pass.instance.update","key":"209919213",
 *  "code":"40004","sub_code":"KP.AE_ALIPASS_NOTEXIST","sub_msg":"卡券不存在","attempts":1,
 *  "reason":"...","input":"{...the message as it arrived...}"}</pre>
 * It never holds the request's {@code sign} or {@code app_auth_token}.
 */
public final class OutcomeDocument {
    /** Outcome kind for input that broke a rule and never reached the gateway. */
    public static final String INVALID_INPUT = OutcomeKind.INVALID_INPUT.wireName();
    /** Outcome kind for transient failures that ran out of retries. */
    public static final String DEAD_LETTER = OutcomeKind.DEAD_LETTER.wireName();
    /** Outcome kind for an instance update the gateway already answered (see {@link UpdateIdempotency}); sent to the success endpoint. */
    public static final String DUPLICATE = OutcomeKind.DUPLICATE.wireName();
    /** Outcome kind for unexpected errors, which are dead-lettered at once. */
    public static final String ERROR = OutcomeKind.ERROR.wireName();

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutcomeDocument() {
    }

    /** After a gateway answer that was not retried: success or business failure. */
    public static void answered(Exchange exchange) {
        PassUpdateOutcome outcome = PassCall.find(exchange).map(PassCall::outcome).orElseThrow(() ->
                new IllegalStateException("no gateway outcome on the exchange"));
        ObjectNode doc = base(exchange, outcome.kind());
        gatewayFields(doc, outcome);
        if (outcome instanceof PassUpdateOutcome.BusinessFailure f) {
            doc.put("reason", "the gateway refused the update: " + reasonOf(f));
        }
        finish(exchange, doc);
    }

    /** For an update already answered: not sent again. */
    public static void duplicate(Exchange exchange) {
        exchange.getMessage().setHeader(AlipayPassConstants.OUTCOME, DUPLICATE);
        ObjectNode doc = base(exchange, DUPLICATE);
        doc.put("idempotency_key", exchange.getProperty(UpdateIdempotency.KEY, String.class));
        doc.put("reason", "the gateway already answered an identical update; not sent again");
        finish(exchange, doc);
    }

    /** For input that broke a rule: every field and rule, and the gateway code it would have earned. */
    public static void invalidInput(Exchange exchange) {
        InvalidRequestException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, InvalidRequestException.class);
        if (e == null) {
            e = PassCall.find(exchange).map(PassCall::invalid).orElse(null);
        }
        Message m = exchange.getMessage();
        m.setHeader(AlipayPassConstants.OUTCOME, INVALID_INPUT);
        m.removeHeader(AlipayPassConstants.CODE);
        ObjectNode doc = base(exchange, INVALID_INPUT);
        ArrayNode violations = doc.putArray("violations");
        if (e != null) {
            for (InvalidRequestException.Violation v : e.violations()) {
                ObjectNode n = violations.addObject().put("field", v.field()).put("rule", v.rule());
                if (v.gatewayCode() != null) {
                    n.put("code", v.gatewayCode());
                }
            }
            doc.put("reason", e.getMessage());
            GatewayResponseProcessor.setOrRemove(m, AlipayPassConstants.SUB_CODE, e.gatewayCode());
            m.setHeader(AlipayPassConstants.SUB_MSG, e.getMessage());
        }
        finish(exchange, doc);
    }

    /** For a message whose retries ran out: the last outcome, or the last I/O error. */
    public static void deadLetter(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ObjectNode doc = base(exchange, DEAD_LETTER);
        if (e instanceof TransientGatewayException t) {
            GatewayResponseProcessor.setOutcome(exchange, t.outcome());
            gatewayFields(doc, t.outcome());
            // No answer read at all (connection refused, timeout): the I/O error, as before the component.
            doc.put("last_outcome", t.getCause() instanceof java.io.IOException ? "io-error" : t.outcome().kind());
        } else if (e != null) {
            doc.put("last_outcome", "io-error");
        }
        exchange.getMessage().setHeader(AlipayPassConstants.OUTCOME, DEAD_LETTER);
        doc.put("reason", "gave up after " + doc.path("attempts").asInt(0) + " attempt(s): " + describe(e));
        finish(exchange, doc);
    }

    /** For an unexpected error: dead-lettered at once with the error's type and message. */
    public static void error(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.getMessage().setHeader(AlipayPassConstants.OUTCOME, ERROR);
        ObjectNode doc = base(exchange, ERROR);
        doc.put("reason", describe(e));
        finish(exchange, doc);
    }

    private static ObjectNode base(Exchange exchange, String kind) {
        Message m = exchange.getMessage();
        ObjectNode doc = JSON.createObjectNode();
        doc.put("outcome", kind);
        String method = m.getHeader(AlipayPassConstants.METHOD, String.class);
        if (method != null) {
            doc.put("method", method);
        }
        String key = m.getHeader(AlipayPassConstants.KEY, String.class);
        if (key != null) {
            doc.put("key", key);
        }
        int attempts = PassCall.find(exchange).map(PassCall::attempts).orElse(0);
        m.setHeader(AlipayPassConstants.ATTEMPTS, attempts);
        doc.put("attempts", attempts);
        return doc;
    }

    private static void gatewayFields(ObjectNode doc, PassUpdateOutcome o) {
        putIfPresent(doc, "code", o.code());
        if (o instanceof PassUpdateOutcome.Success s) {
            putIfPresent(doc, "msg", s.msg());
        } else if (o instanceof PassUpdateOutcome.BusinessFailure f) {
            putIfPresent(doc, "msg", f.msg());
        }
        putIfPresent(doc, "sub_code", o.subCode());
        putIfPresent(doc, "sub_msg", o.subMsg());
        PassResult r = o instanceof PassUpdateOutcome.Success s ? s.result()
                : o instanceof PassUpdateOutcome.BusinessFailure f ? f.result() : null;
        if (r != null && r.raw() != null) {
            doc.put("result", r.raw());
        }
    }

    private static void finish(Exchange exchange, ObjectNode doc) {
        String input = PassCall.find(exchange).map(PassCall::input).orElse(null);
        if (input == null && !(exchange.getMessage().getBody() instanceof byte[]) && !(exchange.getMessage().getBody() instanceof PassUpdateOutcome)) {
            input = exchange.getMessage().getBody(String.class);
        }
        if (input != null) {
            doc.put("input", input);
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        AlipayPassConstants.removeStartingWith(exchange.getMessage(), "CamelHttp");
        exchange.getMessage().setBody(doc.toString());
    }

    private static String reasonOf(PassUpdateOutcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append(o.code());
        if (o.subCode() != null) {
            sb.append(' ').append(o.subCode());
        }
        if (o.subMsg() != null) {
            sb.append(" (").append(o.subMsg()).append(')');
        }
        return sb.toString();
    }

    private static String describe(Exception e) {
        if (e == null) {
            return "unknown";
        }
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + Redaction.redact(msg));
    }

    private static void putIfPresent(ObjectNode doc, String field, String value) {
        if (value != null) {
            doc.put(field, value);
        }
    }
}
