package io.alipass.camel.runner;

import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The Artemis broker the runner starts when no {@code alipass.jms.broker-url} is set: an in-VM
 * acceptor ({@value #IN_VM_URL}), optionally a TCP acceptor for other processes
 * ({@code alipass.jms.listen}), and a persistent journal, so queued updates survive a restart.
 * Added to the CamelContext as a service, it stops after the routes have stopped.
 */
public final class EmbeddedBroker extends ServiceSupport {
    /** What the runner's JMS connection factory connects to. */
    public static final String IN_VM_URL = "vm://0";

    private final Path journalDir;
    private final String listen;
    private EmbeddedActiveMQ server;

    /**
     * @param journalDir where the journal, bindings, paging and large messages live
     * @param listen     a TCP acceptor URL such as {@code tcp://127.0.0.1:61616}, or null for in-VM only
     */
    public EmbeddedBroker(Path journalDir, String listen) {
        this.journalDir = journalDir.toAbsolutePath();
        this.listen = listen;
    }

    @Override
    protected void doStart() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(true);
        // The broker is private to this process (in-VM) or to the host's loopback: no users to manage.
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        // NIO works everywhere; AIO would need libaio.
        config.setJournalType(JournalType.NIO);
        config.setJournalDirectory(journalDir.resolve("journal").toString());
        config.setBindingsDirectory(journalDir.resolve("bindings").toString());
        config.setPagingDirectory(journalDir.resolve("paging").toString());
        config.setLargeMessagesDirectory(journalDir.resolve("large-messages").toString());
        // A message whose transaction keeps rolling back (a crash loop) ends in DLQ instead of circling forever.
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setMaxDeliveryAttempts(10)
                .setAutoCreateDeadLetterResources(true)
                .setAutoCreateExpiryResources(true));
        config.addAcceptorConfiguration("in-vm", IN_VM_URL);
        if (listen != null) {
            config.addAcceptorConfiguration("tcp", listen);
        }
        server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** The TCP acceptor URL, or null when the broker is reachable in this JVM only. */
    public String listen() {
        return listen;
    }
}
