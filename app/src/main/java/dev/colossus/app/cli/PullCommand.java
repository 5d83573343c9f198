package dev.colossus.app.cli;

import dev.colossus.app.UserError;
import dev.colossus.app.download.Downloader;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code colossus pull URL}: downloads a model file with a progress bar, resuming and checking it. */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = "Download a GGUF model over HTTP(S): shows progress, resumes a broken download (run it again), "
                + "checks the size and, with --sha256, the checksum. Prints the file's path when done.")
public final class PullCommand implements Callable<Integer> {

    @Parameters(paramLabel = "URL", description = "http(s) URL of the file.")
    String url;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to save it (default: the URL's file name).")
    Path out;

    @Option(names = "--sha256", paramLabel = "HEX", description = "Expected SHA-256 of the file.")
    String sha256;

    @Override
    public Integer call() throws Exception {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UserError("not a URL: " + url);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new UserError("only http and https URLs can be pulled, got " + url);
        }
        if (sha256 != null && !sha256.strip().matches("[0-9a-fA-F]{64}")) {
            throw new UserError("--sha256 must be 64 hex digits");
        }
        Path target = out != null ? out : Path.of(fileName(uri));
        long size;
        try {
            size = new Downloader(5).download(uri, target, sha256, new Bar(target.getFileName().toString()));
        } catch (Downloader.DownloadException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("download failed: " + e.getMessage() + "; run the same command again to resume");
        }
        System.err.println("colossus pull: saved " + size + " bytes" + (sha256 != null ? ", SHA-256 verified" : ""));
        System.out.println(target);
        return 0;
    }

    private static String fileName(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        String name = URLDecoder.decode(last, StandardCharsets.UTF_8);
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new UserError("cannot tell a file name from " + uri + "; give one with --out");
        }
        return name;
    }

    /** A progress bar on stderr. */
    private static final class Bar implements Downloader.Progress {
        private final String name;
        private ProgressBar bar;

        Bar(String name) {
            this.name = name;
        }

        @Override
        public void start(long total, long offset) {
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUnit("MiB", 1 << 20).showSpeed()
                    .setMaxRenderedLength(100).setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .startsFrom(offset, Duration.ZERO).build();
        }

        @Override
        public void advance(long bytes) {
            bar.stepBy(bytes);
        }

        @Override
        public void finish() {
            bar.close();
        }
    }
}
