package io.alipass.camel.route;

import io.alipass.camel.component.AlipayPassComponent;
import io.alipass.camel.component.AlipayPassConfiguration;
import io.alipass.camel.component.AlipayPassConstants;
import io.alipass.camel.component.EnrichProcessor;
import io.alipass.camel.component.GatewayCallSettings;
import io.alipass.camel.component.OutcomeListener;
import io.alipass.camel.component.OutcomeKind;
import io.alipass.camel.component.PassCall;
import io.alipass.camel.component.TransientGatewayException;
import io.alipass.camel.gateway.AdaptiveCallRate;
import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.InvalidRequestException;
import io.alipass.camel.gateway.InvalidRequestException.Violation;
import io.alipass.camel.pass.InvalidPassUpdateException;
import io.alipass.camel.pass.PassApi;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Adds the alipass route template {@value #TEMPLATE} to a CamelContext, on top of an {@code alipay-pass}
 * component registered under {@value #COMPONENT} for the given app:
 * <pre>
 * source -&gt; alipay-pass:update (retried with exponential backoff on transient faults) -&gt; success | failure
 *        invalid input -&gt; failure; retries exhausted or unexpected error -&gt; dead letter
 * </pre>
 * Template parameters: {@code sourceUri}, {@code successUri}, {@code failureUri},
 * {@code deadLetterUri} (required); {@code api} (the API of messages that name none),
 * {@code maximumRedeliveries} (5), {@code redeliveryDelay} (1000 ms), {@code backOffMultiplier} (2),
 * {@code maximumRedeliveryDelay} (30000 ms), {@code idempotentRepository} (the bean name of an
 * {@code IdempotentRepository} that keeps answered instance updates from being sent again, see
 * {@link UpdateIdempotency}; blank, the default, for none). Every outcome endpoint receives an
 * {@link OutcomeDocument} with the original input, and the {@link AlipayPassConstants} headers.
 *
 * <p>Use from Java: {@code context.addRoutes(new AlipassRoutes(protocol, settings, channelId))}, then
 * {@code TemplatedRouteBuilder.builder(context, AlipassRoutes.TEMPLATE).parameter(...).add()}; from
 * YAML with a {@code templatedRoute} that names {@value #TEMPLATE}.
 */
public final class AlipassRoutes extends RouteBuilder {
    /** The route template's id. */
    public static final String TEMPLATE = "alipass-pass-update";
    /** The name the app's component is registered under. */
    public static final String COMPONENT = "alipay-pass";
    /** Carries the template's {@code api} parameter to the one step that reads it. */
    private static final String DEFAULT_API = "AlipassTemplateApi";

    private final GatewayProtocol protocol;
    private final GatewayCallSettings call;
    private final String defaultChannelId;
    private final OutcomeListener listener;
    private final Map<String, String> templateDefaults = new HashMap<>();
    private final AlipayPassComponent component = new AlipayPassComponent();

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
    }

    /**
     * Gives template parameters defaults, so that template instances need name only what differs (the
     * runner sets the outcome URIs, retries and idempotency once, and its YAML names only the source).
     * Without a default, {@code sourceUri}, {@code successUri}, {@code failureUri} and
     * {@code deadLetterUri} are required.
     */
    public AlipassRoutes templateDefaults(Map<String, String> defaults) {
        templateDefaults.putAll(defaults);
        return this;
    }

    private String parameterDefault(String name, String builtIn) {
        return templateDefaults.getOrDefault(name, builtIn);
    }

    /** The app's call rate: the configured ceiling and, under it, the rate adapted to the gateway's call limits. */
    public AdaptiveCallRate callRate() {
        return component.callRate(call.gatewayUrl(), protocol.appId(), call.rateLimit());
    }

    @Override
    public void configure() {
        AlipayPassConfiguration c = component.getConfiguration();
        c.setProtocol(protocol);
        c.setGatewayUrl(call.gatewayUrl());
        c.setConnectTimeout(Math.toIntExact(call.connectTimeout().toMillis()));
        c.setReadTimeout(Math.toIntExact(call.readTimeout().toMillis()));
        c.setMaxConnections(call.maxConnections());
        c.setRateLimit(call.rateLimit());
        c.setSslContext(call.sslContext());
        c.setChannelId(defaultChannelId);
        c.setOutcomeListener(listener);
        getContext().addComponent(COMPONENT, component);

        var template = routeTemplate(TEMPLATE);
        for (String required : List.of("sourceUri", "successUri", "failureUri", "deadLetterUri")) {
            String given = parameterDefault(required, null);
            if (given == null) {
                template.templateParameter(required);
            } else {
                template.templateParameter(required, given);
            }
        }
        template.templateParameter("api", parameterDefault("api", ""))
                .templateParameter("maximumRedeliveries", parameterDefault("maximumRedeliveries", "5"))
                .templateParameter("redeliveryDelay", parameterDefault("redeliveryDelay", "1000"))
                .templateParameter("backOffMultiplier", parameterDefault("backOffMultiplier", "2"))
                .templateParameter("maximumRedeliveryDelay", parameterDefault("maximumRedeliveryDelay", "30000"))
                .templateParameter("idempotentRepository", parameterDefault("idempotentRepository", ""))
                // Checked when a route is made from the template, not per message.
                .configure(rtc -> {
                    // A default may be a property placeholder ({{alipass.default-api}}): check what it resolves to.
                    String api = rtc.getProperty("api", String.class);
                    defaultApi(api == null ? null : rtc.getCamelContext().resolvePropertyPlaceholders(api));
                    UpdateIdempotency.requireRepository(rtc.getCamelContext(), rtc.getProperty("idempotentRepository", String.class));
                })
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
                .process(AlipassRoutes::refuseOversized).id("alipass-oversized")
                .setProperty(DEFAULT_API, constant("{{api}}"))
                .process(AlipassRoutes::applyDefaultApi)
                // Enrich before the component, so that idempotency can look at the update before any call;
                // the producer then finds the update in the exchange's PassCall and goes on from there.
                .process(new EnrichProcessor(defaultChannelId, null)).id("alipass-enrich")
                .setProperty(UpdateIdempotency.REPOSITORY, constant("{{idempotentRepository}}"))
                .process(UpdateIdempotency::check).id("alipass-idempotency-check")
                .filter(UpdateIdempotency::isDuplicate)
                    .process(OutcomeDocument::duplicate)
                    .process(this::tellListener)
                    .to("{{successUri}}")
                    .stop()
                .end()
                .to(COMPONENT + ":update").id("alipass-call")
                .process(OutcomeDocument::answered)
                .process(this::tellListener)
                .choice()
                    .when(header(AlipayPassConstants.OUTCOME).isEqualTo(OutcomeKind.SUCCESS.wireName()))
                        .to("{{successUri}}")
                    // A misdirected call (HTTP 3xx/4xx: the gateway URL or a proxy is wrong) is final and
                    // dead-lettered at once; the update was never answered, so it is not remembered either.
                    .when(header(AlipayPassConstants.OUTCOME).isEqualTo(OutcomeKind.DEAD_LETTER.wireName()))
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
        String kind = m.getHeader(AlipayPassConstants.OUTCOME, String.class);
        listener.outcome(OutcomeKind.named(kind).orElseThrow(() -> new IllegalStateException("unknown outcome kind " + kind)),
                m.getHeader(AlipayPassConstants.METHOD, String.class),
                m.getHeader(AlipayPassConstants.CODE, String.class), m.getHeader(AlipayPassConstants.SUB_CODE, String.class));
    }

    /** A record the file reader refused to keep in memory, or found broken, is invalid input, not something to parse. */
    private static void refuseOversized(Exchange exchange) {
        if (exchange.getMessage().getBody() instanceof JsonRecordReader.OversizedRecord big) {
            // A pointer instead of the text, so that the record can be found and resent (the source names the file).
            throw PassCall.refuse(exchange, "(record " + big.recordNumber() + " at character offset " + big.offset()
                    + ", " + big.length() + " characters long, not kept: too large)",
                    new InvalidPassUpdateException(List.of(new Violation("$",
                            "a record must be at most " + JsonRecordReader.MAX_RECORD_CHARS + " characters"))));
        }
        if (exchange.getMessage().getBody() instanceof JsonRecordReader.BrokenRecord broken) {
            // The reader's reason, not a new parse of the cut text: that text alone may parse (an element after a missing comma).
            throw PassCall.refuse(exchange, broken.text(), new InvalidPassUpdateException(List.of(new Violation("$",
                    "must be valid JSON (" + broken.problem() + "; the record starts at character offset " + broken.offset() + ")"))));
        }
    }

    /** The template's {@code api} parameter, for messages whose record and header name none. */
    private static void applyDefaultApi(Exchange exchange) {
        String api = exchange.getProperty(DEFAULT_API, String.class);
        exchange.removeProperty(DEFAULT_API);
        if (api != null && !api.isBlank() && exchange.getMessage().getHeader(AlipayPassConstants.API) == null) {
            exchange.getMessage().setHeader(AlipayPassConstants.API, api.trim());
        }
    }

    /** The API named by a template instance's {@code api} parameter, or null; checked when the route is built. */
    static GatewayMethod defaultApi(String api) {
        if (api == null || api.isBlank()) {
            return null;
        }
        return PassApi.named(api.trim()).orElseThrow(() -> new IllegalArgumentException(
                "template parameter api must be " + PassApi.ACCEPTED + ", was '" + api + "'"));
    }
}
