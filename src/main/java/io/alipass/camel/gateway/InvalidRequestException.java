package io.alipass.camel.gateway;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The request breaks a rule before anything is signed or sent: each {@link Violation} names the
 * field and the rule, and, where the gateway would answer the same request with a {@code KP.AE_*}
 * code, that code. Such a request never reaches the gateway.
 */
public class InvalidRequestException extends GatewayException {
    private static final long serialVersionUID = 1L;

    /**
     * One broken rule.
     *
     * @param field    the API field, e.g. {@code verify_type}
     * @param rule     the rule in a few words, e.g. {@code must be one of wave, qrcode, barcode, input}
     * @param gatewayCode the {@code KP.AE_*} code the gateway would answer with, or null
     */
    public record Violation(String field, String rule, String gatewayCode) {
        public Violation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(rule, "rule");
        }

        public Violation(String field, String rule) {
            this(field, rule, null);
        }

        /** {@code field: rule}, the form every error message uses. */
        public String message() {
            return field + ": " + rule;
        }
    }

    private final transient List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(Violation violation) {
        this(List.of(violation));
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The first violation's {@code KP.AE_*} code, or null when none has one. */
    public String gatewayCode() {
        return violations.stream().map(Violation::gatewayCode).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static String describe(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request has at least one violation");
        }
        return violations.stream().map(Violation::message).collect(Collectors.joining("; "));
    }
}
