package dev.colossus.assistant.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.colossus.social.Storage;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The assistant's own database: its tables (the mention log, stored conversations) migrated by Flyway from
 * {@code classpath:db/assistant} with a history of their own ({@value #HISTORY_TABLE}), never mixed with the
 * network's migrations.
 *
 * <p>With SQLite the tables live in a file of their own ({@value #SQLITE_FILE} in the data directory, WAL mode,
 * synced on commit), so the assistant's writes never wait on the network's single writer. A data directory made
 * before the assistant had its own store keeps its rows: on opening, the assistant's tables still in the network's
 * file are copied into this one and then dropped there (a copy interrupted half-way is completed at the next opening;
 * rows already copied are not copied twice). With PostgreSQL the tables live beside the network's in the same
 * database and schema, where earlier versions made them, so they are simply kept.
 *
 * <p>Every {@link #write} runs in one transaction committed before it returns; with SQLite writes are serialised
 * in-process. SQL errors become {@link AssistantStoreException}. Thread-safe.
 */
public final class AssistantDatabase implements AutoCloseable {

    /** The SQLite file's name in the data directory. */
    public static final String SQLITE_FILE = "assistant.db";
    /** Flyway's history table for the assistant's migrations. */
    public static final String HISTORY_TABLE = "assistant_schema_history";
    /** The assistant's tables with their columns, parents before children. */
    private static final List<String[]> TABLES = List.of(
            new String[]{"assistant_replies", "status_id, author_id, outcome, reply_id, created_at"},
            new String[]{"assistant_conversations", "id, account_id, persona, title, created_at, updated_at"},
            new String[]{"assistant_messages", "id, conversation_id, role, content, citations, created_at"});

    /** Runs SQL on a connection; the connection is lent for the call only. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final HikariDataSource pool;
    private final boolean sqlite;
    private final ReentrantLock writeLock = new ReentrantLock(true);

    private AssistantDatabase(HikariDataSource pool, boolean sqlite) {
        this.pool = pool;
        this.sqlite = sqlite;
        try {
            // baselineOnMigrate: in a server database the network's tables are already there; the baseline (version 0)
            // only marks where this history starts, so every assistant migration still runs.
            Flyway.configure().dataSource(pool).locations("classpath:db/assistant").table(HISTORY_TABLE)
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new AssistantStoreException("cannot migrate the assistant's tables: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the assistant's database beside the network's that {@code storage} names: with SQLite the file
     * {@value #SQLITE_FILE} in its data directory (taking over the assistant's rows from the network's file), with a
     * server database that same database.
     */
    public static AssistantDatabase open(Storage storage) {
        Path networkFile = storage.sqliteFile();
        if (networkFile != null) return sqlite(storage.dataDir().resolve(SQLITE_FILE), networkFile);
        return server(storage.url(), storage.user(), storage.password());
    }

    /**
     * Opens (creating when missing) a SQLite file; when {@code networkFile} (nullable) exists and still holds the
     * assistant's tables from before, their rows move into this file.
     */
    public static AssistantDatabase sqlite(Path file, Path networkFile) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new AssistantStoreException("cannot create the directory of " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setMaximumPoolSize(4);
        hikari.setPoolName("colossus-assistant-sqlite");
        AssistantDatabase db = new AssistantDatabase(new HikariDataSource(hikari), true);
        try {
            if (networkFile != null && Files.isRegularFile(networkFile)) db.takeOverTablesIn(networkFile);
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Opens a server database (PostgreSQL) by JDBC URL; {@code user} and {@code password} may be null. */
    public static AssistantDatabase server(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) config.setUsername(user);
        if (password != null) config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setPoolName("colossus-assistant");
        return new AssistantDatabase(new HikariDataSource(config), false);
    }

    /** True for SQLite. */
    public boolean isSqlite() {
        return sqlite;
    }

    /** Runs read-only work on a pooled connection (auto-commit). */
    public <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new AssistantStoreException("assistant database read failed: " + e.getMessage(), e);
        }
    }

    /** Runs work in one transaction, committed before this returns, rolled back when the work throws. */
    public <T> T write(Work<T> work) {
        if (sqlite) writeLock.lock();
        try (Connection c = pool.getConnection()) {
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
        } catch (SQLException e) {
            throw new AssistantStoreException("assistant database write failed: " + e.getMessage(), e);
        } finally {
            if (sqlite) writeLock.unlock();
        }
    }

    /**
     * Writes a consistent copy of the SQLite database to {@code target} while it is in use (SQLite's online backup);
     * writes wait meanwhile. A server database is backed up with its own tools ({@code pg_dump}).
     *
     * @throws IllegalStateException on a server database
     */
    public void backup(Path target) {
        if (!sqlite) throw new IllegalStateException("a server database is backed up with its own tools (pg_dump)");
        String path = target.toAbsolutePath().toString();
        if (path.contains("\"")) throw new IllegalArgumentException("backup path must not contain '\"': " + path);
        writeLock.lock();
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("backup to \"" + path + "\"");
        } catch (SQLException e) {
            throw new AssistantStoreException("backup of the assistant database failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Moves the assistant's tables left in the network's SQLite file (made there by earlier versions) into this one:
     * copies their rows (skipping rows already copied) in one transaction, then drops them there in another.
     */
    private void takeOverTablesIn(Path networkFile) {
        writeLock.lock();
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement attach = c.prepareStatement("ATTACH DATABASE ? AS network")) {
                attach.setString(1, networkFile.toAbsolutePath().toString());
                attach.execute();
            }
            try {
                List<String[]> present = new ArrayList<>();
                for (String[] table : TABLES) {
                    if (exists(c, table[0])) present.add(table);
                }
                if (present.isEmpty()) return;
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    for (String[] t : present) {
                        st.executeUpdate("INSERT OR IGNORE INTO main." + t[0] + " (" + t[1] + ") SELECT " + t[1]
                                + " FROM network." + t[0]);
                    }
                    c.commit();
                    for (String[] t : present.reversed()) st.executeUpdate("DROP TABLE network." + t[0]);
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("DETACH DATABASE network");
                }
            }
        } catch (SQLException e) {
            throw new AssistantStoreException("cannot move the assistant's tables out of " + networkFile + ": "
                    + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM network.sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
