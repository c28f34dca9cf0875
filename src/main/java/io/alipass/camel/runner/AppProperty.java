package io.alipass.camel.runner;

import io.alipass.camel.component.AlipayPassConfiguration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PropertyBindingSupport;

/**
 * The one table from the runner's {@code alipass.*} properties (and their {@code ALIPASS_*}
 * environment variables) to the options of the {@code alipay-pass} component they set. The component
 * declares, defaults and checks each option; the runner only forwards the value.
 *
 * <p>Either name may be used: {@code alipass.app-id} or {@code camel.component.alipay-pass.app-id}.
 * When both are given, the {@code camel.component.alipay-pass.*} one wins, because
 * {@code alipass-runner.properties} gives most {@code alipass.*} keys a default and a Camel option
 * that lost to a default could never take effect. Options of the component that have no
 * {@code alipass.*} name ({@code signingProvider}, {@code throwExceptionOnFailure}...) are set through
 * {@code camel.component.alipay-pass.*} alone, by camel-main.
 */
enum AppProperty {
    GATEWAY_URL("gateway-url", "gatewayUrl"),
    APP_ID("app-id", "appId"),
    SIGN_TYPE("sign-type", "signType"),
    CHARSET("charset", "charset"),
    CONNECT_TIMEOUT("connect-timeout-ms", "connectTimeout"),
    READ_TIMEOUT("read-timeout-ms", "readTimeout"),
    MAX_CONNECTIONS("max-connections", "maxConnections"),
    RATE_LIMIT("rate-limit", "rateLimit"),
    PRIVATE_KEY("private-key", "privateKey"),
    PRIVATE_KEY_PASSWORD("private-key-password", "privateKeyPassword"),
    ALIPAY_PUBLIC_KEY("alipay-public-key", "alipayPublicKey"),
    APP_CERT("app-cert", "appCert"),
    ALIPAY_CERT("alipay-cert", "alipayCert"),
    ALIPAY_ROOT_CERT("alipay-root-cert", "alipayRootCert"),
    CERTIFICATE_CACHE_DIR("certificate-cache-dir", "certificateCacheDir"),
    VERIFY_RESPONSE("verify-response", "verifyResponse"),
    APP_AUTH_TOKEN("app-auth-token", "appAuthToken"),
    CHANNEL_ID("channel-id", "channelId");

    /** The prefix of the component's own properties in camel-main. */
    static final String COMPONENT_PREFIX = "camel.component.alipay-pass.";

    private final String runnerKey;
    private final String option;

    AppProperty(String key, String option) {
        this.runnerKey = RunnerSettings.PREFIX + key;
        this.option = option;
    }

    /** The runner's property, {@code alipass.app-id}. */
    String runnerKey() {
        return runnerKey;
    }

    /** The component option, {@code appId}. */
    String option() {
        return option;
    }

    /** The component's property in camel-main, {@code camel.component.alipay-pass.app-id}. */
    String componentKey() {
        return COMPONENT_PREFIX + option.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    /** The entry for a component option, if the runner has a property for it. */
    static Optional<AppProperty> ofOption(String option) {
        return Arrays.stream(values()).filter(p -> p.option.equals(option)).findFirst();
    }

    /** The value given for this option: the component's property (kebab or camel case) first, then the runner's. */
    String value(Function<String, String> property) {
        for (String key : new String[] {componentKey(), COMPONENT_PREFIX + option, runnerKey}) {
            String v = property.apply(key);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    /** Whether a value was given under either name. */
    boolean given(Function<String, String> property) {
        return value(property) != null;
    }

    /**
     * Sets every option given under either name on {@code app}, converting as the component's own
     * configurer does; a value that does not convert is reported by its runner property, never quoted.
     */
    static void applyAll(Function<String, String> property, AlipayPassConfiguration app, CamelContext context) {
        for (AppProperty p : values()) {
            String v = p.value(property);
            if (v == null) {
                continue;
            }
            try {
                PropertyBindingSupport.build().withCamelContext(context).withTarget(app).withProperty(p.option, v)
                        .withMandatory(true).withReference(false).bind();
            } catch (RuntimeException e) {
                throw new RunnerConfigurationException(p.runnerKey, "(alipay-pass option " + p.option
                        + ") is not a valid " + p.kind() + " (the value is not repeated here)");
            }
        }
    }

    private String kind() {
        return switch (this) {
            case CONNECT_TIMEOUT, READ_TIMEOUT, MAX_CONNECTIONS -> "whole number";
            case RATE_LIMIT -> "number";
            case VERIFY_RESPONSE -> "true or false";
            default -> "value";
        };
    }
}
