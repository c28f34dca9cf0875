package io.alipass.camel.route;

import io.alipass.camel.gateway.EncodedRequest;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.pass.PassUpdate;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Signs the exchange's {@link PassUpdate} (set by {@link EnrichProcessor}) and leaves the exchange
 * ready for a {@code camel-http} POST to the gateway: the form body as bytes, the signed system
 * parameters in {@link Exchange#HTTP_QUERY}, the {@code Content-Type} of the request charset.
 *
 * <p>It signs afresh each time it runs, so a retried call carries a current {@code timestamp}. Any
 * {@code CamelHttp*} header an inbound HTTP request left behind is removed first, since camel-http
 * would otherwise send the request to the address that header names. The per-message
 * {@link AlipassHeaders#APP_AUTH_TOKEN} is removed once used.
 */
public final class SigningProcessor implements Processor {
    private final GatewayProtocol protocol;

    public SigningProcessor(GatewayProtocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    @Override
    public void process(Exchange exchange) {
        PassUpdate update = exchange.getProperty(EnrichProcessor.UPDATE, PassUpdate.class);
        if (update == null) {
            throw new IllegalStateException("no pass update on the exchange: run the enrich processor before signing");
        }
        var message = exchange.getMessage();
        String token = message.getHeader(AlipassHeaders.APP_AUTH_TOKEN, String.class);
        message.removeHeader(AlipassHeaders.APP_AUTH_TOKEN);
        if (token != null) {
            exchange.setProperty(AlipassHeaders.APP_AUTH_TOKEN, token); // kept off the message, for retries
        } else {
            token = exchange.getProperty(AlipassHeaders.APP_AUTH_TOKEN, String.class);
        }
        EncodedRequest request = protocol.prepare(update.method(), update.bizContent(), token);
        AlipassHeaders.removeStartingWith(message, "CamelHttp");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_QUERY, request.queryString());
        message.setHeader(Exchange.CONTENT_TYPE, request.contentType());
        message.setBody(request.body());
        exchange.setProperty(GatewayResponseProcessor.REQUEST, request);
        exchange.setProperty(GatewayResponseProcessor.SENT_AT, System.nanoTime());
        int attempts = exchange.getProperty(GatewayResponseProcessor.ATTEMPT_COUNT, 0, Integer.class) + 1;
        exchange.setProperty(GatewayResponseProcessor.ATTEMPT_COUNT, attempts);
        message.setHeader(AlipassHeaders.ATTEMPTS, attempts);
    }

    @Override
    public String toString() {
        return "SigningProcessor[" + protocol + "]";
    }
}
