package io.alipass.camel.route;

import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract through a transacted JMS queue on a real embedded Artemis broker. */
class JmsSourceTest extends SourceContract {
    static EmbeddedActiveMQ broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(),
                        java.util.Map.of("serverId", "7"))));
        broker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.stop();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext ctx = super.createCamelContext();
        ctx.addComponent("jms", JmsComponent.jmsComponent(new ActiveMQConnectionFactory("vm://7")));
        return ctx;
    }

    @Override
    String sourceUri() {
        return "jms:queue:pass-updates?transacted=true&concurrentConsumers=2";
    }

    @Override
    void send(String body) {
        template.sendBody("jms:queue:pass-updates", body);
    }
}
