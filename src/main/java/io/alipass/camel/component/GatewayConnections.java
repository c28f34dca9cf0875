package io.alipass.camel.component;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactoryBuilder;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the pooled connection manager the gateway endpoint uses: timeouts, pool size and TLS trust
 * from {@link GatewayCallSettings}. Hostname and certificate checks are the HTTP client's defaults
 * and are never turned off. Giving the endpoint its own manager keeps a user's other {@code http}
 * endpoints unaffected.
 */
final class GatewayConnections {
    private GatewayConnections() {
    }

    static HttpClientConnectionManager connectionManager(GatewayCallSettings settings) {
        Timeout connect = Timeout.ofMilliseconds(settings.connectTimeoutMillis());
        Timeout read = Timeout.ofMilliseconds(settings.readTimeoutMillis());
        PoolingHttpClientConnectionManagerBuilder builder = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).setTcpNoDelay(true).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(read)
                        .setTimeToLive(5, TimeUnit.MINUTES)
                        // Gateways close idle keep-alive connections; without a check, the first call on
                        // each pooled connection after a quiet spell fails (NoHttpResponseException) and
                        // costs a redelivery. A connection idle over a second gets a 1 ms read check first.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build());
        if (settings.sslContext() != null) {
            builder.setSSLSocketFactory(SSLConnectionSocketFactoryBuilder.create().setSslContext(settings.sslContext()).build());
        } else {
            builder.setTlsSocketStrategy(new TlsOnFirstUse());
        }
        return builder.build();
    }

    /**
     * The HTTP client's default TLS (the JDK's trust store, its hostname verifier with the public
     * suffix list), built when the first {@code https} connection is opened instead of with the pool:
     * loading the trust store and the suffix list was the largest part of a batch start-up's own work
     * (about 0.2 s), and a pool to an {@code http} sandbox never needs it.
     */
    private static final class TlsOnFirstUse implements TlsSocketStrategy {
        private volatile TlsSocketStrategy tls;

        @Override
        public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context) throws IOException {
            TlsSocketStrategy t = tls;
            if (t == null) {
                synchronized (this) {
                    if (tls == null) {
                        tls = DefaultClientTlsStrategy.createDefault();
                    }
                    t = tls;
                }
            }
            return t.upgrade(socket, target, port, attachment, context);
        }
    }
}
