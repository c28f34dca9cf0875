package io.alipass.camel.route;

import io.alipass.camel.component.AlipayPassComponent;
import io.alipass.camel.component.AlipayPassConfiguration;
import io.alipass.camel.component.AlipayPassConstants;
import io.alipass.camel.component.AlipayPassEndpoint;
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
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * Adds the alipass route template {@value #TEMPLATE} and its one error route configuration
 * {@value #ERRORS} to a CamelContext, on top of an {@code alipay-pass} component that it registers
 * for the given app under {@link #componentName(String)} (default {@value #COMPONENT}):
 * <pre>
 * source -&gt; {{component}}:update -&gt; success | failure
 *   route configuration alipass-pass-update-errors (every template instance opts in):
 *   invalid input -&gt; failure; transient fault -&gt; retried with exponential backoff, then dead letter;
 *   unexpected error -&gt; dead letter
 * </pre>
 * Template parameters: {@code sourceUri}, {@code successUri}, {@code failureUri},
 * {@code deadLetterUri} (required); {@code component} (the name of the app's component, default the
 * first {@code AlipassRoutes}' {@link #componentName(String)}), {@code api} (the API of messages that name none),
 * {@code maximumRedeliveries} (5), {@code redeliveryDelay} (1000 ms), {@code backOffMultiplier} (2),
 * {@code maximumRedeliveryDelay} (30000 ms), {@code idempotentRepository} (the bean name of an
 * {@code IdempotentRepository} that keeps answered instance updates from being sent again, see
 * {@link UpdateIdempotency}; blank, the default, for none). Every outcome endpoint receives an
 * {@link OutcomeDocument} with the original input, and the {@link AlipayPassConstants} headers.
 *
 * <p>The error handling lives in the route configuration, once, and each instance's own parameters
 * fill its placeholders: Camel 4 resolves {@code {{deadLetterUri}}} or {@code {{maximumRedeliveries}}}
 * in a route configuration against the template parameters of the route it is applied to
 * ({@code ErrorRouteConfigurationTest} pins this), so two instances keep their own outcome endpoints and
 * retry settings.
 *
 * <p><b>Several apps</b>: add one {@code AlipassRoutes} per app, each with its own component name; the
 * template and the route configuration are added by the first and shared, and an instance picks its
 * app with the {@code component} parameter. A second {@code AlipassRoutes} for a component name that is
 * already taken fails when it is added, instead of replacing the first app's keys.
 *
 * <p>Use from Java: {@code context.addRoutes(new AlipassRoutes(configuration))}, then
 * {@code TemplatedRouteBuilder.builder(context, AlipassRoutes.TEMPLATE).parameter(...).add()}; from
 * YAML with a {@code templatedRoute} that names {@value #TEMPLATE}.
 */
public final class AlipassRoutes extends RouteConfigurationBuilder {
    /** The route template's id. */
    public static final String TEMPLATE = "alipass-pass-update";
    /** The id of the route configuration that holds the template's error handling. */
    public static final String ERRORS = "alipass-pass-update-errors";
    /** The name the app's component is registered under unless {@link #componentName(String)} says otherwise. */
    public static final String COMPONENT = "alipay-pass";
    /** Carries the template's {@code api} parameter to the one step that reads it. */
    private static final String DEFAULT_API = "AlipassTemplateApi";
    /** Carries the instance's {@code component} parameter to the steps that need its app (enrich, listener). */
    private static final String APP = "AlipassTemplateComponent";

    /** The app's options, or null when the app's component is registered by someone else ({@link #onComponent}). */
    private final AlipayPassConfiguration app;
    private final Map<String, String> templateDefaults = new HashMap<>();
    private final AlipayPassComponent component;
    private final Map<String, AlipayPassEndpoint> endpoints = new ConcurrentHashMap<>();
    private String componentName = COMPONENT;

    /**
     * Routes for one app given by its component options (a copy is taken): gateway URL, keys or an
     * already built protocol, channel id, timeouts, rate limit, outcome listener...
     */
    public AlipassRoutes(AlipayPassConfiguration app) {
        this.app = Objects.requireNonNull(app, "app").copy();
        this.component = new AlipayPassComponent();
    }

    private AlipassRoutes(String existingComponent) {
        this.app = null;
        this.component = null;
        componentName(existingComponent);
    }

    /**
     * The template and its error route configuration on an {@code alipay-pass} component that is already
     * registered under {@code name}: by Spring Boot's auto-configuration or camel-main from
     * {@code camel.component.alipay-pass.*}, or by hand. Adds no component, so it cannot replace the app
     * there; instances use it unless their {@code component} parameter names another. In Spring Boot:
     * {@code @Bean RoutesBuilder alipassTemplate() { return AlipassRoutes.onComponent("alipay-pass"); }}.
     */
    public static AlipassRoutes onComponent(String name) {
        return new AlipassRoutes(name);
    }

    /**
     * Routes for one app with an already built protocol and the component's defaults for everything else.
     *
     * @param protocol         the app's signing and verification settings
     * @param gatewayUrl       the gateway's address
     * @param defaultChannelId the {@code channel_id} for instance updates that carry none, or null
     */
    public AlipassRoutes(GatewayProtocol protocol, String gatewayUrl, String defaultChannelId) {
        this(options(protocol, gatewayUrl, defaultChannelId));
    }

    private static AlipayPassConfiguration options(GatewayProtocol protocol, String gatewayUrl, String defaultChannelId) {
        AlipayPassConfiguration c = new AlipayPassConfiguration();
        c.setProtocol(Objects.requireNonNull(protocol, "protocol"));
        c.setGatewayUrl(Objects.requireNonNull(gatewayUrl, "gatewayUrl"));
        c.setChannelId(defaultChannelId);
        return c;
    }

    /** The name this app's component is registered under (default {@value #COMPONENT}); one per app. */
    public AlipassRoutes componentName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("componentName must not be blank");
        }
        this.componentName = name.trim();
        return this;
    }

    /**
     * Gives template parameters defaults, so that template instances need name only what differs (the
     * runner sets the outcome URIs, retries and idempotency once, and its YAML names only the source).
     * Without a default, {@code sourceUri}, {@code successUri}, {@code failureUri} and
     * {@code deadLetterUri} are required. Only the {@code AlipassRoutes} that adds the template (the
     * first in a context) may set them.
     */
    public AlipassRoutes templateDefaults(Map<String, String> defaults) {
        templateDefaults.putAll(defaults);
        return this;
    }

    private String parameterDefault(String name, String builtIn) {
        return templateDefaults.getOrDefault(name, builtIn);
    }

    /** The app's component, registered under {@link #componentName(String)} once the routes are added. */
    public AlipayPassComponent component() {
        return requireOwnComponent();
    }

    private AlipayPassComponent requireOwnComponent() {
        if (component == null) {
            throw new IllegalStateException("AlipassRoutes.onComponent(\"" + componentName + "\") adds no component of its own:"
                    + " look the component up in the CamelContext");
        }
        return component;
    }

    /** The app's call rate: the configured ceiling and, under it, the rate adapted to the gateway's call limits. */
    public AdaptiveCallRate callRate() {
        requireOwnComponent();
        String appId = app.getProtocol() != null ? app.getProtocol().appId() : app.getAppId();
        return component.callRate(app.getGatewayUrl(), appId, app.getRateLimit());
    }

    private Model model() {
        return getContext().getCamelContextExtension().getContextPlugin(Model.class);
    }

    @Override
    public void configuration() {
        if (model().getRouteConfigurationDefinition(ERRORS) != null) {
            return; // added by the first AlipassRoutes of this context
        }
        // Placeholders here are filled from the parameters of the template instance the configuration is applied to.
        RouteConfigurationDefinition errors = routeConfiguration(ERRORS);
        errors.onException(InvalidRequestException.class)
                .handled(true)
                .logExhausted(false)
                .setProperty(APP, constant("{{component}}"))
                .process(OutcomeDocument::invalidInput)
                .process(this::tellListener)
                .to("{{failureUri}}");
        errors.onException(TransientGatewayException.class, IOException.class)
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
                .setProperty(APP, constant("{{component}}"))
                .process(OutcomeDocument::deadLetter)
                .process(this::tellListener)
                .to("{{deadLetterUri}}");
        errors.onException(Exception.class)
                .handled(true)
                .logExhausted(false)
                .log(LoggingLevel.ERROR, "alipass", "dead-lettering after an unexpected error: ${exception.class.simpleName}")
                .setProperty(APP, constant("{{component}}"))
                .process(OutcomeDocument::error)
                .process(this::tellListener)
                .to("{{deadLetterUri}}");
    }

    @Override
    public void configure() {
        CamelContext context = getContext();
        if (app != null) {
            if (context.hasComponent(componentName) != null) {
                throw new IllegalStateException("a component is already registered under '" + componentName
                        + "': give each app's AlipassRoutes its own componentName instead of replacing the first app,"
                        + " or use AlipassRoutes.onComponent(\"" + componentName + "\") to put the template on it");
            }
            component.setConfiguration(app.copy());
            context.addComponent(componentName, component);
        }
        if (model().getRouteTemplateDefinition(TEMPLATE) != null) {
            if (!templateDefaults.isEmpty()) {
                throw new IllegalStateException("route template " + TEMPLATE + " was already added by another AlipassRoutes:"
                        + " only the first sets templateDefaults; instances choose this app with the parameter component="
                        + componentName);
            }
            return;
        }

        var template = routeTemplate(TEMPLATE);
        for (String required : List.of("sourceUri", "successUri", "failureUri", "deadLetterUri")) {
            String given = parameterDefault(required, null);
            if (given == null) {
                template.templateParameter(required);
            } else {
                template.templateParameter(required, given);
            }
        }
        template.templateParameter("component", parameterDefault("component", componentName))
                .templateParameter("api", parameterDefault("api", ""))
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
                .routeConfigurationId(ERRORS)
                .setProperty(APP, constant("{{component}}"))
                .process(AlipassRoutes::refuseOversized).id("alipass-oversized")
                .setProperty(DEFAULT_API, constant("{{api}}"))
                .process(AlipassRoutes::applyDefaultApi)
                // Enrich before the component, with the app's own enrich step (its channel id), so that
                // idempotency can look at the update before any call; the producer then finds the update in
                // the exchange's PassCall and goes on from there.
                .process(this::enrich).id("alipass-enrich")
                .setProperty(UpdateIdempotency.REPOSITORY, constant("{{idempotentRepository}}"))
                .process(UpdateIdempotency::check).id("alipass-idempotency-check")
                .filter(UpdateIdempotency::isDuplicate)
                    .process(OutcomeDocument::duplicate)
                    .process(this::tellListener)
                    .to("{{successUri}}")
                    .stop()
                .end()
                .to("{{component}}:update").id("alipass-call")
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

    /** The {@code update} endpoint of the instance's app (started with its route, so its app is resolved). */
    private AlipayPassEndpoint appEndpoint(Exchange exchange) {
        String name = exchange.getProperty(APP, String.class);
        AlipayPassEndpoint endpoint = endpoints.get(name);
        if (endpoint == null || endpoint.getCamelContext() != exchange.getContext()) {
            endpoint = exchange.getContext().getEndpoint(name + ":update", AlipayPassEndpoint.class);
            endpoints.put(name, endpoint);
        }
        return endpoint;
    }

    private void enrich(Exchange exchange) throws Exception {
        appEndpoint(exchange).enrichProcessor().process(exchange);
    }

    private void tellListener(Exchange exchange) {
        OutcomeListener listener = appEndpoint(exchange).outcomeListener();
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
