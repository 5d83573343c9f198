package dev.colossus.social;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a network keeps its database: SQLite in {@code dataDir/colossus.db} (WAL mode), unless {@code url} names
 * another database by JDBC URL ({@code jdbc:postgresql://HOST:PORT/DB} or {@code jdbc:sqlite:FILE}).
 *
 * @param dataDir  the data directory; created when missing
 * @param url      a JDBC URL, or null for SQLite in the data directory
 * @param user     the database user, or null (or in the URL)
 * @param password the database password, or null (or in the URL)
 */
public record Storage(Path dataDir, String url, String user, String password) {

    /** The SQLite file's name in the data directory when no URL is given. */
    public static final String SQLITE_FILE = "colossus.db";

    public Storage {
        Objects.requireNonNull(dataDir, "dataDir");
    }

    /** SQLite in {@code dataDir/colossus.db}. */
    public static Storage sqlite(Path dataDir) {
        return new Storage(dataDir, null, null, null);
    }

    /** The SQLite file this storage uses, or null for a server database. */
    public Path sqliteFile() {
        if (url == null) return dataDir.resolve(SQLITE_FILE);
        return url.startsWith("jdbc:sqlite:") ? Path.of(url.substring("jdbc:sqlite:".length())) : null;
    }
}
