package io.alipass.camel.runner;

import io.alipass.camel.gateway.CertificateExpiry;
import io.alipass.camel.gateway.GatewayProtocol;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the expiry of certificate mode's certificates while the runner runs: at start and then
 * every {@code interval} (a day), one warning per certificate that expires within
 * {@code alipass.certificate-warning-days}; the gauge {@code alipass_certificate_expiry_seconds{certificate=app|alipay|root}}
 * with the time left (negative once expired); and, through {@link CertificateHealthCheck}, health
 * DOWN once the app certificate or every Alipay certificate held has expired.
 */
final class CertificateWatch extends ServiceSupport {
    /** The property of the warning period, in days. */
    static final String WARNING_DAYS = "alipass.certificate-warning-days";
    static final String GAUGE = "alipass.certificate.expiry";
    private static final Logger LOG = LoggerFactory.getLogger(CertificateWatch.class);

    private final CertificateExpiry expiry;
    private final Duration interval;
    private final Consumer<String> log;
    private ScheduledExecutorService timer;

    CertificateWatch(CertificateExpiry expiry, MeterRegistry meters, Duration interval) {
        this(expiry, meters, interval, line -> LOG.warn("certificate expiry: {}", line));
    }

    /** With the warnings written to {@code log} instead of the logger (tests read them). */
    CertificateWatch(CertificateExpiry expiry, MeterRegistry meters, Duration interval, Consumer<String> log) {
        this.expiry = expiry;
        this.interval = interval;
        this.log = log;
        for (CertificateExpiry.Role role : CertificateExpiry.Role.values()) {
            Gauge.builder(GAUGE, expiry, e -> e.timeLeft(role).toSeconds())
                    .description("Time until the certificate of certificate mode expires; for alipay and root the one that expires last")
                    .baseUnit("seconds")
                    .tag("certificate", role.label())
                    .register(meters);
        }
    }

    /**
     * The watch of a certificate-mode protocol, with the warning period of
     * {@code alipass.certificate-warning-days}, and its health check registered when Camel's health
     * registry is on.
     *
     * @throws RunnerConfigurationException if the warning period is not a whole number of days, 0 or more
     */
    static CertificateWatch of(CamelContext context, GatewayProtocol protocol, MeterRegistry meters, PropertiesComponent pc) {
        String days = pc.resolveProperty(WARNING_DAYS).map(String::trim).orElse("");
        Duration warning;
        try {
            warning = days.isEmpty() ? CertificateExpiry.DEFAULT_WARNING : Duration.ofDays(Integer.parseInt(days));
        } catch (NumberFormatException e) {
            throw new RunnerConfigurationException(WARNING_DAYS, "must be a whole number of days, was " + days);
        }
        if (warning.isNegative()) {
            throw new RunnerConfigurationException(WARNING_DAYS, "must be 0 or more, was " + days);
        }
        CertificateExpiry expiry = CertificateExpiry.of(protocol, warning);
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new CertificateHealthCheck(expiry));
        }
        return new CertificateWatch(expiry, meters, Duration.ofDays(1));
    }

    /** Logs one warning per certificate that expires within the warning period; returns how many. */
    int warn() {
        var notices = expiry.expiringSoon();
        notices.forEach(n -> log.accept(n.message()));
        return notices.size();
    }

    @Override
    protected void doStart() {
        warn();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alipass-certificate-watch");
            t.setDaemon(true);
            return t;
        });
        long every = interval.toMillis();
        timer.scheduleAtFixedRate(this::warn, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    CertificateExpiry expiry() {
        return expiry;
    }
}
