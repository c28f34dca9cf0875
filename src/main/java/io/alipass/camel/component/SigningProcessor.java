package io.alipass.camel.component;

import io.alipass.camel.gateway.EncodedRequest;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.pass.PassUpdate;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Signs the exchange's {@link PassUpdate} (read by {@link EnrichProcessor}) with one app's key. As a
 * processor in a hand-built route it leaves the exchange ready for a {@code camel-http} POST to the
 * gateway: the form body as bytes, the signed system parameters in {@link Exchange#HTTP_QUERY}, the
 * {@code Content-Type} of the request charset. The {@code alipay-pass} producer calls {@link #sign}
 * instead and sends the request itself, so both paths sign with the same code.
 *
 * <p>It signs afresh each time it runs, so a retried call carries a current {@code timestamp}. The
 * per-message {@link AlipayPassConstants#APP_AUTH_TOKEN} header is removed once read and kept, off
 * the message, for retries.
 */
public final class SigningProcessor implements Processor {
    private final GatewayProtocol protocol;

    public SigningProcessor(GatewayProtocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    @Override
    public void process(Exchange exchange) {
        EncodedRequest request = sign(exchange);
        Message message = exchange.getMessage();
        // An inbound HTTP request's CamelHttp* headers would make camel-http send this request elsewhere.
        AlipayPassConstants.removeStartingWith(message, "CamelHttp");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_QUERY, request.queryString());
        message.setHeader(Exchange.CONTENT_TYPE, request.contentType());
        message.setBody(request.body());
    }

    /** Signs the exchange's update, counts the attempt, and returns the request to send. */
    public EncodedRequest sign(Exchange exchange) {
        PassCall call = PassCall.find(exchange).orElse(null);
        PassUpdate update = call == null ? null : call.update();
        if (update == null) {
            throw new IllegalStateException("no pass update on the exchange: run the enrich processor before signing");
        }
        Message message = exchange.getMessage();
        String token = message.getHeader(AlipayPassConstants.APP_AUTH_TOKEN, String.class);
        message.removeHeader(AlipayPassConstants.APP_AUTH_TOKEN);
        if (token != null) {
            call.appAuthToken(token);
        }
        EncodedRequest request = protocol.prepare(update.method(), update.bizContent(), call.appAuthToken());
        call.signed(request, System.nanoTime());
        message.setHeader(AlipayPassConstants.ATTEMPTS, call.attempts());
        return request;
    }

    @Override
    public String toString() {
        return "SigningProcessor[" + protocol + "]";
    }
}
