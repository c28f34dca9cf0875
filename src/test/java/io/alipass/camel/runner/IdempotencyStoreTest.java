package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.route.JdbcUpdateRepository;
import io.alipass.camel.testdb.TestPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.junit.jupiter.api.Test;

/** The runner's idempotency store, from its properties: a shared database, this runner's file, or none. */
class IdempotencyStoreTest {

    @Test
    void aJdbcUrlGivesTheSharedDatabaseStore() throws Exception {
        String url = TestPostgres.jdbcUrl(TestPostgres.newDatabase());
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            var repository = IdempotencyStore.create(Map.of(IdempotencyStore.JDBC_URL, url, IdempotencyStore.FILE, "ignored.dat")::get, context);
            assertInstanceOf(JdbcUpdateRepository.class, repository);
        }
    }

    @Test
    void aFileWithoutAJdbcUrlGivesThisRunnersFile() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            assertInstanceOf(FileIdempotentRepository.class,
                    IdempotencyStore.create(Map.of(IdempotencyStore.FILE, "target/answered.dat")::get, context));
        }
    }

    @Test
    void neitherGivesNone() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            assertNull(IdempotencyStore.create(Map.<String, String>of()::get, context));
        }
    }

    @Test
    void anUnreachableDatabaseStopsTheStartNamingThePropertyAndNotThePassword() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/alipass?password=hunter2-in-url";
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            RunnerConfigurationException e = assertThrows(RunnerConfigurationException.class, () -> IdempotencyStore.create(
                    Map.of(IdempotencyStore.JDBC_URL, url, IdempotencyStore.JDBC_PASSWORD, "hunter2")::get, context));
            assertEquals(IdempotencyStore.JDBC_URL, e.property());
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
            assertNull(e.getCause(), "no cause that could quote the URL");
        }
    }

    @Test
    void aUrlThatIsNotJdbcIsRefusedWithTheRule() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            RunnerConfigurationException e = assertThrows(RunnerConfigurationException.class,
                    () -> IdempotencyStore.create(Map.of(IdempotencyStore.JDBC_URL, "postgres://db/alipass")::get, context));
            assertTrue(e.getMessage().contains("must be a JDBC URL"), e.getMessage());
        }
    }

    @Test
    void aClaimExpiryBelowThreeHundredMillisecondsIsRefused() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            RunnerConfigurationException e = assertThrows(RunnerConfigurationException.class, () -> IdempotencyStore.create(
                    Map.of(IdempotencyStore.JDBC_URL, "jdbc:postgresql://127.0.0.1:1/x", IdempotencyStore.CLAIM_EXPIRY, "100")::get, context));
            assertEquals(IdempotencyStore.CLAIM_EXPIRY, e.property());
        }
    }
}
