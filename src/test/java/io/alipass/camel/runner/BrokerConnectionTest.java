package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** How the runner connects to an Artemis broker: competing runners share a queue message by message. */
class BrokerConnectionTest {
    @Test
    void aBrokerUrlWithoutAWindowGetsNoPrefetchWindow() throws Exception {
        try (ActiveMQConnectionFactory f = RunnerAssembly.connectionFactory("tcp://127.0.0.1:61616", null, null)) {
            assertEquals(0, f.getConsumerWindowSize());
        }
    }

    @Test
    void aWindowNamedInTheUrlIsKept() throws Exception {
        try (ActiveMQConnectionFactory f = RunnerAssembly.connectionFactory("tcp://127.0.0.1:61616?consumerWindowSize=65536", null, null)) {
            assertEquals(65536, f.getConsumerWindowSize());
        }
    }

    @Test
    void theEmbeddedBrokerGetsNoPrefetchWindowEither() throws Exception {
        try (ActiveMQConnectionFactory f = RunnerAssembly.connectionFactory(EmbeddedBroker.IN_VM_URL, null, null)) {
            assertEquals(0, f.getConsumerWindowSize());
        }
    }
}
