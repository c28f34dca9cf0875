package io.alipass.camel.component;

import io.alipass.camel.gateway.GatewayConfigurationException;

/**
 * An {@code alipay-pass} option is missing or unusable. Thrown when the endpoint starts (with its
 * route), never per message; the message names the option and never quotes a secret.
 */
public class AlipayPassConfigurationException extends GatewayConfigurationException {
    private static final long serialVersionUID = 1L;
    private final String option;
    private final String problem;

    public AlipayPassConfigurationException(String option, String problem) {
        super("alipay-pass option " + option + " " + problem);
        this.option = option;
        this.problem = problem;
    }

    public AlipayPassConfigurationException(String option, String problem, Throwable cause) {
        super("alipay-pass option " + option + " " + problem, cause);
        this.option = option;
        this.problem = problem;
    }

    /** What is wrong with the option ("is required ..."), without its name; never a secret. */
    public String problem() {
        return problem;
    }

    /** The option at fault, as named on the URI ({@code privateKey}). */
    public String option() {
        return option;
    }
}
