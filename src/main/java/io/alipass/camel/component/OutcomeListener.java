package io.alipass.camel.component;

/**
 * Hears every final outcome and every gateway call of the alipass routes: the runner uses it for
 * metrics and the batch summary; an embedding application may use it for its own. Implementations
 * must be thread-safe and fast: they run on the routes' threads.
 */
public interface OutcomeListener {

    /** Does nothing. */
    OutcomeListener NONE = new OutcomeListener() {
    };

    /**
     * A message reached its endpoint.
     *
     * @param kind    the final outcome: success, business-failure, invalid-input, duplicate, dead-letter or error
     * @param method  the API, or null when the input never named one
     * @param code   the gateway's code, or null
     * @param subCode the sub-code, failing errorCode or failed check, or null
     */
    default void outcome(OutcomeKind kind, String method, String code, String subCode) {
    }

    /**
     * One HTTP call to the gateway finished (or failed).
     *
     * @param kind  the outcome of that one call (success, business-failure, transient-failure, invalid-response)
     * @param nanos how long the call took, signing excluded
     */
    default void gatewayCall(String method, OutcomeKind kind, long nanos) {
    }
}
