package io.alipass.camel.springboot.passsync;

import io.alipass.camel.component.AlipayPassComponent;
import io.alipass.camel.route.AlipassRoutes;
import jakarta.jms.ConnectionFactory;
import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application as an ESB team would write it: a JMS queue on an embedded Artemis broker,
 * routes in Java ({@link PassSyncRoutes}) and YAML ({@code springboot/routes/}), and the
 * {@code alipay-pass} component configured from {@code application.properties} only. A second
 * Alipay app is a second instance of the component, the bean {@code alipay-pass-b}.
 */
// The build's test classpath holds a JDBC driver and a pool (for the shared idempotency store) that this
// application does not use: without the exclusion Spring Boot would try to build a DataSource from them.
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
public class PassSyncApplication {

    /** Artemis in this JVM only; each application in a test JVM takes its own in-VM server id. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    EmbeddedActiveMQ artemis(@Value("${passsync.broker-id}") int brokerId) {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(),
                        Map.of("serverId", String.valueOf(brokerId)))));
        return broker;
    }

    @Bean
    ConnectionFactory connectionFactory(EmbeddedActiveMQ artemis, @Value("${passsync.broker-id}") int brokerId) {
        return new ActiveMQConnectionFactory("vm://" + brokerId);
    }

    /** camel-jms has no Spring Boot starter in the 4.18.0 BOM: the plain component, as a bean. */
    @Bean("jms")
    JmsComponent jms(ConnectionFactory connectionFactory) {
        return JmsComponent.jmsComponent(connectionFactory);
    }

    /** The second app: configured from camel.component.alipay-pass-b.*, used as alipay-pass-b:instance-update. */
    @Bean("alipay-pass-b")
    AlipayPassComponent alipayPassB() {
        return new AlipayPassComponent();
    }

    /** The alipass-pass-update template on the auto-configured alipay-pass component; its instance is in YAML. */
    @Bean
    RoutesBuilder alipassTemplate() {
        return AlipassRoutes.onComponent("alipay-pass");
    }
}
