package io.alipass.camel.component;

import io.alipass.camel.gateway.EncodedRequest;
import io.alipass.camel.gateway.InvalidRequestException;
import io.alipass.camel.gateway.PassUpdateOutcome;
import io.alipass.camel.pass.PassUpdate;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * Everything one update's trip to the gateway leaves on its exchange, under the one exchange property
 * {@value #PROPERTY}: the input as it arrived, the validated update (or why it is invalid), the
 * signed request of the last attempt, how many attempts were made, and the last outcome. The enrich,
 * sign and verify processors and the producer write it; outcome documents and idempotency read it.
 * Nobody else reaches into the exchange's properties for these facts.
 *
 * <p>It outlives redeliveries (Camel keeps exchange properties), which is how a retry knows its
 * attempt number and re-signs the same update. Not thread-safe: an exchange is processed by one
 * thread at a time. {@link #toString()} never shows the {@code app_auth_token}.
 */
public final class PassCall {
    /** The exchange property holding the call. */
    public static final String PROPERTY = "AlipassCall";

    private String input;
    private PassUpdate update;
    private InvalidRequestException invalid;
    private String appAuthToken;
    private EncodedRequest request;
    private long signedAt;
    private int attempts;
    private PassUpdateOutcome outcome;

    private PassCall() {
    }

    /** The exchange's call, created empty when there is none yet. */
    public static PassCall on(Exchange exchange) {
        PassCall call = exchange.getProperty(PROPERTY, PassCall.class);
        if (call == null) {
            call = new PassCall();
            exchange.setProperty(PROPERTY, call);
        }
        return call;
    }

    /** The exchange's call, if any processor of the component has seen it. */
    public static Optional<PassCall> find(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(PROPERTY, PassCall.class));
    }

    /** The body as it arrived, as text (for outcome documents), or null before enrich. */
    public String input() {
        return input;
    }

    /** The validated update, or null before enrich or when the input was invalid. */
    public PassUpdate update() {
        return update;
    }

    /** Why the input was refused, or null. */
    public InvalidRequestException invalid() {
        return invalid;
    }

    /** The signed request of the last attempt, or null before signing. */
    public EncodedRequest request() {
        return request;
    }

    /** How many signed attempts were made (0 when the gateway was never called). */
    public int attempts() {
        return attempts;
    }

    /** The outcome of the last answered attempt, or null. */
    public PassUpdateOutcome outcome() {
        return outcome;
    }

    /**
     * Records input refused before it could be read (a record too large to keep, say) and hands back
     * the exception to throw, so outcome documents describe it like any other invalid input.
     *
     * @param inputDescription what to show instead of the input, which is not kept
     */
    public static InvalidRequestException refuse(Exchange exchange, String inputDescription, InvalidRequestException why) {
        PassCall call = on(exchange);
        call.input = inputDescription;
        call.invalid = why;
        return why;
    }

    /** {@link System#nanoTime()} when the last attempt was signed. */
    long signedAt() {
        return signedAt;
    }

    String appAuthToken() {
        return appAuthToken;
    }

    void input(String input) {
        this.input = input;
    }

    void update(PassUpdate update) {
        this.update = update;
        this.invalid = null;
    }

    void invalid(InvalidRequestException invalid) {
        this.invalid = invalid;
    }

    void appAuthToken(String token) {
        this.appAuthToken = token;
    }

    void signed(EncodedRequest request, long at) {
        this.request = request;
        this.signedAt = at;
        this.attempts++;
    }

    void outcome(PassUpdateOutcome outcome) {
        this.outcome = outcome;
    }

    @Override
    public String toString() {
        return "PassCall[" + (update == null ? "no update" : update.method() + " " + update.key()) + ", attempts " + attempts
                + (outcome == null ? "" : ", " + outcome.kind()) + (appAuthToken == null ? "" : ", app_auth_token ***") + "]";
    }
}
