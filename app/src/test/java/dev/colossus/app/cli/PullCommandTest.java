package dev.colossus.app.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.colossus.app.download.Downloader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code colossus pull} against a real local HTTP server that supports (or ignores) Range and can break off. */
class PullCommandTest {

    @TempDir
    Path dir;

    private final byte[] model = new byte[700_000];
    private HttpServer server;
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    /** Responses left that stop after this many bytes (then the connection is dropped). */
    private final AtomicInteger breaks = new AtomicInteger();
    private volatile int breakAfter = 300_000;
    private volatile boolean honourRange = true;
    private volatile boolean alwaysShort = false;

    @BeforeEach
    void start() throws IOException {
        new Random(42).nextBytes(model);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/models/tiny.gguf", this::serve);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "none" : range);
        int from = 0;
        if (range != null && honourRange) {
            from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (model.length - 1) + "/" + model.length);
            ex.sendResponseHeaders(206, model.length - from);
        } else {
            ex.sendResponseHeaders(200, model.length);
        }
        int end = model.length;
        if (breaks.getAndDecrement() > 0 || alwaysShort) end = Math.min(end, from + breakAfter);
        OutputStream out = ex.getResponseBody();
        try {
            out.write(model, from, end - from);
            out.flush();
        } finally {
            // Closing a fixed-length response before all bytes are written drops the connection: the break.
            ex.close();
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/models/tiny.gguf";
    }


    private String sha() throws Exception {
        Path tmp = Files.write(dir.resolve("reference.bin"), model);
        String sha = Downloader.sha256(tmp);
        Files.delete(tmp);
        return sha;
    }

    @Test
    void downloadsVerifiesTheChecksumAndPrintsThePath() throws Exception {
        Path out = dir.resolve("tiny.gguf");
        CliRun r = CliRun.of("pull", url(), "--out", out.toString(), "--sha256", sha());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo(out.toString());
        assertThat(Files.readAllBytes(out)).isEqualTo(model);
        assertThat(r.err()).contains("SHA-256 verified");
        assertThat(Files.exists(dir.resolve("tiny.gguf.part"))).isFalse();
    }

    @Test
    void aConnectionThatBreaksOffIsResumedWithARangeRequest() throws Exception {
        breaks.set(1);
        Path out = dir.resolve("tiny.gguf");
        CliRun r = CliRun.of("pull", url(), "--out", out.toString(), "--sha256", sha());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(model);
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(0)).isEqualTo("none");
        // it resumes from what arrived: at most the bytes sent before the break (the client may lose the last few)
        assertThat(ranges.get(1)).matches("bytes=\\d+-");
        long resumedAt = Long.parseLong(ranges.get(1).replaceAll("\\D", ""));
        assertThat(resumedAt).isBetween(breakAfter / 2L, (long) breakAfter);
    }

    @Test
    void aPartialFileFromAnEarlierRunIsContinuedNotRestarted() throws Exception {
        Path out = dir.resolve("tiny.gguf");
        Files.write(dir.resolve("tiny.gguf.part"), java.util.Arrays.copyOf(model, 123_456));
        CliRun r = CliRun.of("pull", url(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(ranges).containsExactly("bytes=123456-");
        assertThat(Files.readAllBytes(out)).isEqualTo(model);
    }

    @Test
    void aServerThatIgnoresRangeStartsOverAndStillGivesTheRightFile() throws Exception {
        honourRange = false;
        Path out = dir.resolve("tiny.gguf");
        Files.write(dir.resolve("tiny.gguf.part"), new byte[5000]);
        CliRun r = CliRun.of("pull", url(), "--out", out.toString(), "--sha256", sha());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(model);
    }

    @Test
    void aWrongChecksumFailsClearlyAndKeepsNoFile() throws Exception {
        Path out = dir.resolve("tiny.gguf");
        CliRun r = CliRun.of("pull", url(), "--out", out.toString(), "--sha256", "0".repeat(64));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("SHA-256 mismatch").doesNotContain("Exception");
        assertThat(Files.exists(out)).isFalse();
        assertThat(Files.exists(dir.resolve("tiny.gguf.part"))).isFalse();
    }

    @Test
    void aDownloadThatNeverCompletesFailsWithTheSizeAndKeepsThePartForLater() throws Exception {
        alwaysShort = true;
        breakAfter = 100_000;
        Path out = dir.resolve("tiny.gguf");
        CliRun r = CliRun.of("pull", url(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("run the same command again to resume");
        assertThat(Files.exists(out)).isFalse();
        // Five attempts of at most 100,000 bytes each; the HTTP client may drop the last bytes of a broken response
        // that it had not handed over yet, so the part holds up to 500,000 bytes: always a true prefix of the file,
        // and the message offers to resume from exactly its size.
        byte[] part = Files.readAllBytes(dir.resolve("tiny.gguf.part"));
        assertThat(part.length).isBetween(300_001, 500_000); // the attempts appended, not restarted
        assertThat(part).isEqualTo(java.util.Arrays.copyOf(model, part.length));
        assertThat(r.err()).contains("resume from " + part.length + " bytes");
    }
}
