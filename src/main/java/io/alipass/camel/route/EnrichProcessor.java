package io.alipass.camel.route;

import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.pass.InvalidPassUpdateException;
import io.alipass.camel.gateway.InvalidRequestException.Violation;
import io.alipass.camel.pass.PassApi;
import io.alipass.camel.pass.PassUpdate;
import io.alipass.camel.pass.PassUpdateReader;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Turns a message's JSON body (from a file, JMS or HTTP) into a validated {@link PassUpdate}: the
 * update is kept in the exchange property {@link #UPDATE}, the original body in {@link #ORIGINAL_BODY},
 * and the body becomes the {@code biz_content}. The API comes from the record's {@code api} field,
 * else the {@link AlipassHeaders#API} header, else the processor's default.
 *
 * <p>Invalid input throws {@link InvalidPassUpdateException}, which names each field and rule; the
 * route sends such a message to its failure endpoint without calling the gateway.
 */
public final class EnrichProcessor implements Processor {
    /** Exchange property holding the {@link PassUpdate}. */
    public static final String UPDATE = "AlipassUpdate";
    /** Exchange property holding the body as it arrived, for failure and dead-letter messages. */
    public static final String ORIGINAL_BODY = "AlipassOriginalBody";

    private final PassUpdateReader reader;
    private final GatewayMethod defaultMethod;

    /**
     * @param defaultChannelId the {@code channel_id} of instance updates that carry none, or null
     * @param defaultMethod    the API of messages that name none, or null to require one
     */
    public EnrichProcessor(String defaultChannelId, GatewayMethod defaultMethod) {
        this.reader = new PassUpdateReader(defaultChannelId);
        this.defaultMethod = defaultMethod;
    }

    @Override
    public void process(Exchange exchange) {
        Object raw = exchange.getMessage().getBody();
        if (raw instanceof JsonRecordReader.OversizedRecord big) {
            // A pointer instead of the text, so that the record can be found and resent (the source names the file).
            exchange.setProperty(ORIGINAL_BODY, "(record " + big.recordNumber() + " at character offset " + big.offset()
                    + ", " + big.length() + " characters long, not kept: too large)");
            throw new InvalidPassUpdateException(List.of(new Violation("$",
                    "a record must be at most " + JsonRecordReader.MAX_RECORD_CHARS + " characters")));
        }
        String body = exchange.getMessage().getBody(String.class);
        exchange.setProperty(ORIGINAL_BODY, body);
        String json = body == null ? null : stripBom(body);
        if (json == null || json.isBlank()) {
            throw new InvalidPassUpdateException(List.of(new Violation("$", "must be a JSON object, the message is empty")));
        }
        PassUpdate update = reader.read(json, impliedMethod(exchange));
        exchange.setProperty(UPDATE, update);
        exchange.getMessage().setHeader(AlipassHeaders.METHOD, update.method().name());
        exchange.getMessage().setHeader(AlipassHeaders.KEY, update.key());
        exchange.getMessage().setBody(update.bizContent());
    }

    private GatewayMethod impliedMethod(Exchange exchange) {
        String api = exchange.getMessage().getHeader(AlipassHeaders.API, String.class);
        if (api == null || api.isBlank()) {
            GatewayMethod fromRoute = AlipassRoutes.defaultApi(exchange);
            return fromRoute != null ? fromRoute : defaultMethod;
        }
        return PassApi.named(api).orElseThrow(() -> new InvalidPassUpdateException(List.of(new Violation(AlipassHeaders.API,
                "must be " + PassApi.ACCEPTED))));
    }

    /** A UTF-8 byte-order mark from a Windows editor is not part of the JSON. */
    private static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }
}
