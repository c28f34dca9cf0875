package io.alipass.camel.component;

import io.alipass.camel.gateway.EncodedRequest;
import io.alipass.camel.gateway.GatewayTransport;
import java.io.IOException;
import java.util.Objects;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The gateway transport on Apache HttpClient 5 with a pooled connection manager built from the
 * connection options of an {@link AlipayPassConfiguration} (gateway URL, timeouts, pool size, TLS trust). It never follows redirects (a 3xx
 * means the gateway URL or a proxy is wrong), never retries by itself, and keeps no cookies.
 * One instance per gateway URL; thread-safe; {@link #close()} releases the pool.
 */
public final class PooledGatewayTransport implements GatewayTransport, AutoCloseable {
    private final String gatewayUrl;
    private final CloseableHttpClient client;

    /** A pool for the connection options of {@code options} (its gateway URL, timeouts, pool size and TLS context). */
    public PooledGatewayTransport(AlipayPassConfiguration options) {
        this(GatewayCallSettings.of(options));
    }

    /** A pool to {@code gatewayUrl} with the component's default timeouts and pool size (certificate downloads, tests). */
    public static PooledGatewayTransport to(String gatewayUrl) {
        AlipayPassConfiguration options = new AlipayPassConfiguration();
        options.setGatewayUrl(gatewayUrl);
        return new PooledGatewayTransport(options);
    }

    PooledGatewayTransport(GatewayCallSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.gatewayUrl = settings.gatewayUrl();
        this.client = HttpClients.custom()
                .setConnectionManager(GatewayConnections.connectionManager(settings))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    @Override
    public Reply send(EncodedRequest request) throws IOException {
        HttpPost post = new HttpPost(request.url(gatewayUrl));
        // The header exactly as the official client writes it, not as HttpClient would render a ContentType.
        post.setHeader(HttpHeaders.CONTENT_TYPE, request.contentType());
        post.setEntity(new ByteArrayEntity(request.body(), null));
        return client.execute(post, response -> {
            HttpEntity entity = response.getEntity();
            return new Reply(response.getCode(), entity == null ? new byte[0] : EntityUtils.toByteArray(entity));
        });
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    @Override
    public String toString() {
        return "PooledGatewayTransport[" + gatewayUrl + "]";
    }
}
