package io.alipass.camel.route;

import io.alipass.camel.gateway.AdaptiveCallRate;
import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.InvalidRequestException;
import io.alipass.camel.gateway.PassUpdateOutcome;
import io.alipass.camel.pass.PassApi;
import io.alipass.camel.pass.PassUpdate;
import java.io.IOException;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * Adds the alipass building blocks to a CamelContext: the gateway call route
 * ({@value #CALL_ENDPOINT}: sign, POST with camel-http, verify) and the route template
 * {@value #TEMPLATE}, which wires a source to success, failure and dead-letter endpoints:
 * <pre>
 * source -&gt; enrich -&gt; call (retried with exponential backoff on transient faults) -&gt; success | failure
 *        invalid input -&gt; failure; retries exhausted or unexpected error -&gt; dead letter
 * </pre>
 * Template parameters: {@code sourceUri}, {@code successUri}, {@code failureUri},
 * {@code deadLetterUri} (required); {@code api} (the API of messages that name none),
 * {@code maximumRedeliveries} (5), {@code redeliveryDelay} (1000 ms), {@code backOffMultiplier} (2),
 * {@code maximumRedeliveryDelay} (30000 ms), {@code idempotentRepository} (the bean name of an
 * {@code IdempotentRepository} that keeps answered instance updates from being sent again, see
 * {@link UpdateIdempotency}; blank, the default, for none). Every outcome endpoint receives an
 * {@link OutcomeDocument} with the original input, and the {@link AlipassHeaders}.
 *
 * <p>Use from Java: {@code context.addRoutes(new AlipassRoutes(protocol, settings, channelId))}, then
 * {@code TemplatedRouteBuilder.builder(context, AlipassRoutes.TEMPLATE).parameter(...).add()}; from
 * YAML with a {@code templatedRoute} that names {@value #TEMPLATE}.
 */
public final class AlipassRoutes extends RouteBuilder {
    /** The route template's id. */
    public static final String TEMPLATE = "alipass-pass-update";
    /** The endpoint of the shared gateway call route. */
    public static final String CALL_ENDPOINT = "direct:alipass-gateway-call";
    /** The exchange property holding a template instance's default API. */
    static final String DEFAULT_API = "AlipassDefaultApi";

    private final GatewayProtocol protocol;
    private final GatewayCallSettings call;
    private final String defaultChannelId;
    private final OutcomeListener listener;
    private final AdaptiveCallRate callRate;

    /** Routes without an outcome listener. */
    public AlipassRoutes(GatewayProtocol protocol, GatewayCallSettings call, String defaultChannelId) {
        this(protocol, call, defaultChannelId, OutcomeListener.NONE);
    }

    /**
     * @param protocol         the app's signing and verification settings
     * @param call             how to reach the gateway
     * @param defaultChannelId the {@code channel_id} for instance updates that carry none, or null
     * @param listener         hears every outcome and gateway call (metrics, batch summaries)
     */
    public AlipassRoutes(GatewayProtocol protocol, GatewayCallSettings call, String defaultChannelId, OutcomeListener listener) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.call = Objects.requireNonNull(call, "call");
        this.defaultChannelId = defaultChannelId;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.callRate = AdaptiveCallRate.of(call.rateLimit());
    }

    /** The app's call rate: the configured ceiling and, under it, the rate adapted to the gateway's call limits. */
    public AdaptiveCallRate callRate() {
        return callRate;
    }

    @Override
    public void configure() {
        getContext().getRegistry().bind("alipassConnectionManager", GatewayConnections.connectionManager(call));
        getContext().getRegistry().bind("alipassHeaderFilter", new GatewayHeaderFilterStrategy());

        RouteDefinition callRoute = from(CALL_ENDPOINT).routeId("alipass-gateway-call")
                // Errors go back to the calling route, whose redelivery re-runs this whole route,
                // so every attempt is signed afresh.
                .errorHandler(noErrorHandler());
        // issue 13: every attempt waits for the app's adaptive call rate (the configured rate limit is its
        // ceiling) and tells it the outcome. A call-limited answer (40005) is sent again here, after the
        // throttle, without using one of the template's redeliveries (see Retryability.CALL_LIMITED_RETRIES).
        callRoute
                .setProperty(GatewayResponseProcessor.CALL_AGAIN, constant(true))
                .loopDoWhile(exchangeProperty(GatewayResponseProcessor.CALL_AGAIN).isEqualTo(true))
                    .setProperty(GatewayResponseProcessor.CALL_AGAIN, constant(false))
                    .process(this::acquireCall).id("alipass-throttle")
                    .process(new SigningProcessor(protocol)).id("alipass-sign")
                    .to(gatewayEndpointUri()).id("alipass-http")
                    .process(new GatewayResponseProcessor(protocol, listener, callRate)).id("alipass-response")
                .end();

        routeTemplate(TEMPLATE)
                .templateParameter("sourceUri")
                .templateParameter("successUri")
                .templateParameter("failureUri")
                .templateParameter("deadLetterUri")
                .templateParameter("api", "")
                .templateParameter("maximumRedeliveries", "5")
                .templateParameter("redeliveryDelay", "1000")
                .templateParameter("backOffMultiplier", "2")
                .templateParameter("maximumRedeliveryDelay", "30000")
                .templateParameter("idempotentRepository", "")
                .from("{{sourceUri}}")
                    .onException(InvalidRequestException.class)
                        .handled(true)
                        .logExhausted(false)
                        .process(OutcomeDocument::invalidInput)
                        .process(this::tellListener)
                        .to("{{failureUri}}")
                    .end()
                    .onException(TransientGatewayException.class, IOException.class)
                        .maximumRedeliveries("{{maximumRedeliveries}}")
                        .redeliveryDelay("{{redeliveryDelay}}")
                        .useExponentialBackOff()
                        .backOffMultiplier("{{backOffMultiplier}}")
                        .maximumRedeliveryDelay("{{maximumRedeliveryDelay}}")
                        .collisionAvoidanceFactor(0.15)
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .logStackTrace(false)
                        .logExhausted(false)
                        .handled(true)
                        .process(OutcomeDocument::deadLetter)
                        .process(this::tellListener)
                        .to("{{deadLetterUri}}")
                    .end()
                    .onException(Exception.class)
                        .handled(true)
                        .logExhausted(false)
                        .log(LoggingLevel.ERROR, "alipass", "dead-lettering after an unexpected error: ${exception.class.simpleName}")
                        .process(OutcomeDocument::error)
                        .process(this::tellListener)
                        .to("{{deadLetterUri}}")
                    .end()
                .setProperty(DEFAULT_API, constant("{{api}}"))
                .setProperty(UpdateIdempotency.REPOSITORY, constant("{{idempotentRepository}}"))
                .process(new EnrichProcessor(defaultChannelId, null)).id("alipass-enrich")
                .process(UpdateIdempotency::check).id("alipass-idempotency-check")
                .filter(UpdateIdempotency::isDuplicate)
                    .process(OutcomeDocument::duplicate)
                    .process(this::tellListener)
                    .to("{{successUri}}")
                    .stop()
                .end()
                .to(CALL_ENDPOINT)
                .process(OutcomeDocument::answered)
                .process(this::tellListener)
                .choice()
                    .when(exchange -> exchange.getProperty(GatewayResponseProcessor.OUTCOME) instanceof PassUpdateOutcome.Success)
                        .to("{{successUri}}")
                    // issue 13: a misdirected call (HTTP 3xx/4xx) is final and dead-lettered at once; the
                    // update was never answered, so it is not remembered as answered either.
                    .when(exchange -> exchange.getProperty(GatewayResponseProcessor.OUTCOME) instanceof PassUpdateOutcome.MisdirectedCall)
                        .to("{{deadLetterUri}}")
                        .stop()
                    .otherwise()
                        .to("{{failureUri}}")
                .end()
                // Only once the outcome is delivered: a crash before this line leaves no key, so the
                // redelivered update is sent again and gets its outcome (at worst a second one). Stored
                // earlier, the crash would leave the update with a "duplicate" note and no outcome at all.
                .process(UpdateIdempotency::remember).id("alipass-idempotency-remember");
    }

    private void tellListener(Exchange exchange) {
        var m = exchange.getMessage();
        listener.outcome(m.getHeader(AlipassHeaders.OUTCOME, String.class), m.getHeader(AlipassHeaders.METHOD, String.class),
                m.getHeader(AlipassHeaders.CODE, String.class), m.getHeader(AlipassHeaders.SUB_CODE, String.class));
    }

    private String gatewayEndpointUri() {
        String url = call.gatewayUrl();
        // httpMethod=POST on the endpoint: camel-http otherwise converts the CamelHttpMethod header
        // from String to its enum on every call, through a type-converter lookup that misses and
        // tries to load classes (about 10% of the route's CPU in a JFR profile). The signing
        // processor still sets the header, for users who wire it to their own http endpoint.
        return url + (url.indexOf('?') >= 0 ? '&' : '?')
                + "httpMethod=POST"
                + "&throwExceptionOnFailure=false"
                + "&followRedirects=false"
                + "&skipResponseHeaders=true"
                + "&clientConnectionManager=#alipassConnectionManager"
                + "&headerFilterStrategy=#alipassHeaderFilter";
    }

    private void acquireCall(Exchange exchange) throws InterruptedException {
        PassUpdate update = exchange.getProperty(EnrichProcessor.UPDATE, PassUpdate.class);
        if (update != null) {
            callRate.acquire(update.method());
        }
    }

    /** The API named by a template instance's {@code api} parameter, or null. */
    static GatewayMethod defaultApi(Exchange exchange) {
        String api = exchange.getProperty(DEFAULT_API, String.class);
        if (api == null || api.isBlank()) {
            return null;
        }
        return PassApi.named(api).orElseThrow(() -> new IllegalArgumentException(
                "template parameter api must be " + PassApi.ACCEPTED + ", was '" + api + "'"));
    }
}
