package dev.colossus.social.store;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A fresh, empty, migrated store for one test, removed on {@link #close()}: a SQLite file in a temporary directory,
 * or a new schema on the real PostgreSQL server named by {@code COLOSSUS_TEST_PG_URL} (with
 * {@code COLOSSUS_TEST_PG_USER} and {@code COLOSSUS_TEST_PG_PASSWORD}). Without that variable the PostgreSQL tests are
 * skipped with a message, or fail when {@code -Dcolossus.pg.required=true} (as CI runs).
 */
public final class TestDatabase implements AutoCloseable {

    private final Database db;
    private final Runnable cleanup;

    private TestDatabase(Database db, Runnable cleanup) {
        this.db = db;
        this.cleanup = cleanup;
    }

    public Database db() {
        return db;
    }

    public static TestDatabase sqlite() {
        try {
            Path dir = Files.createTempDirectory("colossus-store");
            return new TestDatabase(Database.sqlite(dir), () -> deleteTree(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestDatabase postgres() {
        String url = System.getenv("COLOSSUS_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            String why = "no PostgreSQL to test the store on: COLOSSUS_TEST_PG_URL is not set";
            if (Boolean.getBoolean("colossus.pg.required")) throw new AssertionError(why + " (colossus.pg.required=true)");
            Assumptions.abort(why);
        }
        String user = System.getenv("COLOSSUS_TEST_PG_USER");
        String password = System.getenv("COLOSSUS_TEST_PG_PASSWORD");
        String schema = "test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        sql(url, user, password, "CREATE SCHEMA " + schema);
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try {
            return new TestDatabase(Database.open(schemaUrl, user, password),
                    () -> sql(url, user, password, "DROP SCHEMA " + schema + " CASCADE"));
        } catch (RuntimeException e) {
            sql(url, user, password, "DROP SCHEMA " + schema + " CASCADE");
            throw e;
        }
    }

    private static void sql(String url, String user, String password, String statement) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a leftover temporary directory is harmless.
        }
    }

    /** Closes the store and removes its file or schema. */
    @Override
    public void close() {
        db.close();
        cleanup.run();
    }
}
