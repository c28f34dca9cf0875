package io.alipass.camel.sandbox;

import io.alipass.camel.pass.PassStatus;

/** Where a pass held by the sandbox stands: issued, then possibly used, and finally closed. */
public enum PassLifecycle {
    /** Issued by {@code alipay.pass.instance.add} or seeded, not yet used or closed. */
    ISSUED,
    /** Redeemed ({@code status=USED}). */
    USED,
    /** Withdrawn ({@code status=CLOSED}); a closed pass cannot be used again. */
    CLOSED;

    /** The stage an update's {@code status} moves a pass to. */
    static PassLifecycle of(PassStatus status) {
        return switch (status) {
            case USED -> USED;
            case CLOSED -> CLOSED;
        };
    }
}
