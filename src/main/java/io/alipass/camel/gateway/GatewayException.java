package io.alipass.camel.gateway;

/**
 * The root of every exception the protocol core throws. Messages name fields, sources and rules,
 * never key material, signatures or {@code app_auth_token} values.
 */
public class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GatewayException(String message) {
        super(message);
    }

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
