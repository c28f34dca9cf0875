package io.alipass.camel.pass;

import io.alipass.camel.gateway.GatewayMethod;
import java.util.Optional;

/**
 * The names by which a message, a header, a template parameter or a property may name one of the
 * two pass APIs: the short {@code instance.update} / {@code template.update} or the full method
 * name. This is the only place those names are read.
 */
public final class PassApi {
    /** The accepted names, for error messages. */
    public static final String ACCEPTED = "instance.update or template.update";

    private PassApi() {
    }

    /** The API a name stands for, or empty when the name is none of them (blank included). */
    public static Optional<GatewayMethod> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim()) {
            case "instance.update", "alipay.pass.instance.update" -> Optional.of(GatewayMethod.PASS_INSTANCE_UPDATE);
            case "template.update", "alipay.pass.template.update" -> Optional.of(GatewayMethod.PASS_TEMPLATE_UPDATE);
            default -> Optional.empty();
        };
    }
}
