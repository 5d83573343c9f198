package dev.colossus.social.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh, empty, migrated store for one test, removed on {@link #close()}: a SQLite file in a temporary directory,
 * or a new schema on the real PostgreSQL server of {@link PostgresSchema}.
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

    /** A new schema on the test PostgreSQL server (see {@link PostgresSchema} for when it is skipped). */
    public static TestDatabase postgres() {
        PostgresSchema schema = PostgresSchema.create();
        try {
            return new TestDatabase(Database.open(schema.url(), schema.user(), schema.password()), schema::close);
        } catch (RuntimeException e) {
            schema.close();
            throw e;
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
