package io.alipass.camel.runner;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * The runner's own {@code alipass.*} properties (sources, outcomes, retries, once mode), read once at
 * start-up into one immutable value. Bad values fail with a {@link RunnerConfigurationException} that
 * names the property; secret values (passwords, tokens) are never quoted back.
 *
 * <p>The app's properties (gateway, keys, certificates, timeouts, channel id...) are not read here:
 * {@link AppProperty} maps them onto the {@code alipay-pass} component, which declares and checks them.
 * Only whether a gateway was configured at all is kept: without one ({@code alipass.gateway-url} and
 * {@code camel.component.alipay-pass.gateway-url} both empty) the runner starts its built-in sandbox
 * gateway with generated keys.
 *
 * <p>Paths are as configured (relative ones resolve against the working folder).
 */
public record RunnerSettings(
        Path dataDir,
        boolean sandbox,
        String defaultApi,
        Retry retry,
        String successUri,
        String failureUri,
        String deadLetterUri,
        FileSource file,
        JmsSource jms,
        HttpSource http,
        boolean once,
        Duration progressInterval) {

    /** The property prefix. */
    public static final String PREFIX = "alipass.";

    /** Retries of transient failures: Camel redelivery with exponential backoff. */
    public record Retry(int maximumRedeliveries, long redeliveryDelay, double backOffMultiplier, long maximumRedeliveryDelay) {
    }

    /** The drop folder: where files arrive, where read and unreadable files go. */
    public record FileSource(boolean enabled, Path inbox, Path done, Path error, Charset charset, int concurrency) {
    }

    /** The JMS source; an empty broker URL means the embedded Artemis broker. */
    public record JmsSource(boolean enabled, String brokerUrl, String username, String password, String listen,
                            String queue, int concurrentConsumers) {
        /** Whether the runner starts its own broker. */
        public boolean embedded() {
            return brokerUrl == null;
        }

        @Override
        public String toString() {
            return "JmsSource[enabled=" + enabled + ", brokerUrl=" + (embedded() ? "(embedded)" : brokerUrl)
                    + ", queue=" + queue + ", concurrentConsumers=" + concurrentConsumers + "]";
        }
    }

    /** The HTTP source; a null token means one is generated at start-up. */
    public record HttpSource(boolean enabled, String path, String token, long maxBodyBytes) {
        @Override
        public String toString() {
            return "HttpSource[enabled=" + enabled + ", path=" + path + ", token=" + (token == null ? "(generated)" : "***")
                    + ", maxBodyBytes=" + maxBodyBytes + "]";
        }
    }

    /**
     * Reads and checks the settings.
     *
     * @param property looks a property up by its full name ({@code alipass.gateway-url}); returns null
     *                 or blank when it is not set
     */
    public static RunnerSettings read(Function<String, String> property) {
        Reader r = new Reader(property);
        Path dataDir = r.path("data-dir", "data");
        return new RunnerSettings(
                dataDir,
                !AppProperty.GATEWAY_URL.given(property),
                r.api("default-api"),
                new Retry((int) r.longValue("retry.maximum-redeliveries", 5, 0),
                        r.longValue("retry.redelivery-delay", 1000, 0),
                        r.doubleValue("retry.back-off-multiplier", 2, 1),
                        r.longValue("retry.maximum-redelivery-delay", 30000, 0)),
                r.required("success-uri"),
                r.required("failure-uri"),
                r.required("dead-letter-uri"),
                new FileSource(r.bool("file.enabled", true),
                        r.path("file.inbox", dataDir.resolve("inbox").toString()),
                        r.path("file.done", dataDir.resolve("done").toString()),
                        r.path("file.error", dataDir.resolve("error").toString()),
                        r.parse("file.charset", "UTF-8", Charset::forName),
                        (int) r.longValue("file.concurrency", 8, 1)),
                new JmsSource(r.bool("jms.enabled", true),
                        r.text("jms.broker-url"),
                        r.text("jms.username"),
                        r.text("jms.password"),
                        r.text("jms.listen"),
                        r.textOr("jms.queue", "alipass.updates"),
                        (int) r.longValue("jms.concurrent-consumers", 4, 1)),
                new HttpSource(r.bool("http.enabled", true),
                        r.textOr("http.path", "/alipass/updates"),
                        r.text("http.token"),
                        r.longValue("http.max-body-bytes", 1 << 20, 1)),
                r.bool("once", false),
                Duration.ofSeconds(r.longValue("progress-seconds", 10, 1)));
    }

    @Override
    public String toString() {
        // Passwords and tokens are only ever said to be set (JmsSource and HttpSource hide theirs).
        return "RunnerSettings[gateway=" + (sandbox ? "(sandbox)" : "(configured)") + ", defaultApi=" + defaultApi
                + ", retry=" + retry + ", file=" + file + ", jms=" + jms + ", http=" + http + ", once=" + once + "]";
    }

    /** Reads single properties; every failure names the property. */
    private static final class Reader {
        private final Function<String, String> property;

        Reader(Function<String, String> property) {
            this.property = property;
        }

        String text(String key) {
            String v = property.apply(PREFIX + key);
            return v == null || v.isBlank() ? null : v.trim();
        }

        String textOr(String key, String fallback) {
            String v = text(key);
            return v == null ? fallback : v;
        }

        String required(String key) {
            String v = text(key);
            if (v == null) {
                throw new RunnerConfigurationException(PREFIX + key, "must be set");
            }
            return v;
        }

        Path path(String key, String fallback) {
            try {
                return Path.of(textOr(key, fallback));
            } catch (RuntimeException e) {
                throw new RunnerConfigurationException(PREFIX + key, "is not a usable path: " + e.getMessage());
            }
        }

        <T> T parse(String key, String fallback, Function<String, T> parser) {
            String v = textOr(key, fallback);
            try {
                return parser.apply(v);
            } catch (RuntimeException e) {
                throw new RunnerConfigurationException(PREFIX + key, "is not valid: " + e.getMessage());
            }
        }

        boolean bool(String key, boolean fallback) {
            String v = text(key);
            if (v == null) {
                return fallback;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new RunnerConfigurationException(PREFIX + key, "must be true or false, was '" + v + "'");
            };
        }

        long longValue(String key, long fallback, long min) {
            String v = text(key);
            if (v == null) {
                return fallback;
            }
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new RunnerConfigurationException(PREFIX + key, "must be a whole number, was '" + v + "'");
            }
            if (n < min) {
                throw new RunnerConfigurationException(PREFIX + key, "must be at least " + min + ", was " + n);
            }
            return n;
        }

        double doubleValue(String key, double fallback, double min) {
            String v = text(key);
            if (v == null) {
                return fallback;
            }
            double n;
            try {
                n = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new RunnerConfigurationException(PREFIX + key, "must be a number, was '" + v + "'");
            }
            if (!(n >= min) || Double.isInfinite(n)) {
                throw new RunnerConfigurationException(PREFIX + key, "must be at least " + min + ", was " + v);
            }
            return n;
        }

        String api(String key) {
            String v = text(key);
            if (v == null || io.alipass.camel.pass.PassApi.named(v).isPresent()) {
                return v;
            }
            throw new RunnerConfigurationException(PREFIX + key, "must be " + io.alipass.camel.pass.PassApi.ACCEPTED + " or empty, was '" + v + "'");
        }
    }
}
