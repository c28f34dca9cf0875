package io.alipass.camel.springboot;

import io.alipass.camel.component.AlipayPassConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@code alipay-pass} option that stopped the application from starting into Spring Boot's
 * "APPLICATION FAILED TO START" report, naming the property to set
 * ({@code camel.component.alipay-pass.private-key}). The component's messages never quote a secret,
 * and neither does this.
 */
public class AlipayPassFailureAnalyzer extends AbstractFailureAnalyzer<AlipayPassConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AlipayPassConfigurationException cause) {
        String property = property(cause.option());
        return new FailureAnalysis(
                "An alipay-pass endpoint could not start: " + cause.getMessage() + ".\n\n"
                        + "Property: " + property,
                "Set " + property + " (in application.properties or as the environment variable "
                        + environmentVariable(property) + "), or for a second instance camel.component.<its bean name>."
                        + kebab(cause.option()) + ", or " + cause.option() + " on the endpoint URI.",
                cause);
    }

    /** The Spring Boot property of an option of the default instance: privateKey is camel.component.alipay-pass.private-key. */
    static String property(String option) {
        return AlipayPassComponentConfiguration.PREFIX + "." + kebab(option);
    }

    static String kebab(String option) {
        StringBuilder b = new StringBuilder(option.length() + 4);
        for (char c : option.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('-').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String environmentVariable(String property) {
        return property.replace(".", "_").replace("-", "").toUpperCase(java.util.Locale.ROOT);
    }
}
