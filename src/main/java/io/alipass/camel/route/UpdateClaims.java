package io.alipass.camel.route;

import java.time.Duration;
import org.apache.camel.spi.IdempotentRepository;

/**
 * An {@link IdempotentRepository} shared by several runners that also knows which updates are in
 * flight: before calling the gateway a runner claims the update's key, so the same delivery in flight
 * on two runners at once goes out only once. The holder keeps its claim fresh while it works; a claim
 * not refreshed for {@link #claimExpiry()} belongs to a runner that died. {@link JdbcUpdateRepository}
 * implements it on a SQL database.
 */
public interface UpdateClaims extends IdempotentRepository {

    /** What a claim found. */
    enum Claim {
        /** The key is now held by this repository: call the gateway, then {@link #answered} or {@link #release}. */
        CLAIMED,
        /** The gateway already answered this update and its outcome was delivered. */
        ANSWERED,
        /** Another holder, alive, has it in flight: ask again later. */
        HELD,
        /**
         * Its holder died while it was in flight (the claim expired) and this repository now holds it.
         * Whether the gateway received the call is unknown.
         */
        HOLDER_DIED
    }

    /** Tries to take the key; never waits. */
    Claim claim(String key);

    /** The outcome of a claimed key was delivered: the key is remembered for good and the claim ends. */
    void answered(String key);

    /** Gives a claimed key up without remembering it (dead letter, invalid input), so it can be sent again. */
    void release(String key);

    /** How long a claim lives without being refreshed before its holder counts as dead. */
    Duration claimExpiry();
}
