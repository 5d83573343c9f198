package dev.colossus.social;

import dev.colossus.social.media.MediaAttachment;
import dev.colossus.social.store.SqliteSnapshots;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What backups of a network are made of: consistent copies of its SQLite databases, taken while a server may be using
 * them, and the media files such a copy references. Works on files alone (no open {@link Social} is needed, so a
 * separate process can back up a running server). Stateless and thread-safe.
 */
public final class DatabaseBackup {

    private DatabaseBackup() {
    }

    /**
     * A media file a database copy references.
     *
     * @param path     its path under the media directory, {@code ab/cd/HASH.EXT} (previews {@code HASH-small.EXT})
     * @param attached true when a post uses it; false for an upload not (or no longer) attached, which the server
     *                 deletes, file included, a day after it was left
     */
    public record MediaReference(String path, boolean attached) {
    }

    /**
     * Copies the SQLite database file {@code source} (the network's {@link Storage#SQLITE_FILE} or any other SQLite
     * database of the data directory) to {@code target}, a file that does not exist yet, with SQLite's online backup
     * API in one step: the copy holds exactly the transactions committed before the copy began. A server using the
     * database (WAL mode, as this network's is) keeps reading and writing meanwhile; the source is never created,
     * migrated or written.
     *
     * @throws RuntimeException with a one-line message when the source is missing or not an SQLite database, or the
     *                          target cannot be written
     */
    public static void copySqlite(Path source, Path target) {
        SqliteSnapshots.copy(source, target);
    }

    /**
     * The media files the network database {@code copy} (made by {@link #copySqlite} of {@link Storage#SQLITE_FILE})
     * references: each attachment's file and its preview, once each, in attachment order. Read from the copy, never
     * the live database, so a backup that includes these files has every file its database needs; files the server
     * wrote later may exist too, and are not needed.
     *
     * @throws RuntimeException with a one-line message when {@code copy} is not a network database
     */
    public static List<MediaReference> mediaReferencedBy(Path copy) {
        // A file shared by an attached and an unattached row (equal uploads share one) counts as attached.
        Map<String, Boolean> files = new LinkedHashMap<>();
        for (MediaAttachment m : SqliteSnapshots.media(copy)) {
            files.merge(m.path(), m.postId() != null, Boolean::logicalOr);
            if (m.previewPath() != null) files.merge(m.previewPath(), m.postId() != null, Boolean::logicalOr);
        }
        return files.entrySet().stream().map(e -> new MediaReference(e.getKey(), e.getValue())).toList();
    }
}
