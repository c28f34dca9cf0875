package io.alipass.camel.route;

/**
 * The same delivery stayed in flight on another, live runner for longer than this one waits for it:
 * dead-lettered rather than sent twice. The other runner's outcome follows as usual.
 */
public final class UpdateStillInFlightException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    UpdateStillInFlightException(String message) {
        super(message);
    }
}
