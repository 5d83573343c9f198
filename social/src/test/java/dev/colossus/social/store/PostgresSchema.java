package dev.colossus.social.store;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A new, empty schema on the real PostgreSQL server that {@code COLOSSUS_TEST_PG_URL} names (with
 * {@code COLOSSUS_TEST_PG_USER} and {@code COLOSSUS_TEST_PG_PASSWORD}); {@link #url()} selects it, {@link #close()}
 * drops it. Without that variable the calling test is skipped with a message, or fails when
 * {@code -Dcolossus.pg.required=true} (as CI runs).
 *
 * @param url      a JDBC URL whose current schema is the new one
 * @param user     nullable
 * @param password nullable
 * @param name     the schema's name
 */
public record PostgresSchema(String url, String user, String password, String name) implements AutoCloseable {

    public static PostgresSchema create() {
        String server = System.getenv("COLOSSUS_TEST_PG_URL");
        if (server == null || server.isBlank()) {
            String why = "no PostgreSQL to test on: COLOSSUS_TEST_PG_URL is not set";
            if (Boolean.getBoolean("colossus.pg.required")) throw new AssertionError(why + " (colossus.pg.required=true)");
            Assumptions.abort(why);
        }
        String user = System.getenv("COLOSSUS_TEST_PG_USER");
        String password = System.getenv("COLOSSUS_TEST_PG_PASSWORD");
        String name = "test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute(server, user, password, "CREATE SCHEMA " + name);
        String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name;
        return new PostgresSchema(url, user, password, name);
    }

    private static void execute(String url, String user, String password, String statement) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }

    /** Drops the schema and everything in it (close what uses it first). */
    @Override
    public void close() {
        execute(url, user, password, "DROP SCHEMA " + name + " CASCADE");
    }
}
