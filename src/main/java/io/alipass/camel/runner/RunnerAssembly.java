package io.alipass.camel.runner;

import io.alipass.camel.gateway.AdaptiveCallRate;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.route.AlipassRoutes;
import io.alipass.camel.route.BearerTokenCheck;
import io.alipass.camel.route.DropFolderGuard;
import io.alipass.camel.route.JsonRecordSplitter;
import io.alipass.camel.route.FileDropErrorWriter;

import io.alipass.camel.route.RecordFileEnd;
import io.alipass.camel.route.DropFolderSurvey;
import io.alipass.camel.route.DropFolderReadLock;
import io.alipass.camel.route.HttpOutcomeResponder;
import io.alipass.camel.component.AlipayPassConfiguration;
import io.alipass.camel.component.AlipayPassConfigurationException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.builder.ThreadPoolBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.spi.IdempotentRepository;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Builds the runner inside camel-main, once the properties are loaded and before the YAML routes are:
 * binds {@link RunnerSettings}, starts the embedded broker and the demo gateway when they are wanted,
 * forwards the app's properties to the {@code alipay-pass} component ({@link AppProperty}), adds
 * {@link AlipassRoutes} with a {@link RunTally}, and binds the beans the YAML routes name:
 * {@code alipassTally}, {@code alipassFileRecords}, {@code alipassFileWorkers}, {@code alipassFileErrors}, {@code alipassDropFolderGuard},
 * {@code alipassTokenCheck}, {@code alipassHttpResponder}.
 *
 * <p>It also rewrites a few properties the routes read: the drop folders as absolute paths (Camel's
 * {@code move} would otherwise resolve them against the inbox) and the generated HTTP token. Sources
 * that are off, or all but the drop folder in once mode, are left out by not loading their YAML file.
 */
final class RunnerAssembly extends MainListenerSupport {
    /** The YAML file of each source, so a source that is off is never loaded. */
    static final String FILE_ROUTES = "alipass-file.camel.yaml";
    static final String JMS_ROUTES = "alipass-jms.camel.yaml";
    static final String HTTP_ROUTES = "alipass-http.camel.yaml";

    private final boolean onceFlag;
    /** {@code --replay}: a batch run over outcome documents, with the drop folder off too. */
    private boolean replay;
    private boolean once;
    private RunnerSettings settings;
    private RunTally tally;
    private DropFolderSurvey survey;
    private String httpToken;
    private DemoGateway demo;
    private AlipassRoutes routes;
    private MeterRegistry meterRegistry;
    private EmbeddedBroker broker;
    private String startupBanner;

    RunnerAssembly(boolean onceFlag) {
        this.onceFlag = onceFlag;
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertiesComponent pc = context.getPropertiesComponent();
        settings = RunnerSettings.read(key -> pc.resolveProperty(key)
                .map(v -> v.contains("{{") ? context.resolvePropertyPlaceholders(v) : v)
                .orElse(null));
        once = onceFlag || settings.once();
        boolean jms = settings.jms().enabled() && !once;
        boolean http = settings.http().enabled() && !once;

        Properties overrides = new Properties();
        overrides.put("alipass.file.inbox", absolute(settings.file().inbox()));
        overrides.put("alipass.file.done", absolute(settings.file().done()));
        overrides.put("alipass.file.error", absolute(settings.file().error()));
        overrides.put("alipass.default-api", settings.defaultApi() == null ? "" : settings.defaultApi());
        if (!http) {
            // No HTTP source: no reason to hold a port.
            overrides.put("camel.server.enabled", "false");
        }
        if (once) {
            overrides.put("camel.management.enabled", "false");
            // A batch reads what is already there: its first poll need not wait camel-file's default second (issue 17).
            overrides.put("alipass.file.initial-delay-ms", "0");
            // Nobody scrapes a batch run: Camel's route metrics (an event notifier on every exchange) stay off, and
            // the run's own counters live in a plain registry instead of Prometheus's (about 230 classes at start).
            overrides.put("camel.metrics.enabled", "false");
        }
        IdempotentRepository idempotency = IdempotencyStore.create(key -> pc.resolveProperty(key)
                .map(v -> v.contains("{{") ? context.resolvePropertyPlaceholders(v) : v).orElse(null), context);
        if (idempotency == null && replay) {
            idempotency = IdempotencyStore.replayFallback(settings.dataDir());
        }
        overrides.put("alipass.idempotency-repository", idempotency == null ? "" : IdempotencyStore.BEAN);
        if (idempotency != null) {
            context.getRegistry().bind(IdempotencyStore.BEAN, idempotency);
        }
        httpToken = settings.http().token() != null ? settings.http().token() : generatedToken();
        overrides.forEach((k, v) -> pc.addOverrideProperty((String) k, (String) v));
        excludeRoutes(main, settings.file().enabled() && !replay, jms, http);

        MeterRegistry meters = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (meters == null && once) {
            meters = new SimpleMeterRegistry();
        } else if (meters == null) {
            // camel-micrometer-prometheus takes the registry bound under this name, so our meters are scraped too.
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind("metricsRegistry", meters);
        }
        tally = new RunTally(meters);

        // The app: alipass.* (or camel.component.alipay-pass.*) onto the component's options, one table (AppProperty);
        // camel-main applies camel.component.alipay-pass.* once more after this, so that name wins.
        AlipayPassConfiguration app = new AlipayPassConfiguration();
        Function<String, String> property = key -> pc.resolveProperty(key)
                .map(v -> v.contains("{{") ? context.resolvePropertyPlaceholders(v) : v).orElse(null);
        AppProperty.applyAll(property, app, context);
        if (settings.sandbox()) {
            demo = new DemoGateway(settings.dataDir().resolve("keys"));
            addService(context, demo);
            app.setGatewayUrl(demo.url());
            app.setAppId(DemoGateway.APP_ID);
            app.setPrivateKey(demo.appPrivateKey());
            app.setAlipayPublicKey(demo.alipayPublicKey());
            if (app.getChannelId() == null) {
                app.setChannelId(DemoGateway.CHANNEL_ID);
            }
        }
        app.setOutcomeListener(tally);
        try {
            // The template's parameters are set once here from the alipass.* properties, so each source's YAML
            // names only its source.
            routes = new AlipassRoutes(app).templateDefaults(Map.of(
                    "successUri", "{{alipass.success-uri}}",
                    "failureUri", "{{alipass.failure-uri}}",
                    "deadLetterUri", "{{alipass.dead-letter-uri}}",
                    "api", "{{alipass.default-api}}",
                    "maximumRedeliveries", "{{alipass.retry.maximum-redeliveries}}",
                    "redeliveryDelay", "{{alipass.retry.redelivery-delay}}",
                    "backOffMultiplier", "{{alipass.retry.back-off-multiplier}}",
                    "maximumRedeliveryDelay", "{{alipass.retry.maximum-redelivery-delay}}",
                    "idempotentRepository", "{{alipass.idempotency-repository}}"));
            context.addRoutes(routes);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the alipass routes: " + e.getMessage(), e);
        }
        meterRegistry = meters;

        var registry = context.getRegistry();
        registry.bind("alipassTally", tally);
        registry.bind("alipassFileRecords", new JsonRecordSplitter(settings.file().charset()));
        registry.bind("alipassFileErrors", new FileDropErrorWriter(absolute(settings.file().error())));
        registry.bind("alipassFileEnd", new RecordFileEnd(absolute(settings.file().done())));
        registry.bind("alipassReadLock", new DropFolderReadLock());
        survey = new DropFolderSurvey(absolute(settings.file().inbox()), (name, reason, hidden) -> tally.recordSkippedFile(hidden));
        registry.bind("alipassDropFolderSurvey", survey);
        registry.bind("alipassDropFolderGuard", new DropFolderGuard(absolute(settings.file().error())));
        registry.bind("alipassHttpResponder", new HttpOutcomeResponder());
        registry.bind("alipassTokenCheck", new BearerTokenCheck(httpToken, settings.http().maxBodyBytes()));
        int workers = settings.file().concurrency();
        try {
            // A bounded queue with caller-runs: the streaming split reads ahead only as far as the workers keep up.
            registry.bind("alipassFileWorkers", new ThreadPoolBuilder(context).poolSize(workers).maxPoolSize(workers)
                    .maxQueueSize(workers * 2).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build(this, "alipass-file"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the drop-folder worker pool", e);
        }
        if (jms) {
            context.addComponent("jms", jmsComponent(context));
        }
        try {
            context.addService(new ProgressLine(context, tally, settings.progressInterval()), true, false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the progress line", e);
        }
    }

    /**
     * Once camel-main has applied {@code camel.component.alipay-pass.*} and before any route starts: builds
     * the app's protocol through the component (so a bad key or certificate stops the start, named by its
     * runner property), watches certificate expiry in certificate mode, and publishes the app's call rate.
     */
    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        GatewayProtocol protocol;
        try {
            protocol = routes.component().resolveProtocol();
        } catch (AlipayPassConfigurationException e) {
            String option = e.option();
            String named = AppProperty.ofOption(option)
                    .map(p -> p.runnerKey() + " (" + p.componentKey() + ")")
                    .orElse(AppProperty.COMPONENT_PREFIX + option);
            throw new RunnerConfigurationException(named, e.problem(), e);
        }
        if (protocol.alipayCertificates() != null) {
            addService(context, CertificateWatch.of(context, protocol, meterRegistry, context.getPropertiesComponent()));
        }
        // The app's current call rate (adapted to 40005 answers, under alipass.rate-limit); +Inf while
        // neither limits it.
        Gauge.builder("alipass.gateway.rate.limit", routes.callRate(), AdaptiveCallRate::currentRate)
                .description("calls per second the runner now allows itself to the gateway").register(meterRegistry);
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        startupBanner = banner(main);
        System.out.println(startupBanner);
    }

    private String banner(BaseMainSupport main) {
        StringBuilder b = new StringBuilder("\n=== alipass-camel runner started ===\n");
        AlipayPassConfiguration app = routes.component().getConfiguration();
        b.append("gateway:       ").append(settings.sandbox()
                ? demo.url() + "  (built-in sandbox, app " + DemoGateway.APP_ID + ", keys in " + demo.keysDir() + ")"
                : app.getGatewayUrl() + "  (app " + app.getAppId() + ")").append('\n');
        if (settings.file().enabled()) {
            b.append("drop files in: ").append(absolute(settings.file().inbox())).append('\n');
            b.append("read files to: ").append(absolute(settings.file().done()))
                    .append(", unreadable to ").append(absolute(settings.file().error())).append('\n');
        }
        b.append("outcomes:      success ").append(settings.successUri()).append('\n');
        b.append("               failure ").append(settings.failureUri()).append('\n');
        b.append("               dead letter ").append(settings.deadLetterUri()).append('\n');
        if (broker != null || settings.jms().enabled() && !settings.jms().embedded()) {
            b.append("JMS queue:     ").append(settings.jms().queue()).append(" on ")
                    .append(broker != null ? "embedded Artemis (" + EmbeddedBroker.IN_VM_URL
                            + (broker.listen() != null ? ", " + broker.listen() : "") + ")" : settings.jms().brokerUrl())
                    .append('\n');
        }
        String httpUrl = httpUrl(main);
        if (httpUrl != null) {
            b.append("HTTP:          POST ").append(httpUrl).append('\n');
            b.append("               Authorization: Bearer ").append(settings.http().token() != null
                    ? "(alipass.http.token)" : httpToken + "  (generated; set alipass.http.token to choose one)").append('\n');
        }
        String observe = managementUrl(main);
        if (observe != null) {
            b.append("health:        ").append(observe).append("/health, metrics ").append(observe).append("/metrics\n");
        }
        if (settings.sandbox() && !once) {
            b.append("try it:        cp samples/instance-update.json ").append(absolute(settings.file().inbox())).append("/\n");
        }
        return b.toString();
    }

    /** The HTTP source's URL, or null when it is off. */
    String httpUrl(BaseMainSupport main) {
        if (main.getCamelContext().getRoute("alipass-http-source") == null) {
            return null;
        }
        var server = main.configure().httpServer();
        String base = serverUrl(main, server.getPort(), server.getPath());
        return base == null ? null : base + settings.http().path();
    }

    /** The base URL of health and metrics ({@code http://127.0.0.1:9876/observe}), or null when off. */
    String managementUrl(BaseMainSupport main) {
        var server = main.configure().httpManagementServer();
        if (!server.isEnabled()) {
            return null;
        }
        String base = serverUrl(main, server.getPort(), server.getPath());
        String health = server.getHealthPath();
        // Both health and metrics live under the same parent path (/observe by default).
        return base == null ? null : base + health.substring(0, Math.max(0, health.lastIndexOf('/')));
    }

    private static String serverUrl(BaseMainSupport main, int configuredPort, String path) {
        // Both Vert.x servers (HTTP source and management) are context services; only their configured ports tell
        // them apart. With both on port 0 (some tests) the answer would be a guess, so there is none.
        List<VertxPlatformHttpServer> matching = main.getCamelContext().hasServices(VertxPlatformHttpServer.class).stream()
                .filter(s -> s.getConfigurationPort() == configuredPort).toList();
        if (matching.size() != 1) {
            return null;
        }
        VertxPlatformHttpServer s = matching.get(0);
        return "http://" + s.getHost() + ":" + s.getPort() + ("/".equals(path) ? "" : path);
    }

    private JmsComponent jmsComponent(CamelContext context) {
        String url;
        if (settings.jms().embedded()) {
            broker = new EmbeddedBroker(settings.dataDir().resolve("broker"), settings.jms().listen());
            addService(context, broker);
            url = EmbeddedBroker.IN_VM_URL;
        } else {
            url = settings.jms().brokerUrl();
        }
        ActiveMQConnectionFactory factory = connectionFactory(url, settings.jms().username(), settings.jms().password());
        // Producers (JMS outcome endpoints) would otherwise open a connection per message.
        CachingConnectionFactory caching = new CachingConnectionFactory(factory);
        caching.setSessionCacheSize(Math.max(10, settings.jms().concurrentConsumers()));
        // Closes the shared connection before the embedded broker stops (services stop in reverse order),
        // instead of letting the broker's shutdown break it.
        addService(context, new ServiceSupport() {
            @Override
            protected void doStop() {
                caching.destroy();
            }
        });
        return JmsComponent.jmsComponent(caching);
    }

    /** The broker's connection factory, without a prefetch window unless the URL names one. */
    static ActiveMQConnectionFactory connectionFactory(String url, String username, String password) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, username, password);
        if (!url.contains("consumerWindowSize=")) {
            // Artemis buffers up to 1 MiB of messages per consumer by default. Each update waits for a gateway
            // round trip, so one runner would hoard the queue while competing runners idle, and a crash would
            // hand its whole buffer back late. Without a window each consumer takes a message when it is free.
            factory.setConsumerWindowSize(0);
        }
        return factory;
    }

    private static void addService(CamelContext context, Object service) {
        try {
            // Started now (the context is not started yet, so addService alone would defer it), because the
            // routes built next need its address; stopped with the context, after the routes.
            org.apache.camel.support.service.ServiceHelper.startService(service);
            context.addService(service, true, false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + service.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static void excludeRoutes(BaseMainSupport main, boolean file, boolean jms, boolean http) {
        List<String> excluded = new ArrayList<>();
        if (!file) {
            excluded.add("**/" + FILE_ROUTES);
        }
        if (!jms) {
            excluded.add("**/" + JMS_ROUTES);
        }
        if (!http) {
            excluded.add("**/" + HTTP_ROUTES);
        }
        String configured = main.configure().getRoutesExcludePattern();
        if (configured != null && !configured.isBlank()) {
            excluded.add(configured);
        }
        main.configure().setRoutesExcludePattern(excluded.isEmpty() ? null : String.join(",", excluded));
    }

    private static String absolute(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder " + abs, e);
        }
        return abs.toString();
    }

    private static String generatedToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Replay mode: as once mode, without the drop folder; the templates' idempotency store is always on. */
    void replayMode() {
        replay = true;
    }

    /** What the drop folder's consumer will not read (issue 11); null before configuration. */
    DropFolderSurvey survey() {
        return survey;
    }

    boolean onceMode() {
        return once;
    }

    RunnerSettings settings() {
        return settings;
    }

    /** The registry the run's counters and gauges live in: Prometheus's when something can scrape it, else a plain one. */
    MeterRegistry meters() {
        return meterRegistry;
    }

    RunTally tally() {
        return tally;
    }

    String httpToken() {
        return httpToken;
    }

    String startupBanner() {
        return startupBanner;
    }
}
