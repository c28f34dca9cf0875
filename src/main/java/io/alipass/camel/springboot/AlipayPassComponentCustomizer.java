package io.alipass.camel.springboot;

import io.alipass.camel.component.AlipayPassComponent;
import java.util.Map;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Copies {@code camel.component.NAME.*} onto the {@link AlipayPassComponent} named NAME. Each instance
 * reads only its own prefix: a second app must never sign with the first one's key because it left
 * a property out. An unknown property fails the start (it names the property).
 */
final class AlipayPassComponentCustomizer implements ComponentCustomizer {
    private static final String DEFAULT_NAME = "alipay-pass";

    private final AlipayPassComponentConfiguration defaults;
    private final Environment environment;

    AlipayPassComponentCustomizer(AlipayPassComponentConfiguration defaults, Environment environment) {
        this.defaults = defaults;
        this.environment = environment;
    }

    @Override
    public boolean isEnabled(String name, Component target) {
        return target instanceof AlipayPassComponent
                && HierarchicalPropertiesEvaluator.evaluate(environment, "camel.component.customizer",
                        "camel.component." + name + ".customizer");
    }

    @Override
    public void configure(String name, Component target) {
        AlipayPassComponentConfiguration properties = DEFAULT_NAME.equals(name) ? defaults
                : Binder.get(environment).bind("camel.component." + name, AlipayPassComponentConfiguration.class).orElse(null);
        if (properties == null) {
            return; // an instance configured in Java only
        }
        Map<String, Object> options = properties.options(target.getCamelContext());
        CamelPropertiesHelper.setCamelProperties(target.getCamelContext(), target, options, true);
    }
}
