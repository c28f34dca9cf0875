package io.alipass.camel.component;

import io.alipass.camel.gateway.EncodedRequest;
import io.alipass.camel.gateway.GatewayTransport;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
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
    /** The gateway's scheme, host and port, parsed once: every call goes there. */
    private final HttpHost gateway;
    /** The gateway's path and its own query, if any, to which {@link EncodedRequest#url} appends each call's query string. */
    private final String gatewayPath;
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
        URI uri = URI.create(gatewayUrl);
        this.gateway = HttpHost.create(uri);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.gatewayPath = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        this.client = HttpClients.custom()
                .setConnectionManager(GatewayConnections.connectionManager(settings))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                // The official client asks for no compression either, and the answers are a few hundred bytes.
                .disableContentCompression()
                .build();
    }

    @Override
    public Reply send(EncodedRequest request) throws IOException {
        // Target and path given apart: the URL (about 700 characters with its signature) is not parsed
        // into a java.net.URI on every call only for HttpClient to take it apart again.
        BasicClassicHttpRequest post = new BasicClassicHttpRequest(Method.POST, gateway, request.url(gatewayPath));
        // The header exactly as the official client writes it, not as HttpClient would render a ContentType.
        post.setHeader(HttpHeaders.CONTENT_TYPE, request.contentType());
        post.setEntity(new ByteArrayEntity(request.body(), null));
        return client.execute(gateway, post, response -> {
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
