package io.alipass.camel.springboot;

import io.alipass.camel.component.AlipayPassComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Spring Boot auto-configuration of the {@code alipay-pass} component: binds
 * {@code camel.component.alipay-pass.*} onto the component Camel creates for {@code alipay-pass:}
 * URIs, and {@code camel.component.NAME.*} onto any other {@link AlipayPassComponent} bean named NAME
 * (a second Alipay app). With Spring Boot Actuator present it keeps the component's secrets out of
 * {@code /actuator/configprops} and {@code /actuator/env}. Turned off by
 * {@code camel.component.alipay-pass.enabled=false} (or {@code camel.component.enabled=false}).
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@ConditionalOnClass({CamelContext.class, CamelAutoConfiguration.class, AlipayPassComponent.class})
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@ConditionalOnHierarchicalProperties({"camel.component", AlipayPassComponentConfiguration.PREFIX})
@EnableConfigurationProperties({ComponentConfigurationProperties.class, AlipayPassComponentConfiguration.class})
public class AlipayPassComponentAutoConfiguration {

    /** Configures every alipay-pass component as Camel creates or looks it up. */
    @Lazy
    @Bean
    public ComponentCustomizer configureAlipayPassComponent(AlipayPassComponentConfiguration properties, Environment environment) {
        return new AlipayPassComponentCustomizer(properties, environment);
    }

    /** Only when Actuator is on the classpath: the component's secrets are masked wherever Actuator shows properties. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SanitizingFunction.class)
    static class SecretMasking {
        @Bean
        public SanitizingFunction alipayPassSecretSanitizer() {
            return new AlipayPassSecretSanitizer();
        }
    }
}
