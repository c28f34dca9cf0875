package io.alipass.camel.component;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Sends pass updates to the Alipay Open Platform: validates the body (a JSON record, a {@code Map} or a
 * typed {@code InstanceUpdate}/{@code TemplateUpdate}), signs it with the app's key, POSTs it to the
 * gateway, verifies the signed answer, and leaves the outcome (a PassUpdateOutcome) in the body
 * and the CamelAlipass* headers. A transient fault throws {@link TransientGatewayException},
 * which Camel's error handler retries (each retry signs afresh); a business failure and invalid input
 * are results for the route to decide on, unless throwExceptionOnFailure=true.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "alipay-pass", title = "Alipay Pass", syntax = "alipay-pass:api",
        producerOnly = true, category = { Category.CLOUD, Category.API }, headersClass = AlipayPassConstants.class)
public class AlipayPassEndpoint extends DefaultEndpoint {
    @UriPath(enums = "instance-update,template-update,update",
            description = "The API: instance-update (alipay.pass.instance.update), template-update (alipay.pass.template.update),"
                    + " or update, where the record's api field or the CamelAlipassApi header decides.")
    @Metadata(required = true)
    private String api;
    @UriParam
    private AlipayPassConfiguration configuration;

    private volatile AlipayApp app;

    public AlipayPassEndpoint(String uri, AlipayPassComponent component, String api, AlipayPassConfiguration configuration) {
        super(uri, component);
        this.api = api;
        this.configuration = configuration;
    }

    @Override
    public AlipayPassComponent getComponent() {
        return (AlipayPassComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new AlipayPassProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("alipay-pass is producer only: it sends updates, it does not receive them");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // Keys and certificates are read and checked here, so a misconfigured endpoint stops its route
        // from starting instead of dead-lettering every message.
        app = AlipayApp.resolve(getComponent(), api, configuration);
    }

    /** The resolved app; only after the endpoint started. */
    AlipayApp app() {
        AlipayApp a = app;
        if (a == null) {
            throw new IllegalStateException("alipay-pass endpoint " + getEndpointBaseUri() + " is not started");
        }
        return a;
    }

    /**
     * The enrich step of this endpoint's app (its channel id, its API), for a route that must look at the
     * validated update before the call (the route template's idempotency check); the producer then goes on
     * from the exchange's {@link PassCall} without reading the body again. Only after the endpoint started.
     */
    public Processor enrichProcessor() {
        return app().enrich();
    }

    /** The listener configured for this endpoint's app, or {@link OutcomeListener#NONE}. */
    public OutcomeListener outcomeListener() {
        OutcomeListener listener = configuration.getOutcomeListener();
        return listener == null ? OutcomeListener.NONE : listener;
    }

    public String getApi() {
        return api;
    }

    /** The API: instance-update, template-update, or update. */
    public void setApi(String api) {
        this.api = api;
    }

    public AlipayPassConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AlipayPassConfiguration configuration) {
        this.configuration = configuration;
    }
}
