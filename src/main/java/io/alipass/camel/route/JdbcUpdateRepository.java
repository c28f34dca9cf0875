package io.alipass.camel.route;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.AbstractJdbcMessageIdRepository;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The idempotency store every runner shares, on a SQL database (PostgreSQL is the one tested): one
 * row per update key in {@value #TABLE}, either {@code in-flight} (claimed by a holder that refreshes
 * it every third of {@link #claimExpiry()}) or {@code answered} (its outcome was delivered; kept for
 * good). The table is created on start when missing.
 *
 * <p>Built on camel-sql's {@link AbstractJdbcMessageIdRepository} (Spring's {@code JdbcTemplate}
 * and its exception translation), with a table of its own because neither of camel-sql's ready
 * repositories fits: {@code JdbcMessageIdRepository} has no in-flight state, so a key is either
 * stored before the call (a crash then leaves an update with no outcome) or after it (two runners can
 * both send it); {@code JdbcOrphanLockAwareIdempotentRepository} keeps every key it ever added alive
 * as a lock, so once its runner stops all its answered keys expire and would be sent again, and it
 * checks then inserts without a unique key, so two runners can both win.
 *
 * <p>Here the primary key decides: of two runners inserting the same in-flight row at the same
 * moment exactly one succeeds. A runner that dies holding a claim stops refreshing it; after
 * {@link #claimExpiry()} the next runner to meet the key takes the claim over with a conditional
 * update (again exactly one wins) and learns {@link Claim#HOLDER_DIED}. Timestamps are the
 * database's own {@code CURRENT_TIMESTAMP}, so the runners' clocks do not matter.
 */
public final class JdbcUpdateRepository extends AbstractJdbcMessageIdRepository implements UpdateClaims {
    /** The table, created when missing. */
    public static final String TABLE = "alipass_idempotency";
    private static final String IN_FLIGHT = "in-flight";
    private static final String ANSWERED = "answered";

    private final Duration claimExpiry;
    private final String holder = UUID.randomUUID().toString();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService heartbeat;

    /**
     * @param dataSource    the database; this repository never closes it
     * @param processorName separates several stores in one table (one per Alipay app, say)
     * @param claimExpiry   how long a claim lives unrefreshed before its holder counts as dead
     */
    public JdbcUpdateRepository(DataSource dataSource, String processorName, Duration claimExpiry) {
        super(Objects.requireNonNull(dataSource, "dataSource"), Objects.requireNonNull(processorName, "processorName"));
        if (claimExpiry.toMillis() < 300) {
            throw new IllegalArgumentException("claimExpiry must be at least 300 ms, was " + claimExpiry.toMillis() + " ms");
        }
        this.claimExpiry = claimExpiry;
    }

    @Override
    protected void doStart() {
        createTableIfMissing();
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alipass-idempotency-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = claimExpiry.toMillis() / 3;
        heartbeat.scheduleWithFixedDelay(this::refreshClaims, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
            heartbeat = null;
        }
    }

    private void createTableIfMissing() {
        try {
            jdbcTemplate.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "processor_name VARCHAR(64) NOT NULL, "
                    + "idempotency_key VARCHAR(200) NOT NULL, "
                    + "state VARCHAR(16) NOT NULL, "
                    + "holder VARCHAR(64) NOT NULL, "
                    + "touched_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                    + "PRIMARY KEY (processor_name, idempotency_key))");
        } catch (DataAccessException e) {
            // Two runners starting together can both try to create it; PostgreSQL then refuses the second.
            jdbcTemplate.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE 1 = 0", Integer.class);
        }
    }

    @Override
    public Claim claim(String key) {
        for (int round = 0; round < 5; round++) {
            try {
                jdbcTemplate.update("INSERT INTO " + TABLE + " (processor_name, idempotency_key, state, holder, touched_at) "
                        + "VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)", processorName, key, IN_FLIGHT, holder);
                held.add(key);
                return Claim.CLAIMED;
            } catch (DataIntegrityViolationException present) {
                // Someone has the key: see in which state.
            }
            List<Row> rows = jdbcTemplate.query("SELECT state, holder, touched_at, CURRENT_TIMESTAMP FROM " + TABLE
                            + " WHERE processor_name = ? AND idempotency_key = ?",
                    (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3), rs.getTimestamp(4)),
                    processorName, key);
            if (rows.isEmpty()) {
                continue; // released between our insert and our look: try again
            }
            Row row = rows.get(0);
            if (ANSWERED.equals(row.state())) {
                return Claim.ANSWERED;
            }
            boolean expired = row.now().getTime() - row.touchedAt().getTime() >= claimExpiry.toMillis();
            if (!expired || holder.equals(row.holder())) {
                return Claim.HELD;
            }
            int taken = jdbcTemplate.update("UPDATE " + TABLE + " SET holder = ?, touched_at = CURRENT_TIMESTAMP "
                            + "WHERE processor_name = ? AND idempotency_key = ? AND state = ? AND holder = ? AND touched_at = ?",
                    holder, processorName, key, IN_FLIGHT, row.holder(), row.touchedAt());
            if (taken == 1) {
                held.add(key);
                return Claim.HOLDER_DIED;
            }
            // Another runner took it over or answered it first: look again.
        }
        return Claim.HELD;
    }

    @Override
    public void answered(String key) {
        held.remove(key);
        int updated = jdbcTemplate.update("UPDATE " + TABLE + " SET state = ?, touched_at = CURRENT_TIMESTAMP "
                + "WHERE processor_name = ? AND idempotency_key = ?", ANSWERED, processorName, key);
        if (updated == 0) {
            try {
                jdbcTemplate.update("INSERT INTO " + TABLE + " (processor_name, idempotency_key, state, holder, touched_at) "
                        + "VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)", processorName, key, ANSWERED, holder);
            } catch (DataIntegrityViolationException raced) {
                answered(key);
            }
        }
    }

    @Override
    public void release(String key) {
        held.remove(key);
        jdbcTemplate.update("DELETE FROM " + TABLE + " WHERE processor_name = ? AND idempotency_key = ? AND holder = ? AND state = ?",
                processorName, key, holder, IN_FLIGHT);
    }

    @Override
    public Duration claimExpiry() {
        return claimExpiry;
    }

    /** Keys this repository holds in flight now. */
    public int heldCount() {
        return held.size();
    }

    private void refreshClaims() {
        try {
            List<Object[]> args = held.stream().map(k -> new Object[] {processorName, k, holder, IN_FLIGHT}).toList();
            if (!args.isEmpty()) {
                jdbcTemplate.batchUpdate("UPDATE " + TABLE + " SET touched_at = CURRENT_TIMESTAMP "
                        + "WHERE processor_name = ? AND idempotency_key = ? AND holder = ? AND state = ?", args);
            }
        } catch (RuntimeException e) {
            // The next beat tries again; a claim only expires after three missed beats.
            log.warn("cannot refresh the in-flight claims: {}", e.getClass().getSimpleName());
        }
    }

    // The IdempotentRepository view, for Camel's own idempotent consumer and the management API.

    @Override
    public boolean add(String key) {
        Claim c = claim(key);
        return c == Claim.CLAIMED || c == Claim.HOLDER_DIED;
    }

    @Override
    public boolean contains(String key) {
        return queryForInt(key) > 0;
    }

    @Override
    public boolean confirm(String key) {
        answered(key);
        return true;
    }

    @Override
    public boolean remove(String key) {
        held.remove(key);
        return delete(key) > 0;
    }

    @Override
    public void clear() {
        held.clear();
        delete();
    }

    /** Answered, or in flight and not expired. */
    @Override
    protected int queryForInt(String key) {
        List<Row> rows = jdbcTemplate.query("SELECT state, holder, touched_at, CURRENT_TIMESTAMP FROM " + TABLE
                        + " WHERE processor_name = ? AND idempotency_key = ?",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3), rs.getTimestamp(4)), processorName, key);
        return rows.isEmpty() || IN_FLIGHT.equals(rows.get(0).state())
                && rows.get(0).now().getTime() - rows.get(0).touchedAt().getTime() >= claimExpiry.toMillis() ? 0 : 1;
    }

    @Override
    protected int insert(String key) {
        return add(key) ? 1 : 0;
    }

    @Override
    protected int delete(String key) {
        return jdbcTemplate.update("DELETE FROM " + TABLE + " WHERE processor_name = ? AND idempotency_key = ?", processorName, key);
    }

    @Override
    protected int delete() {
        return jdbcTemplate.update("DELETE FROM " + TABLE + " WHERE processor_name = ?", processorName);
    }

    @Override
    public String toString() {
        return "JdbcUpdateRepository[processorName=" + processorName + ", claimExpiry=" + claimExpiry + ", held=" + held.size() + "]";
    }

    private record Row(String state, String holder, Timestamp touchedAt, Timestamp now) {
    }
}
