package dev.colossus.social.store;

import dev.colossus.social.StoreException;
import dev.colossus.social.media.MediaAttachment;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Consistent copies of SQLite databases through SQLite's online backup API, and reads of such a copy. Stateless;
 * each call opens and closes its own connection.
 */
public final class SqliteSnapshots {

    /** SQLite's result code for success. */
    private static final int SQLITE_OK = 0;
    /** How long each retry waits while the source is busy, and how many retries are made (10 s in all). */
    private static final int BUSY_SLEEP_MS = 100;
    private static final int BUSY_RETRIES = 100;
    /** Copy every page in one step: a copy made in several steps restarts whenever another process writes. */
    private static final int ALL_PAGES = -1;

    private SqliteSnapshots() {
    }

    /**
     * Copies the database at {@code source} into {@code target} (a new or empty file) in one backup step, so the copy
     * holds every transaction committed before the step began and none after. In WAL mode, writers in other
     * connections and processes go on meanwhile. The source is never created, migrated or written.
     *
     * @throws StoreException when the source is missing or not an SQLite database, or the target cannot be written
     */
    public static void copy(Path source, Path target) {
        if (!Files.isRegularFile(source)) throw new StoreException("no SQLite database at " + source, null);
        try (Connection c = open(source, false)) {
            int rc = ((SQLiteConnection) c).getDatabase().backup("main", target.toAbsolutePath().toString(), null,
                    BUSY_SLEEP_MS, BUSY_RETRIES, ALL_PAGES);
            if (rc != SQLITE_OK) throw new StoreException("cannot copy " + source + ": SQLite error " + rc, null);
        } catch (SQLException e) {
            throw new StoreException("cannot copy " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every media attachment recorded in the network database at {@code file} (a copy made by {@link #copy}), read
     * without writing to it.
     *
     * @throws StoreException when the file is not a network database
     */
    public static List<MediaAttachment> media(Path file) {
        if (!Files.isRegularFile(file)) throw new StoreException("no SQLite database at " + file, null);
        try (Connection c = open(file, true)) {
            return MediaRows.all(c);
        } catch (SQLException e) {
            throw new StoreException("cannot read the media of " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection open(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.setReadOnly(readOnly);
        config.setBusyTimeout(10_000);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }
}
