package io.alipass.camel.runner;

/**
 * The runner's configuration cannot work: the message names the property (for example
 * {@code alipass.sign-type}) and what is wrong with it, never a secret value.
 */
public class RunnerConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String property;

    public RunnerConfigurationException(String property, String problem) {
        super(property + " " + problem);
        this.property = property;
    }

    public RunnerConfigurationException(String property, String problem, Throwable cause) {
        super(property + " " + problem, cause);
        this.property = property;
    }

    /** The property at fault, e.g. {@code alipass.retry.maximum-redeliveries}. */
    public String property() {
        return property;
    }
}
