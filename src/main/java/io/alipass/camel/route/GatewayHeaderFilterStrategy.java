package io.alipass.camel.route;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * Lets only {@code Content-Type} cross the HTTP boundary to and from the gateway. Messages arrive
 * with headers of their own (an inbound {@code Authorization}, JMS properties, file names) that are
 * nobody's business at Alipay, and the gateway's response headers have no place on the outcome.
 */
final class GatewayHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !Exchange.CONTENT_TYPE.equalsIgnoreCase(headerName);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return true;
    }
}
