package dev.colossus.app.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one file over HTTP(S) into {@code FILE.part}, resuming a partial download with a {@code Range} request
 * (also after the connection breaks mid-way, up to {@code attempts} times), checks the size the server announced and
 * optionally the SHA-256, and only then renames the file to its final name. A failed check deletes the partial file.
 */
public final class Downloader {

    /** Reports bytes as they arrive: {@code start} once per attempt with the total (or -1) and the resumed offset. */
    public interface Progress {
        void start(long total, long offset);

        void advance(long bytes);

        void finish();
    }

    /** A download that cannot complete; the message says why and what to do. */
    public static final class DownloadException extends IOException {
        public DownloadException(String message) {
            super(message);
        }
    }

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HttpClient http;
    private final int attempts;

    public Downloader(int attempts) {
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        this.attempts = attempts;
    }

    /**
     * Downloads {@code url} to {@code out}.
     *
     * @param sha256 expected SHA-256 in hex, or null
     * @return the final size in bytes
     */
    public long download(URI url, Path out, String sha256, Progress progress) throws IOException, InterruptedException {
        if (Files.exists(out)) throw new DownloadException(out + " already exists; delete it or choose another --out");
        Path part = out.resolveSibling(out.getFileName() + ".part");
        IOException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                long size = fetch(url, part, progress);
                verify(part, size, sha256);
                Files.move(part, out, StandardCopyOption.ATOMIC_MOVE);
                return size;
            } catch (DownloadException e) {
                throw e;
            } catch (IOException e) {
                last = e;
                if (attempt < attempts) Thread.sleep(Math.min(200L * attempt, 2000));
            }
        }
        long kept = Files.exists(part) ? Files.size(part) : 0;
        throw new DownloadException("the download failed " + attempts + " times (" + describe(last) + ")"
                + (kept > 0 ? "; run the same command again to resume from " + kept + " bytes" : ""));
    }

    /** One attempt: continues {@code part} from its current size; returns the total size expected. */
    private long fetch(URI url, Path part, Progress progress) throws IOException, InterruptedException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().header("User-Agent", "colossus-pull");
        if (have > 0) request.header("Range", "bytes=" + have + "-");
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            long total;
            boolean append;
            if (status == 206) {
                Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    throw new IOException("the server resumed at the wrong place; restarting");
                }
                total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
                append = true;
            } else if (status == 200) {
                total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                append = false; // the server ignored the Range header: start over
                have = 0;
            } else if (status == 416 && have > 0) {
                // Nothing left to send: the part file is already complete (or longer than the file).
                Optional<String> range = response.headers().firstValue("Content-Range");
                Matcher m = Pattern.compile("bytes \\*/(\\d+)").matcher(range.orElse(""));
                if (m.matches() && Long.parseLong(m.group(1)) == have) return have;
                Files.delete(part);
                throw new IOException("the partial file did not match the server's; starting over");
            } else {
                throw new DownloadException("the server answered HTTP " + status + " for " + url);
            }
            progress.start(total, have);
            StandardOpenOption[] mode = append
                    ? new StandardOpenOption[]{StandardOpenOption.CREATE, StandardOpenOption.APPEND}
                    : new StandardOpenOption[]{StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE};
            try (OutputStream file = Files.newOutputStream(part, mode)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = body.read(buffer)) > 0) {
                    file.write(buffer, 0, n);
                    progress.advance(n);
                }
            } finally {
                progress.finish();
            }
            return total;
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) return "cannot connect";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void verify(Path part, long expectedSize, String sha256) throws IOException {
        long size = Files.size(part);
        if (expectedSize >= 0 && size != expectedSize) {
            if (size > expectedSize) {
                Files.delete(part);
                throw new DownloadException("the file is larger (" + size + " bytes) than the server said ("
                        + expectedSize + "); deleted it, run again to download afresh");
            }
            throw new IOException("got " + size + " of " + expectedSize + " bytes");
        }
        if (sha256 != null) {
            String actual = sha256(part);
            if (!actual.equalsIgnoreCase(sha256.strip())) {
                Files.delete(part);
                throw new DownloadException("SHA-256 mismatch: expected " + sha256.strip().toLowerCase(Locale.ROOT)
                        + " but the download has " + actual + "; the file was deleted");
            }
        }
    }

    /** The SHA-256 of a file, in lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
