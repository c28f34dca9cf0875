package io.alipass.camel.route;

/**
 * An update met a claim whose holder died while the update was in flight (see {@link UpdateClaims}):
 * the gateway may or may not have applied it. It is dead-lettered rather than sent a second time, so
 * an operator can check the pass and replay it; the message says so without quoting the update.
 */
public final class UpdateInterruptedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    UpdateInterruptedException(String message) {
        super(message);
    }
}
