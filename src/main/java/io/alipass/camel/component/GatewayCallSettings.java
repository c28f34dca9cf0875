package io.alipass.camel.component;

import javax.net.ssl.SSLContext;

/**
 * The connection options of one {@link AlipayPassConfiguration}, taken together as the key of the
 * pooled HTTP client the component shares between endpoints that connect alike. Not a place where
 * options are declared or defaulted: that is the configuration, and {@link AlipayApp} checks them.
 *
 * <p>Logging: keep {@code org.apache.hc.client5.http} at INFO or above. Apache HttpClient's DEBUG
 * loggers ({@code .wire}, {@code .headers}, {@code .impl.classic.MainClientExec}) print the request
 * line and body, which carry {@code sign} and {@code app_auth_token}.
 */
record GatewayCallSettings(String gatewayUrl, int connectTimeoutMillis, int readTimeoutMillis, int maxConnections,
                           SSLContext sslContext) {

    /** The connection options of a configuration, already checked by {@link AlipayApp}. */
    static GatewayCallSettings of(AlipayPassConfiguration c) {
        return new GatewayCallSettings(c.getGatewayUrl().trim(), c.getConnectTimeout(), c.getReadTimeout(),
                c.getMaxConnections(), c.getSslContext());
    }
}
