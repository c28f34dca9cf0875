package io.alipass.camel.component;

import io.alipass.camel.gateway.AdaptiveCallRate;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.GatewayTransport;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code alipay-pass} component: sends pass updates to the Alipay Open Platform
 * ({@code alipay-pass:instance-update}, {@code alipay-pass:template-update}, or
 * {@code alipay-pass:update} for records that name their API). Its options are the defaults of every
 * endpoint; an endpoint URI may override any of them, and a second instance registered under another
 * name serves a second app.
 *
 * <p>Endpoints of one app (same gateway URL and app id) share one call rate, and endpoints with the
 * same connection settings share one pooled HTTP client; both are released when the component stops.
 */
@Component("alipay-pass")
public class AlipayPassComponent extends DefaultComponent {
    @Metadata(description = "The options every endpoint of this component starts from.")
    private AlipayPassConfiguration configuration = new AlipayPassConfiguration();

    private final Map<GatewayCallSettings, PooledGatewayTransport> transports = new ConcurrentHashMap<>();
    private final Map<String, AdaptiveCallRate> callRates = new ConcurrentHashMap<>();
    private final Map<String, Double> ceilings = new ConcurrentHashMap<>();
    private volatile GatewayProtocol resolved;
    private volatile AlipayPassConfiguration resolvedFrom;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AlipayPassEndpoint endpoint = new AlipayPassEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public AlipayPassConfiguration getConfiguration() {
        return configuration;
    }

    /** The options every endpoint of this component starts from. */
    public void setConfiguration(AlipayPassConfiguration configuration) {
        this.configuration = configuration;
    }

    /**
     * Builds the app's protocol from this component's options now (keys read, certificates checked, the
     * certificate downloads going through the pool its endpoints use) and keeps it, so that every endpoint
     * of this app shares it: one certificate store, which a watcher of certificate expiry can look at. An
     * endpoint whose URI names another app (its own {@code appId}, key...) still builds its own. Call it
     * once the options are final and before routes start.
     *
     * @throws AlipayPassConfigurationException naming the option that is missing or unusable
     */
    public GatewayProtocol resolveProtocol() {
        GatewayProtocol protocol = AlipayApp.protocol(this, configuration);
        resolvedFrom = configuration.copy();
        resolved = protocol;
        return protocol;
    }

    /** The protocol {@link #resolveProtocol()} built, if these endpoint options describe the same app. */
    GatewayProtocol resolvedProtocolFor(AlipayPassConfiguration endpoint) {
        return resolved != null && AlipayApp.sameApp(resolvedFrom, endpoint) ? resolved : null;
    }

    /** The pooled client for these connection settings, created on first use. */
    GatewayTransport transport(GatewayCallSettings settings) {
        return transports.computeIfAbsent(settings, PooledGatewayTransport::new);
    }

    /**
     * The one call rate of an app (a gateway URL and app id): every endpoint of the app paces its calls
     * with it, and a metric can read its current rate.
     *
     * @throws AlipayPassConfigurationException when the app already has another ceiling
     */
    public AdaptiveCallRate callRate(String gatewayUrl, String appId, double ceiling) {
        String app = gatewayUrl + " " + appId;
        Double first = ceilings.putIfAbsent(app, ceiling);
        if (first != null && first != ceiling) {
            throw new AlipayPassConfigurationException("rateLimit", "is " + ceiling + " here but " + first
                    + " on another endpoint of app " + appId + ": an app has one rate limit");
        }
        return callRates.computeIfAbsent(app, k -> AdaptiveCallRate.of(ceiling));
    }

    @Override
    protected void doStop() throws Exception {
        for (PooledGatewayTransport t : transports.values()) {
            try {
                t.close();
            } catch (IOException e) {
                // Closing a pool only releases sockets; nothing to recover.
            }
        }
        transports.clear();
        callRates.clear();
        ceilings.clear();
        super.doStop();
    }
}
