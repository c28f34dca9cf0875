package io.alipass.camel.runner;

import io.alipass.camel.gateway.RequestCharset;
import io.alipass.camel.gateway.SignType;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every {@code alipass.*} property of the runner, read once at start-up into one immutable value.
 * Bad values fail with a {@link RunnerConfigurationException} that names the property; secret values
 * (keys, passwords, tokens) are never quoted back.
 *
 * <p>Paths are as configured (relative ones resolve against the working folder). An empty
 * {@link #gatewayUrl()} means the built-in sandbox gateway with generated keys.
 */
public record RunnerSettings(
        Path dataDir,
        String gatewayUrl,
        String appId,
        SignType signType,
        RequestCharset charset,
        Duration connectTimeout,
        Duration readTimeout,
        int maxConnections,
        double rateLimit,
        String privateKey,
        String privateKeyPassword,
        String alipayPublicKey,
        String appCert,
        String alipayCert,
        String alipayRootCert,
        boolean verifyResponse,
        String appAuthToken,
        String channelId,
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

    /** Whether the runner talks to its built-in sandbox gateway rather than a configured one. */
    public boolean sandbox() {
        return gatewayUrl == null;
    }

    /** Whether the app is configured in certificate mode (app-cert, alipay-cert, alipay-root-cert). */
    public boolean certificateMode() {
        return appCert != null || alipayCert != null || alipayRootCert != null;
    }

    /**
     * Reads and checks the settings.
     *
     * @param property looks a property up by its full name ({@code alipass.gateway-url}); returns null
     *                 or blank when it is not set
     */
    public static RunnerSettings read(Function<String, String> property) {
        Reader r = new Reader(property);
        String gatewayUrl = r.text("gateway-url");
        if (gatewayUrl != null && !gatewayUrl.startsWith("https://") && !gatewayUrl.startsWith("http://")) {
            throw new RunnerConfigurationException(PREFIX + "gateway-url", "must start with https:// (or http:// for a local gateway), was '" + gatewayUrl + "'");
        }
        Path dataDir = r.path("data-dir", "data");
        RunnerSettings s = new RunnerSettings(
                dataDir,
                gatewayUrl,
                r.text("app-id"),
                r.parse("sign-type", "RSA2", SignType::fromWire),
                r.parse("charset", "utf-8", RequestCharset::fromWire),
                Duration.ofMillis(r.longValue("connect-timeout-ms", 5000, 1)),
                Duration.ofMillis(r.longValue("read-timeout-ms", 15000, 1)),
                (int) r.longValue("max-connections", 200, 1),
                r.doubleValue("rate-limit", 0, 0),
                r.text("private-key"),
                r.text("private-key-password"),
                r.text("alipay-public-key"),
                r.text("app-cert"),
                r.text("alipay-cert"),
                r.text("alipay-root-cert"),
                r.bool("verify-response", true),
                r.text("app-auth-token"),
                r.text("channel-id"),
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
        s.checkGateway();
        return s;
    }

    /** Cross-property rules for a configured (non-sandbox) gateway. */
    private void checkGateway() {
        if (sandbox()) {
            return;
        }
        if (appId == null) {
            throw new RunnerConfigurationException(PREFIX + "app-id", "is required when alipass.gateway-url is set");
        }
        if (privateKey == null) {
            throw new RunnerConfigurationException(PREFIX + "private-key", "is required when alipass.gateway-url is set (a file path or the key text)");
        }
        if (certificateMode() && (appCert == null || alipayCert == null || alipayRootCert == null)) {
            String missing = appCert == null ? "app-cert" : alipayCert == null ? "alipay-cert" : "alipay-root-cert";
            throw new RunnerConfigurationException(PREFIX + missing, "is required: certificate mode needs app-cert, alipay-cert and alipay-root-cert together");
        }
        if (certificateMode() && alipayPublicKey != null) {
            throw new RunnerConfigurationException(PREFIX + "alipay-public-key", "must be empty in certificate mode (alipay-cert carries Alipay's key)");
        }
        if (verifyResponse && !certificateMode() && alipayPublicKey == null) {
            throw new RunnerConfigurationException(PREFIX + "alipay-public-key", "is required to verify responses (or configure certificate mode)");
        }
    }

    @Override
    public String toString() {
        // Keys, passwords and tokens are only ever said to be set.
        return "RunnerSettings[gatewayUrl=" + (sandbox() ? "(sandbox)" : gatewayUrl) + ", appId=" + appId
                + ", signType=" + signType + ", charset=" + charset.wireName()
                + ", privateKey=" + (privateKey == null ? "(none)" : "***")
                + ", certificateMode=" + certificateMode() + ", verifyResponse=" + verifyResponse
                + ", appAuthToken=" + (appAuthToken == null ? "(none)" : "***") + ", channelId=" + channelId
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
            if (v == null || v.equals("instance.update") || v.equals("template.update")
                    || v.equals("alipay.pass.instance.update") || v.equals("alipay.pass.template.update")) {
                return v;
            }
            throw new RunnerConfigurationException(PREFIX + key, "must be instance.update, template.update or empty, was '" + v + "'");
        }
    }
}
