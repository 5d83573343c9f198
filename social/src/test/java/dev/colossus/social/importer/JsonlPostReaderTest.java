package dev.colossus.social.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonlPostReaderTest {

    private static final String GOOD = "{\"id\":\"a1\",\"author\":\"alice\",\"text\":\"hello\",\"created_at\":\"2024-05-01T12:00:00Z\"}";

    private record Result(List<ImportedPost> posts, ImportSummary summary) {
        String reasonAt(long line) {
            return summary.rejections().stream().filter(r -> r.line() == line).findFirst().orElseThrow().reason();
        }
    }

    private static Result read(String content) {
        return read(content.getBytes(StandardCharsets.UTF_8), JsonlPostReader.Options.DEFAULT);
    }

    private static Result read(byte[] content, JsonlPostReader.Options options) {
        try (JsonlPostReader r = new JsonlPostReader(new ByteArrayInputStream(content), options)) {
            List<ImportedPost> posts = r.stream().toList();
            return new Result(posts, r.summary());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void validLinesBecomeRecordsWithAllFields() {
        Result r = read(GOOD + "\n"
                + "{\"id\":42,\"author\":\"Bob_2\",\"text\":\"re: hello 👋\",\"created_at\":\"2024-05-01T14:30:00+02:00\",\"reply_to\":\"a1\",\"likes\":12,\"extra\":true}\n");
        assertThat(r.posts()).containsExactly(
                new ImportedPost(1, "a1", "alice", "hello", Instant.parse("2024-05-01T12:00:00Z"), null, 0),
                new ImportedPost(2, "42", "Bob_2", "re: hello 👋", Instant.parse("2024-05-01T12:30:00Z"), "a1", 12));
        assertThat(r.summary().accepted()).isEqualTo(2);
        assertThat(r.summary().rejected()).isZero();
    }

    @Test
    void eachKindOfBadLineIsRejectedWithItsLineNumberAndReason() {
        String file = String.join("\n",
                GOOD,                                                                                           // 1 ok
                "{not json",                                                                                    // 2
                "[1,2,3]",                                                                                      // 3
                "{\"author\":\"x\",\"text\":\"t\",\"created_at\":\"2024-05-01T12:00:00Z\"}",                    // 4 no id
                "{\"id\":\"b\",\"author\":\"bad name!\",\"text\":\"t\",\"created_at\":\"2024-05-01T12:00:00Z\"}", // 5
                "{\"id\":\"c\",\"author\":\"carol\",\"text\":\"t\",\"created_at\":\"yesterday\"}",              // 6
                "{\"id\":\"d\",\"author\":\"carol\",\"text\":\"t\",\"created_at\":\"2024-05-01T12:00:00\"}",    // 7 no zone
                "{\"id\":\"a1\",\"author\":\"carol\",\"text\":\"t\",\"created_at\":\"2024-05-01T12:00:00Z\"}",  // 8 dup
                "{\"id\":\"e\",\"author\":\"carol\",\"text\":\"" + "x".repeat(501) + "\",\"created_at\":\"2024-05-01T12:00:00Z\"}", // 9
                "{\"id\":\"f\",\"author\":\"carol\",\"text\":\"t\",\"created_at\":\"2024-05-01T12:00:00Z\",\"likes\":-3}", // 10
                "{\"id\":\"g\",\"author\":\"carol\",\"text\":\"t\",\"created_at\":\"2024-05-01T12:00:00Z\",\"likes\":\"many\"}", // 11
                "{\"id\":\"h\",\"author\":\"" + "a".repeat(31) + "\",\"text\":\"t\",\"created_at\":\"2024-05-01T12:00:00Z\"}", // 12
                "{\"id\":\"i\",\"author\":\"carol\",\"text\":\"   \",\"created_at\":\"2024-05-01T12:00:00Z\"}",  // 13
                "{\"id\":\"j\",\"author\":\"carol\",\"text\":\"t\",\"created_at\":\"2024-05-01T12:00:00Z\"} trailing", // 14
                "{\"id\":\"k\",\"id\":\"k2\",\"author\":\"carol\",\"text\":\"t\",\"created_at\":\"2024-05-01T12:00:00Z\"}", // 15
                "{\"id\":\"l\",\"author\":\"carol\",\"text\":\"t\",\"created_at\":\"2024-05-01T12:00:00Z\",\"reply_to\":\"l\"}", // 16
                "{\"id\":\"m\",\"author\":\"carol\",\"text\":\"nul\\u0000byte\",\"created_at\":\"2024-05-01T12:00:00Z\"}", // 17
                "{\"id\":\"n\",\"author\":42,\"text\":\"t\",\"created_at\":\"2024-05-01T12:00:00Z\"}",          // 18
                "{\"id\":1.5,\"author\":\"carol\",\"text\":\"t\",\"created_at\":\"2024-05-01T12:00:00Z\"}",     // 19
                "{\"id\":\"o\",\"author\":\"carol\",\"created_at\":\"2024-05-01T12:00:00Z\"}",                  // 20 no text
                "null");                                                                                        // 21
        Result r = read(file);
        assertThat(r.posts()).extracting(ImportedPost::sourceId).containsExactly("a1");
        assertThat(r.summary().lines()).isEqualTo(21);
        assertThat(r.summary().rejected()).isEqualTo(20);
        assertThat(r.reasonAt(2)).startsWith("invalid JSON");
        assertThat(r.reasonAt(3)).isEqualTo("not a JSON object");
        assertThat(r.reasonAt(4)).isEqualTo("missing field \"id\"");
        assertThat(r.reasonAt(5)).contains("invalid username \"bad name!\"");
        assertThat(r.reasonAt(6)).contains("bad created_at \"yesterday\"");
        assertThat(r.reasonAt(7)).contains("bad created_at");
        assertThat(r.reasonAt(8)).isEqualTo("duplicate id \"a1\"");
        assertThat(r.reasonAt(9)).isEqualTo("text has 501 characters, the limit is 500");
        assertThat(r.reasonAt(10)).isEqualTo("likes must not be negative");
        assertThat(r.reasonAt(11)).isEqualTo("likes must be a whole number");
        assertThat(r.reasonAt(12)).contains("invalid username");
        assertThat(r.reasonAt(13)).isEqualTo("text is empty");
        assertThat(r.reasonAt(14)).startsWith("invalid JSON");
        assertThat(r.reasonAt(15)).startsWith("invalid JSON").contains("Duplicate field");
        assertThat(r.reasonAt(16)).isEqualTo("post replies to itself");
        assertThat(r.reasonAt(17)).isEqualTo("text contains control characters");
        assertThat(r.reasonAt(18)).isEqualTo("field \"author\" must be a string");
        assertThat(r.reasonAt(19)).isEqualTo("field \"id\" must be a string or an integer");
        assertThat(r.reasonAt(20)).isEqualTo("missing field \"text\"");
        assertThat(r.reasonAt(21)).isEqualTo("not a JSON object");
    }

    @Test
    void textLengthCountsCodePointsSoEmojiCountOnce() {
        String emoji = "🚀".repeat(500);
        Result r = read("{\"id\":\"a\",\"author\":\"al\",\"text\":\"" + emoji + "\",\"created_at\":\"2024-05-01T12:00:00Z\"}");
        assertThat(r.posts()).hasSize(1);
    }

    @Test
    void aRejectedLineDoesNotReserveItsId() {
        Result r = read("{\"id\":\"a\",\"author\":\"bad name\",\"text\":\"t\",\"created_at\":\"2024-05-01T12:00:00Z\"}\n"
                + "{\"id\":\"a\",\"author\":\"good\",\"text\":\"t\",\"created_at\":\"2024-05-01T12:00:00Z\"}\n");
        assertThat(r.posts()).extracting(ImportedPost::line).containsExactly(2L);
    }

    @Test
    void blankLinesCrlfAndByteOrderMarkAreTolerated() {
        Result r = read("\uFEFF" + GOOD + "\r\n\r\n   \n" + GOOD.replace("a1", "a2") + "\r\n");
        assertThat(r.posts()).extracting(ImportedPost::line).containsExactly(1L, 4L);
        assertThat(r.summary().rejected()).isZero();
    }

    @Test
    void lastLineWithoutNewlineIsRead() {
        assertThat(read(GOOD).posts()).hasSize(1);
        assertThat(read("").posts()).isEmpty();
    }

    @Test
    void overlongLineIsRejectedWithoutBreakingTheNextLine() {
        String huge = "{\"id\":\"big\",\"author\":\"al\",\"text\":\"" + "y".repeat(200_000) + "\",\"created_at\":\"2024-05-01T12:00:00Z\"}";
        Result r = read(huge + "\n" + GOOD + "\n");
        assertThat(r.reasonAt(1)).isEqualTo("line is longer than 65536 bytes");
        assertThat(r.posts()).extracting(ImportedPost::line).containsExactly(2L);
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] good = (GOOD + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        byte[] all = new byte[bad.length + good.length];
        System.arraycopy(bad, 0, all, 0, bad.length);
        System.arraycopy(good, 0, all, bad.length, good.length);
        Result r = read(all, JsonlPostReader.Options.DEFAULT);
        assertThat(r.reasonAt(1)).isEqualTo("not valid UTF-8");
        assertThat(r.posts()).hasSize(1);
    }

    @Test
    void deeplyNestedJsonIsRejectedNotCrashed() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        Result r = read(deep + "\n" + GOOD + "\n");
        assertThat(r.reasonAt(1)).startsWith("invalid JSON");
        assertThat(r.posts()).hasSize(1);
    }

    @Test
    void reasonsNeverEchoControlCharacters() {
        Result r = read("{\"id\":\"a\",\"author\":\"\\u001b[31mevil\",\"text\":\"t\",\"created_at\":\"2024-05-01T12:00:00Z\"}");
        assertThat(r.reasonAt(1)).doesNotContain("\u001b").contains("?[31mevil");
    }

    @Test
    void onlyTheFirstRejectionsAreKeptButAllAreCounted() {
        String bad = "oops\n".repeat(50);
        Result r = read(bad.getBytes(StandardCharsets.UTF_8), new JsonlPostReader.Options(500, String::length, 1024, 10));
        assertThat(r.summary().rejected()).isEqualTo(50);
        assertThat(r.summary().rejections()).hasSize(10).extracting(Rejection::line).startsWith(1L, 2L);
    }

    @Test
    void streamsAFileLargerThanAnyBufferAndCountsBytes() throws IOException {
        int n = 50_000;
        InputStream generated = new InputStream() {
            int line;
            byte[] current = new byte[0];
            int pos;

            @Override
            public int read() {
                if (pos == current.length) {
                    if (line == n) return -1;
                    line++;
                    current = ("{\"id\":\"" + line + "\",\"author\":\"u" + (line % 97) + "\",\"text\":\"post " + line
                            + "\",\"created_at\":\"2024-05-01T12:00:00Z\"}\n").getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                }
                return current[pos++] & 0xFF;
            }
        };
        try (JsonlPostReader r = new JsonlPostReader(generated, JsonlPostReader.Options.DEFAULT)) {
            assertThat(r.stream().count()).isEqualTo(n);
            assertThat(r.summary().rejected()).isZero();
            assertThat(r.bytesRead()).isGreaterThan(n * 60L);
        }
    }
}
