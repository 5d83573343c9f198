package dev.colossus.social.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.colossus.social.DatabasePool;
import dev.colossus.social.Storage;
import dev.colossus.social.StoreException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The network's relational store: SQLite by default (one file in the data directory, WAL mode), or any JDBC URL
 * (PostgreSQL) given to {@link #open(String, String, String)}. The schema is migrated with Flyway on open.
 *
 * <p>Every {@link #write} runs in one transaction that is committed before it returns: with SQLite the journal is
 * synced on commit ({@code synchronous=FULL}), so a write that returned survives a crash of the process or machine.
 * SQLite allows one writer at a time, so writes are serialised in-process (no busy retries), and the writes waiting
 * at a moment share one commit and its sync; reads run concurrently on pooled connections. Thread-safe.
 */
public final class Database implements AutoCloseable {

    /** Runs of one write on a server database before a conflict is given up on. */
    private static final int MAX_ATTEMPTS = 4;

    private final HikariDataSource pool;
    private final boolean sqlite;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final GroupCommit groups;
    private final AtomicLong version = new AtomicLong();

    private Database(HikariDataSource pool, boolean sqlite) {
        this.pool = pool;
        this.sqlite = sqlite;
        // Migrations that left this history (the assistant's tables, V4 and V5, now migrated by the assistant's own
        // store) stay recorded in databases made before: they are missing here on purpose.
        Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                .ignoreMigrationPatterns("*:future", "*:missing").load().migrate();
        this.groups = sqlite ? new GroupCommit(pool, writeLock) : null;
    }

    /** Opens the database {@code storage} names (SQLite in its data directory unless it has a URL). */
    public static Database open(Storage storage) {
        return storage.url() == null ? sqlite(storage.dataDir())
                : open(storage.url(), storage.user(), storage.password());
    }

    /** Opens (creating when missing) {@code dataDir/colossus.db}. */
    public static Database sqlite(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        return openSqlite("jdbc:sqlite:" + dataDir.resolve(Storage.SQLITE_FILE).toAbsolutePath());
    }

    /**
     * Opens a database by JDBC URL: {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://HOST/DB}
     * ({@code user} and {@code password} may be null when the URL carries them).
     */
    public static Database open(String jdbcUrl, String user, String password) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) return openSqlite(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) config.setUsername(user);
        if (password != null) config.setPassword(password);
        config.setMaximumPoolSize(16);
        config.setPoolName("colossus-db");
        return new Database(new HikariDataSource(config), false);
    }

    private static Database openSqlite(String url) {
        SQLiteConfig sqliteConfig = new SQLiteConfig();
        sqliteConfig.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqliteConfig.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqliteConfig.setBusyTimeout(10_000);
        sqliteConfig.setTempStore(SQLiteConfig.TempStore.MEMORY);
        sqliteConfig.setCacheSize(-32_000);
        // Reads map the file instead of copying each page into every pooled connection's own cache: a page read by
        // one connection is there for all, and reading it costs no system call (timeline pages seek in hundreds of
        // index pages). SQLite caps the size at what it was built for (2 GB); the rest of a larger file is read.
        sqliteConfig.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(1L << 31));
        SQLiteDataSource source = new SQLiteDataSource(sqliteConfig);
        source.setUrl(url);
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setMaximumPoolSize(8);
        config.setPoolName("colossus-sqlite");
        return new Database(new HikariDataSource(config), true);
    }

    /** True for the embedded SQLite store (bulk loads may then use SQLite-only speed-ups). */
    public boolean isSqlite() {
        return sqlite;
    }

    /**
     * A number that changes after every write through this object, by the time {@link #write} or {@link #bulk}
     * returns (also when it failed, as it may have committed in part). A reader that takes it before reading and
     * finds it unchanged later knows its result still stands: what caches of rendered reads check. Writes by other
     * processes sharing a server database are not seen.
     */
    public long version() {
        return version.get();
    }

    /** Runs read-only work on a pooled connection (auto-commit); SQL errors become {@link StoreException}. */
    public <T> T read(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs work in one transaction, committed before this returns (rolled back when the work throws; the exception
     * is rethrown, SQL errors as {@link StoreException}).
     *
     * <p>With SQLite, concurrent writes share a commit ({@link GroupCommit}): each still runs alone, in a savepoint,
     * on the committing thread, so work must not start another write.
     *
     * <p>On a server database concurrent writers are not serialised, so two transactions may each check that a row
     * is absent and both insert it, or deadlock on the same rows. When one fails with a unique-key violation, a
     * serialisation failure or a deadlock, it is run again (a few times): work must therefore read what it checks
     * inside the transaction, as check-then-insert work does; the retry then sees the other's committed row.
     */
    public <T> T write(SqlWork<T> work) {
        try {
            if (sqlite) return groups.write(work);
            for (int attempt = 1; ; attempt++) {
                try {
                    return writeOnce(work);
                } catch (StoreException e) {
                    if (attempt >= MAX_ATTEMPTS || !(e.getCause() instanceof SQLException sql) || !retryable(sql)) {
                        throw e;
                    }
                }
            }
        } finally {
            version.incrementAndGet();
        }
    }

    /**
     * Whether a failure of {@link #write} was a broken constraint (SQLSTATE class 23): a row another process
     * inserted between this transaction's check and its own insert, for example.
     */
    public static boolean isConstraintViolation(StoreException e) {
        return e.getCause() instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23");
    }

    /** Unique violation, serialisation failure, deadlock (PostgreSQL's SQLSTATEs). */
    private static boolean retryable(SQLException e) {
        return switch (String.valueOf(e.getSQLState())) {
            case "23505", "40001", "40P01" -> true;
            default -> false;
        };
    }

    private <T> T writeOnce(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return inTransaction(c, work);
        } catch (SQLException e) {
            throw new StoreException("database write failed: " + e.getMessage(), e);
        }
    }

    /** Runs work with auto-commit off: committed when it returns, rolled back when it throws. */
    private static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Runs a bulk load (an import, the demo seed) on one connection under the write lock. Auto-commit is off and the
     * work commits as it goes, so a load of millions of rows holds no single huge transaction. With SQLite the load
     * trades durability for speed until it returns: commits skip fsync ({@code synchronous=OFF}) and the page cache
     * grows to 256 MB; afterwards the settings are restored, the query planner's statistics refreshed
     * ({@code ANALYZE}) and the WAL checkpointed into the database file with a sync. A crash mid-load may lose the
     * load's last commits (never earlier data), so use it only for loads that can be run again. Uncommitted work is
     * rolled back when the work throws.
     */
    public <T> T bulk(SqlWork<T> work) {
        writeLock.lock();
        try (Connection c = pool.getConnection()) {
            if (sqlite) pragmas(c, "PRAGMA synchronous = OFF", "PRAGMA cache_size = -256000");
            try {
                return inTransaction(c, work);
            } finally {
                // ANALYZE: without statistics SQLite reads "reblog_of_id IS NULL" through its index, scanning every post.
                if (sqlite) pragmas(c, "PRAGMA synchronous = FULL", "PRAGMA cache_size = -32000", "ANALYZE",
                        "PRAGMA wal_checkpoint(TRUNCATE)");
            }
        } catch (SQLException e) {
            throw new StoreException("bulk load failed: " + e.getMessage(), e);
        } finally {
            version.incrementAndGet();
            writeLock.unlock();
        }
    }

    /**
     * Checks that the database answers one cheap query ({@code SELECT 1}) on a pooled connection.
     *
     * @throws StoreException when it does not, with the driver's reason
     */
    public void check() {
        read(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT 1");
            }
            return null;
        });
    }

    /** The connection pool now: connections in use and idle, threads waiting, and its size limit. */
    public DatabasePool pool() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        int max = pool.getMaximumPoolSize();
        return bean == null ? new DatabasePool(0, 0, 0, max)
                : new DatabasePool(bean.getActiveConnections(), bean.getIdleConnections(),
                        bean.getThreadsAwaitingConnection(), max);
    }

    private static void pragmas(Connection c, String... pragmas) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String p : pragmas) st.execute(p);
        }
    }

    @Override
    public void close() {
        if (groups != null) groups.close();
        pool.close();
    }
}
