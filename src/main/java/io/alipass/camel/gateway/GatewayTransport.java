package io.alipass.camel.gateway;

import java.io.IOException;
import java.util.Objects;

/**
 * Sends one signed request to the gateway and hands back its HTTP answer, unread. The protocol core
 * stays free of any HTTP library: the Camel layer supplies the pooled client
 * ({@code io.alipass.camel.component.PooledGatewayTransport}), tests may supply their own. Implementations
 * are thread-safe and never follow redirects or retry on their own; retrying is the one retry rule's
 * decision ({@link Retryability}).
 */
@FunctionalInterface
public interface GatewayTransport {

    /**
     * POSTs the request.
     *
     * @throws IOException when no HTTP answer was read (connect failure, timeout, connection reset)
     */
    Reply send(EncodedRequest request) throws IOException;

    /**
     * The gateway's HTTP answer.
     *
     * @param status the HTTP status code
     * @param body   the raw body bytes, in the request's charset; empty when there was none
     */
    record Reply(int status, byte[] body) {
        public Reply {
            Objects.requireNonNull(body, "body");
        }

        @Override
        public String toString() {
            return "Reply[HTTP " + status + ", " + body.length + " bytes]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Reply r && status == r.status && java.util.Arrays.equals(body, r.body);
        }

        @Override
        public int hashCode() {
            return 31 * status + java.util.Arrays.hashCode(body);
        }
    }
}
