package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.app.Colossus;
import dev.colossus.app.Config;
import dev.colossus.social.importer.ImportedPost;
import dev.colossus.social.importer.PostImport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TrendApiTest {

    private static final long HOUR = 3_600_000L;
    private TestServer server;

    /** Points the server at the database under test: the default store (SQLite in the data directory) here. */
    Config database(Config config) {
        return config;
    }

    /** Called once a test's server has stopped (to remove its database). */
    void afterServer() {
    }

    @BeforeEach
    void start() {
        server = new TestServer(this::database);
    }

    @AfterEach
    void stop() {
        server.close();
        afterServer();
    }

    /** Stops the server and starts a new one over the same data (tokens and posts survive). */
    private void restart() {
        server.stopKeepingData();
        server = new TestServer(server.dir, this::database);
    }

    private List<TestServer.User> users(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> server.signUp(prefix + i)).toList();
    }

    private static List<String> names(JsonNode tags) {
        List<String> out = new ArrayList<>();
        tags.forEach(t -> out.add(t.get("name").asText()));
        return out;
    }

    private JsonNode get(String path, String token) {
        TestServer.Response r = server.get(path, token);
        assertThat(r.status()).as(path + ": " + r.raw().body()).isEqualTo(200);
        return r.json();
    }

    private void favourite(TestServer.User who, String postId) {
        assertThat(server.post("/api/v1/statuses/" + postId + "/favourite", who.token(), Map.of()).status()).isEqualTo(200);
    }

    /** A post's author and creation time, for counting the expected history. */
    private record Use(long account, long atMs) {
    }

    @Test
    void aTagManyAccountsUseNowOutranksATagWithASteadyBaselineAndHistoryCountsEachDay() throws Exception {
        List<TestServer.User> people = users("person", 6);
        // #coffee: one post an hour for the past week (imported with the server stopped), so its usual rate over the
        // last four hours is four accounts.
        List<Use> coffee = new ArrayList<>();
        long now = System.currentTimeMillis();
        List<PostImport.Prepared> week = new ArrayList<>();
        for (int k = 4; k <= 167; k++) {
            long at = now - k * HOUR;
            TestServer.User author = people.get(k % 3);
            week.add(PostImport.prepare(new ImportedPost(k, "coffee-" + k, author.username(), "morning #coffee",
                    Instant.ofEpochMilli(at), null, 0)));
            coffee.add(new Use(Long.parseLong(author.id()), at));
        }
        server.stopKeepingData();
        Config stopped = database(Config.defaults().withDataDir(server.dir));
        try (PostImport load = PostImport.open(Colossus.storage(stopped), server.dir.resolve("search"))) {
            load.load(week.iterator(), n -> { });
        }
        server = new TestServer(server.dir, this::database); // the week is replayed from the store
        // Now six accounts post #coffee (more than usual, by a little) and three post #Eclipse (never seen before).
        for (TestServer.User u : people) {
            JsonNode post = server.status(u, "another #coffee");
            coffee.add(new Use(Long.parseLong(u.id()), Instant.parse(post.get("created_at").asText()).toEpochMilli()));
        }
        List<Use> eclipse = new ArrayList<>();
        for (TestServer.User u : people.subList(3, 6)) {
            JsonNode post = server.status(u, "look up! #Eclipse");
            eclipse.add(new Use(Long.parseLong(u.id()), Instant.parse(post.get("created_at").asText()).toEpochMilli()));
        }
        server.status(people.getFirst(), "quiet #unlisted_tag", "visibility", "unlisted");
        server.status(people.get(1), "quiet #unlisted_tag", "visibility", "unlisted");

        JsonNode tags = get("/api/v1/trends/tags", null);
        assertThat(names(tags)).containsExactly("eclipse", "coffee");
        assertThat(tags.get(0).get("url").asText()).isEqualTo(server.base + "/tags/eclipse");
        assertHistory(tags.get(0).get("history"), eclipse);
        assertHistory(tags.get(1).get("history"), coffee);
        assertThat(get("/api/v1/trends", null)).isEqualTo(tags);
    }

    /** Seven days, newest (today, UTC) first, each counting the uses and distinct accounts that fell in it. */
    private static void assertHistory(JsonNode history, List<Use> uses) {
        assertThat(history).hasSize(7);
        long today = Math.floorDiv(System.currentTimeMillis(), 86_400_000L) * 86_400L;
        for (int i = 0; i < 7; i++) {
            JsonNode day = history.get(i);
            long start = today - i * 86_400L;
            assertThat(day.get("day").isTextual()).isTrue();
            assertThat(day.get("day").asText()).isEqualTo(Long.toString(start));
            List<Use> in = uses.stream().filter(u -> Math.floorDiv(u.atMs(), 1000L) >= start
                    && Math.floorDiv(u.atMs(), 1000L) < start + 86_400L).toList();
            Set<Long> accounts = in.stream().map(Use::account).collect(Collectors.toSet());
            assertThat(day.get("uses").asText()).as("uses on day " + i).isEqualTo(Integer.toString(in.size()));
            assertThat(day.get("accounts").asText()).as("accounts on day " + i).isEqualTo(Integer.toString(accounts.size()));
        }
    }

    @Test
    void statusesTrendByHowManyAccountsEngagedAndADeletedPostLeaves() {
        TestServer.User ann = server.signUp("ann");
        List<TestServer.User> fans = users("fan", 3);
        String most = server.status(ann, "liked by three").get("id").asText();
        String second = server.status(ann, "liked and reblogged").get("id").asText();
        String lonely = server.status(ann, "liked by one").get("id").asText();
        String unlisted = server.status(ann, "liked but unlisted", "visibility", "unlisted").get("id").asText();
        for (TestServer.User f : fans) {
            favourite(f, most);
            favourite(f, unlisted);
        }
        favourite(fans.get(0), most); // again: idempotent, still one account
        assertThat(server.post("/api/v1/statuses/" + second + "/reblog", fans.get(0).token(), Map.of()).status()).isEqualTo(200);
        favourite(fans.get(1), second);
        favourite(fans.get(2), lonely);

        JsonNode trending = get("/api/v1/trends/statuses", null);
        assertThat(TestServer.ids(trending)).containsExactly(most, second);
        assertThat(trending.get(0).get("content").asText()).contains("liked by three");
        assertThat(trending.get(0).get("account").get("id").asText()).isEqualTo(ann.id());
        assertThat(trending.get(0).get("favourites_count").asInt()).isEqualTo(3);
        assertThat(get("/api/v1/trends/statuses", fans.get(0).token()).get(0).get("favourited").asBoolean()).isTrue();
        assertThat(TestServer.ids(get("/api/v1/trends/statuses?limit=1", null))).containsExactly(most);
        assertThat(TestServer.ids(get("/api/v1/trends/statuses?offset=1", null))).containsExactly(second);

        assertThat(server.send("DELETE", "/api/v1/statuses/" + most, ann.token(), null, null, Map.of()).status()).isEqualTo(200);
        assertThat(TestServer.ids(get("/api/v1/trends/statuses", null))).containsExactly(second);
    }

    @Test
    void trendsSurviveARestart() {
        List<TestServer.User> people = users("member", 3);
        String post = server.status(people.get(0), "countdown #Launch").get("id").asText();
        server.status(people.get(1), "go #launch go");
        String doomed = server.status(people.get(0), "soon gone").get("id").asText();
        for (TestServer.User u : people.subList(1, 3)) {
            favourite(u, post);
            favourite(u, doomed);
        }
        server.send("DELETE", "/api/v1/statuses/" + doomed, people.get(0).token(), null, null, Map.of());
        JsonNode tagsBefore = get("/api/v1/trends/tags", null);
        assertThat(names(tagsBefore)).containsExactly("launch");
        assertThat(TestServer.ids(get("/api/v1/trends/statuses", null))).containsExactly(post);

        restart();

        JsonNode tags = get("/api/v1/trends/tags", null);
        assertThat(names(tags)).containsExactly("launch");
        // The replay counts what the live events counted.
        assertThat(tags.get(0).get("history")).isEqualTo(tagsBefore.get(0).get("history"));
        assertThat(tags.get(0).get("history").get(0).get("uses").asText()).isEqualTo("2");
        assertThat(tags.get(0).get("history").get(0).get("accounts").asText()).isEqualTo("2");
        assertThat(TestServer.ids(get("/api/v1/trends/statuses", null))).containsExactly(post);
    }

    @Test
    void limitAndOffsetPageTheTrendsAndBadValuesAre422() {
        // 25 tags, each used by two accounts, and 45 posts, each liked by two accounts.
        List<TestServer.User> people = users("pager", 2);
        String manyTags = IntStream.range(0, 25).mapToObj(i -> "#t" + i).collect(Collectors.joining(" "));
        for (TestServer.User u : people) server.status(u, manyTags);
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            String id = server.status(people.getFirst(), "post " + i).get("id").asText();
            for (TestServer.User u : people) favourite(u, id);
            posts.add(id);
        }

        assertThat(get("/api/v1/trends/tags", null)).hasSize(10);
        assertThat(get("/api/v1/trends/tags?limit=1000", null)).hasSize(20);
        Set<String> seen = new HashSet<>(names(get("/api/v1/trends/tags?limit=20", null)));
        JsonNode rest = get("/api/v1/trends/tags?offset=20&limit=20", null);
        assertThat(rest).hasSize(5);
        names(rest).forEach(n -> assertThat(seen.add(n)).as("page overlap on " + n).isTrue());
        assertThat(seen).hasSize(25);
        assertThat(get("/api/v1/trends/tags?offset=2147483647&limit=20", null)).isEmpty();

        assertThat(get("/api/v1/trends/statuses", null)).hasSize(20);
        JsonNode all = get("/api/v1/trends/statuses?limit=50", null);
        assertThat(all).hasSize(40);
        assertThat(TestServer.ids(get("/api/v1/trends/statuses?offset=3&limit=2", null)))
                .containsExactlyElementsOf(TestServer.ids(all).subList(3, 5));
        assertThat(posts).containsAll(TestServer.ids(all));

        for (String bad : List.of("tags?limit=0", "tags?limit=ten", "tags?offset=-1", "tags?offset=1.5",
                "statuses?limit=-3", "statuses?offset=x", "tags?limit=99999999999")) {
            TestServer.Response r = server.get("/api/v1/trends/" + bad, null);
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.error()).as(bad).startsWith("Validation failed: ").doesNotContain("Exception");
        }
    }
}
