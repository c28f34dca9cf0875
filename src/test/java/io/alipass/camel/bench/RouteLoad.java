package io.alipass.camel.bench;

import io.alipass.camel.route.AlipassRoutes;
import io.alipass.camel.component.AlipayPassConfiguration;
import io.alipass.camel.gateway.GatewayProtocol;
import java.lang.management.ManagementFactory;
import java.util.function.IntFunction;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Our side of the end-to-end figures: updates wait on a queue of an embedded Artemis broker; the
 * {@link AlipassRoutes#TEMPLATE} route (transacted JMS consumers -> enrich -> sign -> HTTP ->
 * verify -> success endpoint) is started and timed until every update has reached an outcome.
 * Figures 2 and 3 count each success in this JVM; figure 7b's route also puts it on a queue of the
 * broker first ({@link #runWithOutcomesQueued}), as the issue asks of it.
 */
final class RouteLoad implements AutoCloseable {
    private static final AtomicInteger SERVER_IDS = new AtomicInteger(40);
    private static final String OUTCOME_QUEUE = "bench-outcomes";

    private final IntFunction<String> updates;
    private final EmbeddedActiveMQ broker;
    private final ActiveMQConnectionFactory factory;
    private final DefaultCamelContext camel;
    private final AtomicInteger runs = new AtomicInteger();
    private volatile Tally tally = new Tally(1);
    private volatile long lastCpuNanos;
    private volatile double lastSteadyRate;

    /** @param maxConnections the gateway connection pool: at least the most calls in flight */
    RouteLoad(BenchGateway gateway, int maxConnections) throws Exception {
        this(gateway.sandbox.url(), gateway.protocol(), gateway::update, maxConnections);
    }

    /**
     * The route against any gateway: its URL, the protocol (keys) to call it with, and the i-th update.
     *
     * @param maxConnections the gateway connection pool: at least the most calls in flight
     */
    RouteLoad(String gatewayUrl, GatewayProtocol protocol, IntFunction<String> updates, int maxConnections) throws Exception {
        this.updates = updates;
        int serverId = SERVER_IDS.incrementAndGet();
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(),
                        Map.of("serverId", String.valueOf(serverId)))));
        broker.start();
        // consumerWindowSize=0: no client-side prefetch. With Artemis's default 1 MiB window the
        // first consumer to connect buffers most of the queue and the other consumers idle.
        factory = new ActiveMQConnectionFactory("vm://" + serverId + "?consumerWindowSize=0");
        camel = new DefaultCamelContext();
        camel.addComponent("jms", JmsComponent.jmsComponent(factory));
        AlipayPassConfiguration app = new AlipayPassConfiguration();
        app.setProtocol(protocol);
        app.setGatewayUrl(gatewayUrl);
        app.setChannelId(BenchGateway.CHANNEL);
        app.setMaxConnections(maxConnections);
        camel.addRoutes(new AlipassRoutes(app));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bench-success").process(e -> tally.success());
                // Sent in the consumer's thread before the update is acknowledged, as a JMS outcome endpoint is.
                from("direct:bench-success-queued").to("jms:queue:" + OUTCOME_QUEUE + "?transacted=true&lazyCreateTransactionManager=false")
                        .process(e -> tally.success());
                from("direct:bench-failure").process(e -> tally.failure());
                from("direct:bench-dead").process(e -> tally.failure());
            }
        });
        camel.start();
    }

    /**
     * Puts {@code n} updates on a fresh queue, then starts a route with {@code consumers} concurrent
     * transacted consumers on it and times it until all {@code n} are done.
     *
     * <p>Transacted with a local JMS session, as the runner's JMS route is
     * ({@code lazyCreateTransactionManager=false}): with {@code transacted=true} alone Camel creates a
     * JmsTransactionManager, and the listener container then opens a new connection, session and
     * consumer for every message (measured: under 100 updates/s whatever the concurrency).
     *
     * @return updates per second
     */
    double run(int n, int consumers, Duration timeout) throws Exception {
        return run(n, consumers, timeout, "direct:bench-success");
    }

    /**
     * As {@link #run}, with each success also sent to a queue of the embedded broker, whose work then
     * counts in {@link #lastCpuNanos}; the queue is emptied after the run (not timed).
     */
    double runWithOutcomesQueued(int n, int consumers, Duration timeout) throws Exception {
        try {
            return run(n, consumers, timeout, "direct:bench-success-queued");
        } finally {
            var outcomes = broker.getActiveMQServer().locateQueue(OUTCOME_QUEUE);
            if (outcomes != null) {
                outcomes.deleteAllReferences();
            }
        }
    }

    private double run(int n, int consumers, Duration timeout, String successUri) throws Exception {
        int run = runs.incrementAndGet();
        String queue = "bench-" + run;
        fill(queue, n);
        tally = new Tally(n);
        String routeId = "bench-route-" + run;
        // The queue is filled before the clock and the CPU time start: the feeder is not the route.
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        TemplatedRouteBuilder.builder(camel, AlipassRoutes.TEMPLATE)
                .routeId(routeId)
                .parameter("sourceUri", "jms:queue:" + queue + "?transacted=true&lazyCreateTransactionManager=false&concurrentConsumers=" + consumers
                        + "&maxConcurrentConsumers=" + consumers)
                .parameter("successUri", successUri)
                .parameter("failureUri", "direct:bench-failure")
                .parameter("deadLetterUri", "direct:bench-dead")
                .add();
        long end = tally.await(n, timeout.toMillis(), TimeUnit.MILLISECONDS);
        lastCpuNanos = processCpuNanos() - cpuStart;
        camel.getRouteController().stopRoute(routeId);
        camel.removeRoute(routeId);
        if (end < 0) {
            throw new IllegalStateException("route: only " + tally.done() + " of " + n + " updates done within " + timeout);
        }
        tally.requireAllSucceeded("route", n);
        // The steady rate: from the C-th outcome to the C-th from last, every consumer is busy. The
        // consumers start one after the other and the last wave has fewer than C in flight, which a rate
        // from the first outcome to the last counted (a 320-update run measured 0.88 of C / latency that
        // way, a 3,200-update one 0.96). With too few outcomes it is NaN, and callers take the whole-run rate.
        lastSteadyRate = tally.steadyRate(consumers);
        return n / ((end - start) / 1e9);
    }

    /**
     * The CPU time of this whole process (every thread: the route, the embedded broker, the HTTP client,
     * the JIT and the GC) during the last {@link #run}, from the route's start to its last outcome.
     */
    long lastCpuNanos() {
        return lastCpuNanos;
    }

    /**
     * The last {@link #run}'s steady rate, what C calls in flight carry once every consumer is busy: the
     * outcomes from the C-th to the C-th from last over the time between them ({@link Tally#steadyRate});
     * NaN when n is below 2 C + 2.
     */
    double lastSteadyRate() {
        return lastSteadyRate;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private void fill(String queue, int n) throws Exception {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (int i = 0; i < n; i++) {
                p.send(s.createTextMessage(updates.apply(i)));
                if (i % 500 == 499) {
                    s.commit();
                }
            }
            s.commit();
        }
    }

    @Override
    public void close() throws Exception {
        camel.close();
        factory.close();
        broker.stop();
    }
}
