package dev.colossus.app.cli;

import dev.colossus.app.Colossus;
import dev.colossus.app.Config;
import dev.colossus.app.Main;
import dev.colossus.app.backup.BackupException;
import dev.colossus.app.backup.NetworkBackup;
import dev.colossus.app.backup.Progress;
import dev.colossus.social.Storage;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code colossus backup --out FILE}: one archive of the network in DIR (databases through SQLite's online backup
 * API, then the media files they use), made while a server may be running. Progress and notes go to stderr, one summary
 * line to stdout.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Back up the network in DIR into one archive (ZIP with a manifest of sizes and SHA-256), "
                + "also while the server runs.",
                "Included: every SQLite database of DIR as of one moment, and the media files they use. Not included: "
                        + "the search index (rebuilt on start). With PostgreSQL only the media files are included: "
                        + "dump the database with pg_dump first.",
                "Exit code 0: archive written; 1: backup failed; 2: bad arguments or data directory."})
public final class BackupCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (env COLOSSUS_DATA, default ./data).")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "The archive to write (replaced only once the new one is complete).")
    Path out;

    @Override
    public Integer call() {
        Storage storage = Colossus.storage(Config.fromEnvironment().withDataDir(data));
        long start = System.nanoTime();
        NetworkBackup.Result result;
        try (Bar bar = new Bar("backup")) {
            result = NetworkBackup.create(storage, out, version(), Clock.systemUTC(), bar);
        } catch (IOException e) {
            throw BackupException.io("cannot back up " + storage.dataDir(), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result.mediaSkipped() > 0) {
            System.err.printf(Locale.ROOT, "%,d uploads that no post uses were deleted by the server meanwhile and are "
                    + "left out%n", result.mediaSkipped());
        }
        System.out.printf(Locale.ROOT, "wrote %s: %d database%s, %,d media files, %.1f MiB in %.1f s%n", out,
                result.databases(), result.databases() == 1 ? "" : "s", result.mediaFiles(),
                result.bytes() / 1048576.0, seconds);
        return 0;
    }

    /** The Colossus version the manifest records: the one {@code colossus --version} prints. */
    private static String version() {
        return Main.class.getAnnotation(Command.class).version()[0];
    }

    /**
     * A progress bar on stderr in MiB, shown once the total is known to be at least {@value #SHOWN_FROM_MIB} MiB
     * (smaller jobs take a moment); notes are printed as lines.
     */
    static final class Bar implements Progress, AutoCloseable {
        static final int SHOWN_FROM_MIB = 64;
        private final String task;
        private ProgressBar bar;

        Bar(String task) {
            this.task = task;
        }

        @Override
        public void note(String line) {
            System.err.println(line);
        }

        @Override
        public void total(long bytes) {
            if (bytes < SHOWN_FROM_MIB * 1048576L) return;
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(bytes).setStyle(ProgressBarStyle.ASCII)
                    .setUnit("MiB", 1 << 20).showSpeed().setMaxRenderedLength(100).setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }

        @Override
        public void progress(long bytes) {
            if (bar != null) bar.stepTo(bytes);
        }

        @Override
        public void close() {
            if (bar != null) bar.close();
        }
    }
}
