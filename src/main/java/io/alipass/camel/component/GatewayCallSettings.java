package io.alipass.camel.component;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How the routes reach the gateway.
 *
 * <p>Logging: keep {@code org.apache.hc.client5.http} at INFO or above. Apache HttpClient's DEBUG
 * loggers ({@code .wire}, {@code .headers}, {@code .impl.classic.MainClientExec}) print the request
 * line and body, which carry {@code sign} and {@code app_auth_token}.
 *
 * @param gatewayUrl      {@code https://openapi.alipay.com/gateway.do}, or a sandbox address
 * @param connectTimeout  how long to wait for a connection
 * @param readTimeout     how long to wait for the answer; a timeout is a transient failure
 * @param maxConnections  the size of the connection pool (also the most calls in flight)
 * @param rateLimit       the most calls per second to the gateway (Alipay limits each app), 0 for none
 * @param sslContext      the TLS context whose trust decides which gateway certificates are accepted;
 *                        null for the JVM's default trust store. Certificates are always verified.
 */
public record GatewayCallSettings(String gatewayUrl, Duration connectTimeout, Duration readTimeout,
                                  int maxConnections, double rateLimit, SSLContext sslContext) {

    /** Alipay's production gateway. */
    public static final String PRODUCTION_URL = "https://openapi.alipay.com/gateway.do";

    public GatewayCallSettings {
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        if (!gatewayUrl.startsWith("https://") && !gatewayUrl.startsWith("http://")) {
            throw new IllegalArgumentException("gateway-url must start with https:// (or http:// for a local sandbox)");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max-connections must be at least 1");
        }
        if (rateLimit < 0) {
            throw new IllegalArgumentException("rate-limit must be 0 (none) or more");
        }
    }

    /** Defaults: 5 s to connect, 15 s to read, 200 connections, no rate limit, the JVM's trust store. */
    public static GatewayCallSettings of(String gatewayUrl) {
        return new GatewayCallSettings(gatewayUrl, Duration.ofSeconds(5), Duration.ofSeconds(15), 200, 0, null);
    }

    public GatewayCallSettings withTimeouts(Duration connect, Duration read) {
        return new GatewayCallSettings(gatewayUrl, connect, read, maxConnections, rateLimit, sslContext);
    }

    public GatewayCallSettings withMaxConnections(int max) {
        return new GatewayCallSettings(gatewayUrl, connectTimeout, readTimeout, max, rateLimit, sslContext);
    }

    public GatewayCallSettings withRateLimit(double perSecond) {
        return new GatewayCallSettings(gatewayUrl, connectTimeout, readTimeout, maxConnections, perSecond, sslContext);
    }

    public GatewayCallSettings withSslContext(SSLContext context) {
        return new GatewayCallSettings(gatewayUrl, connectTimeout, readTimeout, maxConnections, rateLimit, context);
    }
}
