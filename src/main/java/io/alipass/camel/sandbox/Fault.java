package io.alipass.camel.sandbox;

/**
 * A failure the sandbox can inject into an answer of {@code /gateway.do}. The first four happen
 * before the call reaches the pass service, so the state is unchanged; the others happen after
 * it, so the update took effect and only its answer is lost or spoiled, the case a client's retry
 * must survive.
 */
public enum Fault {
    /** {@code 20000 Service Currently Unavailable} with {@code isp.unknow-error}, signed. */
    SERVICE_UNAVAILABLE(true),
    /** {@code 40004 Business Failed} with {@code KP.AE_SYSTEM_ERROR}, signed. */
    PASS_SYSTEM_ERROR(true),
    /** The connection is closed without an answer. */
    DROP_CONNECTION(true),
    /** HTTP 502 Bad Gateway with an HTML body, as a proxy in front of the gateway answers. */
    HTTP_502(true),
    /** The update is applied, then the connection is closed without an answer. */
    DROP_AFTER_PROCESSING(false),
    /** The answer is cut in half: HTTP 200 whose body (and Content-Length) is the first half. */
    TRUNCATED_BODY(false),
    /** The answer carries no {@code sign}. */
    MISSING_SIGNATURE(false),
    /** The answer's {@code sign} is well-formed but does not verify. */
    WRONG_SIGNATURE(false);

    private final boolean beforeProcessing;

    Fault(boolean beforeProcessing) {
        this.beforeProcessing = beforeProcessing;
    }

    /** Whether the call is refused before the pass service sees it (the state does not change). */
    public boolean beforeProcessing() {
        return beforeProcessing;
    }
}
