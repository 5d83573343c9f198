package dev.colossus.app.cli;

import dev.colossus.app.Colossus;
import dev.colossus.app.Config;
import dev.colossus.app.UserError;
import dev.colossus.social.importer.ImportSummary;
import dev.colossus.social.importer.JsonlPostReader;
import dev.colossus.social.importer.LoadReport;
import dev.colossus.social.importer.PostImport;
import dev.colossus.social.importer.ReadAhead;
import dev.colossus.social.importer.Rejection;
import dev.colossus.social.service.SearchService;
import dev.colossus.social.text.PostText;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code colossus import FILE.jsonl}: loads posts into the network with the server stopped. Progress goes to stderr,
 * then the rejected lines (number and reason); stdout gets one summary line. The search index is emptied before the
 * store changes and rebuilt afterwards, so search and the store agree even after an interrupted import.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import posts from a JSONL file (one JSON object a line) into the network in DIR.",
                "Line format: {\"id\": \"...\", \"author\": \"username\", \"text\": \"...\", "
                        + "\"created_at\": \"2024-05-01T12:00:00Z\", \"reply_to\": \"id, optional\", \"likes\": 3}",
                "Stop the server first. Posts whose id was imported before are skipped; unknown authors become "
                        + "accounts nobody can log in as. Exit code 0: all lines imported; 1: some lines rejected; "
                        + "2: nothing done (bad file, server running)."})
public final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "Posts to import.")
    Path file;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (env COLOSSUS_DATA, default ./data).")
    Path data;

    @Option(names = "--skip-index", description = "Leave the search index empty; the server rebuilds it when it starts.")
    boolean skipIndex;

    @Override
    public Integer call() throws IOException {
        Config config = Config.fromEnvironment().withDataDir(data);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) throw new UserError("cannot read " + file);
        Path searchDir = config.dataDir().resolve("search");
        PostImport opened;
        try {
            opened = PostImport.open(Colossus.storage(config), searchDir, !skipIndex); // indexes while loading
        } catch (SearchService.IndexInUseException e) {
            throw new UserError("a Colossus server is using " + config.dataDir() + "; stop it before importing");
        }
        LoadReport loaded;
        ImportSummary summary;
        double seconds;
        double cpuSeconds;
        try (PostImport postImport = opened) {
            try (InputStream in = Files.newInputStream(file);
                 JsonlPostReader reader = new JsonlPostReader(in, new JsonlPostReader.Options(config.maxChars(),
                         PostText::length, JsonlPostReader.Options.DEFAULT.maxLineBytes(),
                         JsonlPostReader.Options.DEFAULT.keptRejections()));
                 ProgressBar bar = bar("import", Files.size(file), "MiB", 1 << 20);
                 // Parsing runs on a second thread while the loader writes.
                 ReadAhead<PostImport.Prepared> posts = new ReadAhead<>(reader.stream().map(PostImport::prepare).iterator(), 1000, 16)) {
                long start = System.nanoTime();
                Duration cpuBefore = cpuTime();
                loaded = postImport.load(posts, n -> bar.stepTo(reader.bytesRead()));
                seconds = (System.nanoTime() - start) / 1e9;
                cpuSeconds = (cpuTime().minus(cpuBefore)).toMillis() / 1e3;
                bar.stepTo(reader.bytesRead());
                summary = reader.summary();
            }
            if (!skipIndex) rebuildIndex(postImport);
        }
        report(summary, loaded, seconds, cpuSeconds);
        return summary.rejected() > 0 ? 1 : 0;
    }

    private static void rebuildIndex(PostImport postImport) throws IOException {
        try (ProgressBar bar = bar("index", postImport.postCount(), "posts", 1)) {
            postImport.rebuildIndex((done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done);
            });
        }
    }

    private static ProgressBar bar(String task, long max, String unit, long unitSize) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUnit(unit, unitSize).showSpeed().setMaxRenderedLength(100).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    /** CPU time of the whole process so far (all threads), which a busy shared machine does not inflate. */
    private static Duration cpuTime() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private void report(ImportSummary summary, LoadReport loaded, double seconds, double cpuSeconds) {
        for (Rejection r : summary.rejections()) System.err.println(file.getFileName() + ": " + r);
        long unlisted = summary.rejected() - summary.rejections().size();
        if (unlisted > 0) System.err.printf(Locale.ROOT, "%s: ... and %,d more rejected lines%n", file.getFileName(), unlisted);
        System.out.printf(Locale.ROOT, "imported %,d posts (%,d already present), %,d new accounts, %,d replies threaded, "
                        + "%,d waiting for their parent, %,d of %,d lines rejected, %.1f s (%,.0f posts/s, %.1f CPU s)%n",
                loaded.inserted(), loaded.skipped(), loaded.accountsCreated(), loaded.threaded(), loaded.waiting(),
                summary.rejected(), summary.lines(), seconds, loaded.read() / Math.max(seconds, 1e-9), cpuSeconds);
    }
}
