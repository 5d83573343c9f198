package dev.colossus.app.backup;

import dev.colossus.app.Config;
import dev.colossus.app.UserError;
import dev.colossus.social.DatabaseBackup;
import dev.colossus.social.Storage;
import dev.colossus.social.media.MediaFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Backs up a network's data directory into one archive while a server may be running on it. First every SQLite
 * database of the directory (the network's {@code colossus.db}, and any other {@code *.db}, such as the assistant's) is
 * copied through SQLite's online backup API, the network's first; then come the media files the network's copy
 * references, which exist by then because a file is written before its row. Media uploaded after the copy are left
 * out; the search index is left out too (a server rebuilds it). With a server database (PostgreSQL) the database is
 * not in the archive, only every media file present: the database is dumped with its own tools first.
 */
public final class NetworkBackup {

    /** The media directory's name in a data directory and in an archive. */
    public static final String MEDIA = Config.MEDIA_FOLDER;
    /** The size from which copying a database is announced with a line. */
    private static final long BIG_DATABASE = 64L << 20;

    private NetworkBackup() {
    }

    /**
     * What a backup holds.
     *
     * @param manifest     the archive's manifest
     * @param databases    SQLite databases included
     * @param mediaFiles   media files included
     * @param mediaSkipped uploads referenced by no post whose files the server deleted during the backup (their rows
     *                     go when the server next cleans up)
     */
    public record Result(BackupManifest manifest, int databases, int mediaFiles, int mediaSkipped) {
        /** Bytes of the included files. */
        public long bytes() {
            return manifest.files().stream().mapToLong(BackupManifest.Entry::size).sum();
        }
    }

    /**
     * Writes the backup of the network in {@code storage} to {@code out} (replacing it only once the new archive is
     * complete).
     *
     * @param version the Colossus that makes it, recorded in the manifest
     * @throws UserError       when the data directory holds no network or {@code out} cannot be written
     * @throws BackupException when a file the database copy needs is missing
     */
    public static Result create(Storage storage, Path out, String version, Clock clock, Progress listener)
            throws IOException {
        Path dataDir = storage.dataDir();
        Path networkDb = storage.sqliteFile();
        if (!Files.isDirectory(dataDir)) throw new UserError("no data directory at " + dataDir);
        if (networkDb != null && !Files.isRegularFile(networkDb)) throw new UserError("no network database at " + networkDb);
        if (Files.isDirectory(out)) throw new UserError(out + " is a directory; name the archive file to write");
        Path outDir = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(outDir)) throw new UserError("no directory " + outDir + " for " + out);
        Path scratch = Files.createTempDirectory(outDir, ".colossus-backup-");
        try (ArchiveWriter archive = new ArchiveWriter(out, listener::progress)) {
            List<Path> copies = new ArrayList<>();
            List<DatabaseBackup.MediaReference> media;
            String database;
            if (networkDb != null) {
                Path copy = scratch.resolve(Storage.SQLITE_FILE);
                copy(networkDb, copy, listener);
                copies.add(copy);
                media = DatabaseBackup.mediaReferencedBy(copy);
                database = BackupManifest.SQLITE;
            } else {
                database = serverName(storage) + ", dumped separately with pg_dump";
                listener.note("the database is " + serverName(storage) + ": this archive holds the media files only; "
                        + "dump the database with pg_dump first (README: Backups)");
                media = allMedia(dataDir.resolve(MEDIA));
            }
            for (Path other : otherDatabases(dataDir, networkDb)) {
                Path copy = scratch.resolve(other.getFileName().toString());
                copy(other, copy, listener);
                copies.add(copy);
            }
            List<Path> mediaFiles = new ArrayList<>();
            int skipped = 0;
            long total = 0;
            for (Path copy : copies) total += Files.size(copy);
            for (DatabaseBackup.MediaReference m : media) {
                Path file = dataDir.resolve(MEDIA).resolve(m.path());
                if (Files.isRegularFile(file)) {
                    mediaFiles.add(file);
                    total += Files.size(file);
                } else if (m.attached()) {
                    throw new BackupException("the media file " + file + ", which a post uses, is missing");
                } else {
                    skipped++;
                }
            }
            listener.total(total);
            for (Path copy : copies) archive.add(copy.getFileName().toString(), copy, true);
            Path mediaDir = dataDir.resolve(MEDIA);
            for (Path file : mediaFiles) archive.add(MEDIA + "/" + slashes(mediaDir.relativize(file)), file, false);
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, Instant.now(clock).toString(), version,
                    database, archive.entries());
            archive.commit(manifest);
            return new Result(manifest, copies.size(), mediaFiles.size(), skipped);
        } finally {
            deleteTree(scratch);
        }
    }

    /** Copies one database, saying so first when it is big (the copy is one step, without progress of its own). */
    private static void copy(Path database, Path copy, Progress listener) throws IOException {
        long size = Files.size(database);
        if (size >= BIG_DATABASE) {
            listener.note(String.format(Locale.ROOT, "copying %s (%.0f MiB)", database.getFileName(), size / 1048576.0));
        }
        DatabaseBackup.copySqlite(database, copy);
    }

    /**
     * The other SQLite databases of the data directory: its {@code *.db} files, except the network's own (and a
     * {@code colossus.db} that is not the network's, whose name the network's copy takes in the archive).
     */
    private static List<Path> otherDatabases(Path dataDir, Path networkDb) throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".db") && Files.isRegularFile(f))
                    .filter(f -> networkDb == null || !(sameFile(f, networkDb)
                            || f.getFileName().toString().equals(Storage.SQLITE_FILE)))
                    .sorted().toList();
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Every media file in the directory, for a backup with no database copy to say which are used. */
    private static List<DatabaseBackup.MediaReference> allMedia(Path mediaDir) throws IOException {
        if (!Files.isDirectory(mediaDir)) return List.of();
        try (Stream<Path> files = Files.walk(mediaDir)) {
            return files.filter(Files::isRegularFile).map(f -> slashes(mediaDir.relativize(f)))
                    .filter(MediaFiles::isValidPath).sorted()
                    .map(p -> new DatabaseBackup.MediaReference(p, true)).toList();
        }
    }

    private static String serverName(Storage storage) {
        String url = storage.url();
        return url.startsWith("jdbc:postgresql:") ? "PostgreSQL" : url.replaceFirst("^jdbc:([a-z0-9]+):.*", "$1");
    }

    static String slashes(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
