package io.alipass.camel.springboot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.component.AlipayPassComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the {@code alipay-pass} component's secrets ({@code private-key}, {@code private-key-password},
 * {@code app-auth-token}) wherever Spring Boot Actuator shows properties, for every instance and
 * whatever {@code management.endpoint.*.show-values} says. Which options are secret is read from the
 * component's own metadata (its {@code secret = true} options), so the list is kept in one place.
 */
final class AlipayPassSecretSanitizer implements SanitizingFunction {
    /** Where Camel's component tooling writes the component's option metadata. */
    static final String METADATA = "META-INF/io/alipass/camel/component/alipay-pass.json";

    private final Set<String> secrets;

    AlipayPassSecretSanitizer() {
        this.secrets = secretOptions();
    }

    @Override
    public SanitizableData apply(SanitizableData data) {
        String key = data.getKey();
        if (key == null || data.getValue() == null) {
            return data;
        }
        // configprops passes camel.component.alipay-pass.privateKey, env camel.component.alipay-pass-b.private-key
        // or CAMEL_COMPONENT_ALIPAYPASS_PRIVATEKEY: compare without case and separators.
        String flat = normalise(key);
        boolean secret = flat.startsWith("camelcomponent") ? secrets.stream().anyMatch(flat::endsWith) : secrets.contains(flat);
        return secret ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
    }

    /** The names of the component's secret options, lower case, without separators. */
    static Set<String> secretOptions() {
        try (InputStream in = AlipayPassComponent.class.getClassLoader().getResourceAsStream(METADATA)) {
            if (in == null) {
                throw new IllegalStateException(METADATA + " is missing from the classpath: the alipass-camel jar is incomplete");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Set<String> names = new TreeSet<>();
            for (String section : new String[] {"componentProperties", "properties"}) {
                for (Iterator<Map.Entry<String, JsonNode>> it = root.path(section).fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> option = it.next();
                    if (option.getValue().path("secret").asBoolean(false)) {
                        names.add(normalise(option.getKey()));
                    }
                }
            }
            return Set.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + METADATA, e);
        }
    }

    private static String normalise(String name) {
        return name.replace("-", "").replace("_", "").replace(".", "").toLowerCase(Locale.ROOT);
    }
}
