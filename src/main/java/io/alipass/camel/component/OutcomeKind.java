package io.alipass.camel.component;

import io.alipass.camel.gateway.PassUpdateOutcome;
import java.util.Optional;

/**
 * Every kind of outcome an update can have, in one closed set: the gateway outcomes of one call
 * ({@link PassUpdateOutcome#kind()}) and what the route template adds. The value of the
 * {@link AlipayPassConstants#OUTCOME} header and of the outcome document's {@code outcome} field is
 * {@link #wireName()}. Code that acts on a kind uses a switch expression without {@code default}, so a
 * new kind is a compile error there, not a silent fall-through.
 */
public enum OutcomeKind {
    /** Code 10000 with a successful result. */
    SUCCESS("success"),
    /** The gateway refused the update ({@code KP.AE_*} and other codes); final. */
    BUSINESS_FAILURE("business-failure"),
    /** One call's transient fault (20000, isp.*, KP.AE_SYSTEM_ERROR, HTTP 5xx, I/O); retried. */
    TRANSIENT_FAILURE("transient-failure"),
    /** One call's answer could not be trusted (unparsable, unsigned, wrongly signed); retried. */
    INVALID_RESPONSE("invalid-response"),
    /** A rule broke locally; the gateway was never called. */
    INVALID_INPUT("invalid-input"),
    /** The gateway already answered an identical instance update; not sent again. */
    DUPLICATE("duplicate"),
    /** Transient faults outlasted the retries. */
    DEAD_LETTER("dead-letter"),
    /** An unexpected failure, dead-lettered at once. */
    ERROR("error");

    private final String wireName;

    OutcomeKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in headers, documents and metrics, e.g. {@code business-failure}. */
    public String wireName() {
        return wireName;
    }

    /** The kind of a header or document value, or empty for null or an unknown name. */
    public static Optional<OutcomeKind> named(String wireName) {
        for (OutcomeKind k : values()) {
            if (k.wireName.equals(wireName)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The kind of one call's outcome. */
    public static OutcomeKind of(PassUpdateOutcome outcome) {
        return named(outcome.kind()).orElseThrow(() -> new IllegalStateException(
                "outcome kind " + outcome.kind() + " is not in OutcomeKind: add it there and to every switch on it"));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
