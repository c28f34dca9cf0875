package io.alipass.camel.gateway;

/**
 * A setting is wrong or unreadable: a key that cannot be loaded, an Alipay public key that is really
 * the app's own, a certificate chain without an RSA certificate. Thrown at start-up, never per message.
 */
public class GatewayConfigurationException extends GatewayException {
    private static final long serialVersionUID = 1L;

    public GatewayConfigurationException(String message) {
        super(message);
    }

    public GatewayConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
