package io.alipass.camel.route;

/** An outcome document that cannot be replayed: not an outcome document, or one without {@code input} text. */
public final class NotReplayableException extends Exception {
    private static final long serialVersionUID = 1L;

    NotReplayableException(String message) {
        super(message);
    }
}
