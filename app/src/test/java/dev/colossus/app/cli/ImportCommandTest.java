package dev.colossus.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.app.Colossus;
import dev.colossus.app.Config;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Post;
import dev.colossus.social.service.PostService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ImportCommandTest {


    @TempDir
    Path tmp;

    private Path file(String... lines) throws Exception {
        Path f = Files.createTempFile(tmp, "posts", ".jsonl");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    private Path data() {
        return tmp.resolve("data");
    }

    private Colossus server() {
        return Colossus.start(Config.defaults().withPort(0).withDataDir(data()).withDemo(false, false));
    }

    private static final String[] THREAD = {
            "{\"id\": \"r1\", \"author\": \"bea\", \"text\": \"@ann agreed, the quasar photos are stunning\", "
                    + "\"created_at\": \"2024-05-01T12:05:00Z\", \"reply_to\": \"p1\", \"likes\": 2}",
            "{\"id\": \"p1\", \"author\": \"ann\", \"text\": \"New quasar photos from the observatory #astronomy\", "
                    + "\"created_at\": \"2024-05-01T12:00:00+02:00\", \"likes\": 40}",
            "{\"id\": 3, \"author\": \"cal\", \"text\": \"Unrelated lunch post\", \"created_at\": \"2024-05-02T08:00:00Z\"}"};

    @Test
    void importedPostsKeepTimeLikesAndThreadsAndAreSearchableWhenTheServerStarts() throws Exception {
        CliRun r = CliRun.of("import", file(THREAD).toString(), "--data", data().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("imported 3 posts (0 already present), 3 new accounts, 1 replies threaded")
                .contains("0 of 3 lines rejected");
        assertThat(r.out().lines()).hasSize(1);

        try (Colossus colossus = server()) {
            List<Post> posts = colossus.social().timelines().publicTimeline(null, PageRequest.first(10)).items();
            assertThat(posts).extracting(Post::createdAt).containsExactly(Instant.parse("2024-05-02T08:00:00Z"),
                    Instant.parse("2024-05-01T12:05:00Z"), Instant.parse("2024-05-01T10:00:00Z"));
            Post reply = posts.get(1), parent = posts.get(2);
            assertThat(reply.inReplyToId()).isEqualTo(parent.id());
            assertThat(parent.repliesCount()).isEqualTo(1);
            assertThat(parent.favouritesCount()).isEqualTo(40);
            assertThat(parent.tags()).containsExactly("astronomy");

            JsonNode found = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + colossus.port() + "/api/v2/search?type=statuses&q=quasar")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(found.get("statuses").valueStream().map(n -> n.get("id").asText()))
                    .containsExactlyInAnyOrder(Long.toString(reply.id()), Long.toString(parent.id()));
        }
    }

    @Test
    void importingTheSameFileAgainAddsNoDuplicates() throws Exception {
        Path f = file(THREAD);
        assertThat(CliRun.of("import", f.toString(), "--data", data().toString()).code()).isZero();
        CliRun again = CliRun.of("import", f.toString(), "--data", data().toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("imported 0 posts (3 already present), 0 new accounts");
        try (Colossus colossus = server()) {
            List<Post> posts = colossus.social().timelines().publicTimeline(null, PageRequest.first(10)).items();
            assertThat(posts).hasSize(3);
            assertThat(posts.get(2).repliesCount()).isEqualTo(1);
            assertThat(colossus.search().postCount()).isEqualTo(3);
        }
    }

    @Test
    void withSkipIndexTheServerRebuildsTheIndexOnStart() throws Exception {
        // A post made now: an index that only caught up by id would miss the older imported posts.
        try (Colossus colossus = server()) {
            long dee = colossus.social().accounts().ensure("dee", null, false).id();
            colossus.social().posts().create(dee, null, new PostService.NewPost("fresh", null, null, null, false, null), null);
        }
        CliRun r = CliRun.of("import", file(THREAD).toString(), "--data", data().toString(), "--skip-index");
        assertThat(r.code()).as(r.err()).isZero();
        try (Colossus colossus = server()) {
            assertThat(colossus.search().rebuildReason()).isPresent();
            assertThat(colossus.search().postCount()).isEqualTo(4);
        }
    }

    @Test
    void rejectedLinesAreListedWithTheirNumbersAndReasons() throws Exception {
        Path f = file(THREAD[1], "{\"id\": \"x\", \"author\": \"ann\", \"text\": \"oops\"", "",
                "{\"id\": \"y\", \"author\": \"not a name\", \"text\": \"hi\", \"created_at\": \"2024-05-01T12:00:00Z\"}",
                "{\"id\": \"z\", \"author\": \"ann\", \"text\": \"no date\"}");
        CliRun r = CliRun.of("import", f.toString(), "--data", data().toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(f.getFileName() + ": line 2: invalid JSON")
                .contains("line 4: invalid username \"not a name\"")
                .contains("line 5: missing field \"created_at\"")
                .doesNotContain("line 1:").doesNotContain("line 3:").doesNotContain("Exception");
        assertThat(r.out()).startsWith("imported 1 posts").contains("3 of 5 lines rejected");
    }

    @Test
    void aFileThatIsNotJsonLinesImportsNothingAndSaysWhy() throws Exception {
        Path f = tmp.resolve("posts.csv");
        Files.write(f, new byte[]{'i', 'd', ',', 't', 'e', 'x', 't', '\n', 1, 2, (byte) 0xFF, (byte) 0xFE, '\n'});
        CliRun r = CliRun.of("import", f.toString(), "--data", data().toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("line 1: invalid JSON").contains("line 2: not valid UTF-8");
        assertThat(r.out()).startsWith("imported 0 posts").contains("2 of 2 lines rejected");

        CliRun missing = CliRun.of("import", tmp.resolve("nope.jsonl").toString(), "--data", data().toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("colossus import: cannot read " + tmp.resolve("nope.jsonl"));
    }

    @Test
    void importRefusesWhileAServerUsesTheDataDirectory() throws Exception {
        Path f = file(THREAD);
        try (Colossus ignored = server()) {
            CliRun r = CliRun.of("import", f.toString(), "--data", data().toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo("colossus import: a Colossus server is using " + data()
                    + "; stop it before importing");
            assertThat(ignored.social().timelines().publicTimeline(null, PageRequest.first(10)).items()).isEmpty();
        }
    }
}
