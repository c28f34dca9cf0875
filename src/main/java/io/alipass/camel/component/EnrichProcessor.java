package io.alipass.camel.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.InvalidRequestException;
import io.alipass.camel.gateway.InvalidRequestException.Violation;
import io.alipass.camel.pass.InvalidPassUpdateException;
import io.alipass.camel.pass.PassApi;
import io.alipass.camel.pass.PassUpdate;
import io.alipass.camel.pass.PassUpdateReader;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Turns a message's body into a validated {@link PassUpdate} and makes the body its
 * {@code biz_content}. The body may be a JSON record (text or bytes, from a file, JMS or HTTP), a
 * {@code Map} of the API's own field names, or a typed {@code InstanceUpdate} / {@code TemplateUpdate}.
 * The API comes from the record's {@code api} field, else the {@link AlipayPassConstants#API} header,
 * else the processor's default. The update and the input are kept in the exchange's {@link PassCall}.
 *
 * <p>Invalid input throws {@link InvalidPassUpdateException}, which names each field and rule (and is
 * also kept in the {@link PassCall}); the gateway is never called for it.
 */
public final class EnrichProcessor implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PassUpdateReader reader;
    private final GatewayMethod defaultMethod;
    private final boolean onlyDefault;

    /**
     * @param defaultChannelId the {@code channel_id} of instance updates that carry none, or null
     * @param defaultMethod    the API of messages that name none, or null to require one
     */
    public EnrichProcessor(String defaultChannelId, GatewayMethod defaultMethod) {
        this(defaultChannelId, defaultMethod, false);
    }

    /**
     * @param onlyDefault refuse a record that names another API than {@code defaultMethod} (an
     *                    {@code alipay-pass:instance-update} endpoint takes no template update)
     */
    EnrichProcessor(String defaultChannelId, GatewayMethod defaultMethod, boolean onlyDefault) {
        this.reader = new PassUpdateReader(defaultChannelId);
        this.defaultMethod = defaultMethod;
        this.onlyDefault = onlyDefault && defaultMethod != null;
    }

    @Override
    public void process(Exchange exchange) {
        PassCall call = PassCall.on(exchange);
        try {
            PassUpdate update = read(exchange, call);
            if (onlyDefault && !update.method().equals(defaultMethod)) {
                throw new InvalidPassUpdateException(List.of(new Violation(PassUpdateReader.API_FIELD,
                        "must be " + defaultMethod.name() + " at this endpoint, was " + update.method().name())));
            }
            call.update(update);
            exchange.getMessage().setHeader(AlipayPassConstants.METHOD, update.method().name());
            exchange.getMessage().setHeader(AlipayPassConstants.KEY, update.key());
            exchange.getMessage().setBody(update.bizContent());
        } catch (InvalidRequestException e) {
            call.invalid(e);
            throw e;
        }
    }

    private PassUpdate read(Exchange exchange, PassCall call) {
        Object raw = exchange.getMessage().getBody();
        if (raw instanceof PassUpdate typed) {
            call.input(typed.bizContent());
            return typed;
        }
        if (raw instanceof Map<?, ?> map) {
            JsonNode node = JSON.valueToTree(map);
            call.input(node.toString());
            return reader.read(node, impliedMethod(exchange));
        }
        String body = exchange.getMessage().getBody(String.class);
        call.input(body);
        String json = body == null ? null : stripBom(body);
        if (json == null || json.isBlank()) {
            throw new InvalidPassUpdateException(List.of(new Violation("$", "must be a JSON object, the message is empty")));
        }
        return reader.read(json, impliedMethod(exchange));
    }

    private GatewayMethod impliedMethod(Exchange exchange) {
        String api = exchange.getMessage().getHeader(AlipayPassConstants.API, String.class);
        if (api == null || api.isBlank()) {
            return defaultMethod;
        }
        return PassApi.named(api).orElseThrow(() -> new InvalidPassUpdateException(List.of(new Violation(AlipayPassConstants.API,
                "must be " + PassApi.ACCEPTED))));
    }

    /** A UTF-8 byte-order mark from a Windows editor is not part of the JSON. */
    private static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }
}
