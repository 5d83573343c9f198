package dev.colossus.app.cli;

import dev.colossus.app.backup.BackupException;
import dev.colossus.app.backup.BackupManifest;
import dev.colossus.app.backup.NetworkRestore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code colossus restore FILE --data NEWDIR}: unpacks an archive made by {@code colossus backup} into a new or empty
 * data directory after checking it whole. Progress and notes go to stderr, one summary line to stdout.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a backup archive into a new or empty data directory.",
                "Every file is checked against the SHA-256 in the archive's manifest before anything is kept; a "
                        + "truncated, damaged or altered archive is refused. The server rebuilds the search index when "
                        + "it starts on the directory.",
                "Exit code 0: restored; 1: the archive is refused; 2: bad arguments or a non-empty directory."})
public final class RestoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "An archive written by colossus backup.")
    Path archive;

    @Option(names = "--data", paramLabel = "NEWDIR", required = true,
            description = "The data directory to create (or an empty one).")
    Path data;

    @Override
    public Integer call() {
        BackupManifest manifest;
        try (BackupCommand.Bar bar = new BackupCommand.Bar("restore")) {
            manifest = NetworkRestore.restore(archive, data, bar);
        } catch (IOException e) {
            throw BackupException.io("cannot restore " + archive, e);
        }
        if (!BackupManifest.SQLITE.equals(manifest.database())) {
            System.err.println("this archive holds the media files only (database: " + manifest.database()
                    + "); restore the database with pg_restore before starting the server (README: Backups)");
        }
        long bytes = manifest.files().stream().mapToLong(BackupManifest.Entry::size).sum();
        long media = manifest.files().stream().filter(f -> f.path().startsWith("media/")).count();
        System.out.printf(Locale.ROOT, "restored %s (made %s by %s) into %s: %,d files (%,d media), %.1f MiB; the "
                        + "search index is rebuilt when the server starts%n", archive, manifest.createdAt(),
                manifest.colossusVersion(), data, manifest.files().size(), media, bytes / 1048576.0);
        return 0;
    }
}
