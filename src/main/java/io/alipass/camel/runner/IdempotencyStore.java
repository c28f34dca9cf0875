package io.alipass.camel.runner;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.alipass.camel.route.JdbcUpdateRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The runner's idempotency store, from its properties: a database every runner shares when
 * {@code alipass.idempotency-jdbc-url} is set ({@link JdbcUpdateRepository} over a small HikariCP
 * pool, user {@code alipass.idempotency-jdbc-user}, password {@code alipass.idempotency-jdbc-password},
 * best given as the environment variable {@code ALIPASS_IDEMPOTENCY_JDBC_PASSWORD}); else this
 * runner's own file when {@code alipass.idempotency-file} is set; else none.
 */
final class IdempotencyStore {
    /** The bean name the templates' {@code idempotentRepository} parameter names. */
    static final String BEAN = "alipassIdempotency";
    static final String JDBC_URL = "alipass.idempotency-jdbc-url";
    static final String JDBC_USER = "alipass.idempotency-jdbc-user";
    static final String JDBC_PASSWORD = "alipass.idempotency-jdbc-password";
    static final String CLAIM_EXPIRY = "alipass.idempotency-claim-expiry-ms";
    static final String FILE = "alipass.idempotency-file";
    /** Connections in the pool: calls are short (one insert or update per update), a few serve many consumers. */
    private static final int POOL_SIZE = 8;

    private IdempotencyStore() {
    }

    /**
     * The configured repository, or null for none; a database pool is closed with the context.
     *
     * @param property a property's value by its full name, null or blank when unset
     */
    static IdempotentRepository create(Function<String, String> property, CamelContext context) {
        String url = text(property, JDBC_URL);
        if (url != null) {
            return jdbc(url, text(property, JDBC_USER), text(property, JDBC_PASSWORD), claimExpiry(property), context);
        }
        String file = text(property, FILE);
        if (file != null) {
            return FileIdempotentRepository.fileIdempotentRepository(Path.of(file).toAbsolutePath().toFile(), 1_000_000);
        }
        return null;
    }

    /** Where a replay keeps what it answered when no store is configured, so a replay run again after a crash sends nothing twice. */
    static IdempotentRepository replayFallback(Path dataDir) {
        return FileIdempotentRepository.fileIdempotentRepository(dataDir.resolve("replay-answered.dat").toAbsolutePath().toFile(), 1_000_000);
    }

    private static IdempotentRepository jdbc(String url, String user, String password, Duration claimExpiry, CamelContext context) {
        if (!url.startsWith("jdbc:")) {
            throw new RunnerConfigurationException(JDBC_URL, "must be a JDBC URL such as jdbc:postgresql://db:5432/alipass");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("alipass-idempotency");
        HikariDataSource pool;
        try {
            // Connects now, so a wrong URL, user or password stops the start instead of every update.
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            // Not the cause: a driver's or the pool's message may quote the URL, and a URL may carry a password.
            throw new RunnerConfigurationException(JDBC_URL, "cannot be used (" + withoutSecrets(rootMessage(e), url, password) + ")");
        }
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    pool.close();
                }
            }, true, false);
        } catch (Exception e) {
            pool.close();
            throw new IllegalStateException("cannot register the idempotency pool", e);
        }
        JdbcUpdateRepository repository = new JdbcUpdateRepository(pool, "alipass", claimExpiry);
        try {
            // Started with the context (its table created before the first update) and stopped before the pool.
            context.addService(repository, true, false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the idempotency store", e);
        }
        return repository;
    }

    private static Duration claimExpiry(Function<String, String> property) {
        String v = text(property, CLAIM_EXPIRY);
        try {
            long ms = v == null ? 30_000 : Long.parseLong(v);
            if (ms < 300) {
                throw new NumberFormatException("below 300");
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new RunnerConfigurationException(CLAIM_EXPIRY, "must be a whole number of milliseconds, at least 300, was '" + v + "'");
        }
    }

    private static String text(Function<String, String> property, String key) {
        String v = property.apply(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    /** The message with the URL's parameters and user-info, and the password itself, taken out. */
    static String withoutSecrets(String message, String url, String password) {
        String safeUrl = url.replaceAll("[?;].*$", "").replaceAll("//[^/@]*@", "//");
        String m = String.valueOf(message).replace(url, safeUrl);
        if (password != null && !password.isEmpty()) {
            m = m.replace(password, "***");
        }
        return m.replaceAll("(?i)(password=)[^&;\\s]*", "$1***");
    }
}
