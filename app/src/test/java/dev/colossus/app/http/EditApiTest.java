package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.social.media.TestMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Editing posts over HTTP: PUT /api/v1/statuses/:id, its history and source, notifications and stream events. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditApiTest {

    private final TestServer server = new TestServer(c -> c.withHeartbeat(Duration.ofMillis(300)));
    private final TestServer.User ann = server.signUp("ann");
    private final TestServer.User bob = server.signUp("bob");
    private final TestServer.User cat = server.signUp("cat");

    @AfterAll
    void stop() {
        server.close();
    }

    private static String id(JsonNode status) {
        return status.get("id").asText();
    }

    private TestServer.Response put(TestServer.User user, String id, Map<String, String> fields) {
        return server.form("PUT", "/api/v1/statuses/" + id, user == null ? null : user.token(), fields);
    }

    private TestServer.Response putJson(TestServer.User user, String id, Map<String, ?> body) throws Exception {
        return server.send("PUT", "/api/v1/statuses/" + id, user.token(), "application/json",
                TestServer.JSON.writeValueAsString(body), Map.of());
    }

    @Test
    void anEditKeepsTheIdAndSetsEditedAtAndTheNewContent() {
        JsonNode post = server.status(ann, "Hello wrold #typo", "language", "en");
        assertThat(post.get("edited_at").isNull()).isTrue();

        var r = put(ann, id(post), Map.of("status", "Hello world @bob #fixed", "spoiler_text", "greeting",
                "language", "de"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode edited = r.json();
        assertThat(id(edited)).isEqualTo(id(post));
        assertThat(edited.get("created_at").asText()).isEqualTo(post.get("created_at").asText());
        assertThat(edited.get("edited_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(edited.get("content").asText()).contains("Hello world").contains("href=\"" + server.base + "/@bob\"");
        assertThat(edited.get("spoiler_text").asText()).isEqualTo("greeting");
        assertThat(edited.get("sensitive").asBoolean()).as("a content warning makes it sensitive").isTrue();
        assertThat(edited.get("language").asText()).isEqualTo("de");
        assertThat(edited.get("tags").findValuesAsText("name")).containsExactly("fixed");
        assertThat(edited.get("mentions").findValuesAsText("username")).containsExactly("bob");
        JsonNode shown = server.get("/api/v1/statuses/" + id(post), null).json();
        assertThat(shown.get("edited_at").asText()).isEqualTo(edited.get("edited_at").asText());
        assertThat(server.get("/api/v1/timelines/tag/typo", null).json()).isEmpty();
        assertThat(TestServer.ids(server.get("/api/v1/timelines/tag/fixed", null).json())).containsExactly(id(post));
    }

    @Test
    void historyListsEveryVersionOldestFirstAndSourceGivesTheAuthorThePlainText() {
        JsonNode post = server.status(ann, "version one & <b>bold</b>");
        String path = "/api/v1/statuses/" + id(post);
        JsonNode single = server.get(path + "/history", null).json();
        assertThat(single).hasSize(1);
        assertThat(single.get(0).get("created_at").asText()).isEqualTo(post.get("created_at").asText());

        put(ann, id(post), Map.of("status", "version two", "spoiler_text", "cw two"));
        put(ann, id(post), Map.of("status", "version three", "sensitive", "true"));

        JsonNode history = server.get(path + "/history", null).json();
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("content").asText()).contains("version one &amp; &lt;b&gt;");
        assertThat(history.get(1).get("content").asText()).contains("version two");
        assertThat(history.get(1).get("spoiler_text").asText()).isEqualTo("cw two");
        assertThat(history.get(1).get("sensitive").asBoolean()).isTrue();
        assertThat(history.get(2).get("content").asText()).contains("version three");
        assertThat(history.get(2).get("spoiler_text").asText()).isEmpty();
        assertThat(history.get(2).get("sensitive").asBoolean()).isTrue();
        for (JsonNode v : history) {
            assertThat(v.get("account").get("id").asText()).isEqualTo(ann.id());
            assertThat(v.get("media_attachments").isArray()).isTrue();
            assertThat(v.get("emojis").isArray()).isTrue();
        }
        assertThat(history.get(2).get("created_at").asText())
                .isEqualTo(server.get(path, null).json().get("edited_at").asText());

        JsonNode source = server.get(path + "/source", ann.token()).json();
        assertThat(source.get("id").asText()).isEqualTo(id(post));
        assertThat(source.get("text").asText()).isEqualTo("version three");
        assertThat(source.get("spoiler_text").asText()).isEmpty();
        assertThat(server.get(path + "/source", bob.token()).status()).isEqualTo(403);
        assertThat(server.get(path + "/source", null).status()).isEqualTo(401);
    }

    @Test
    void editingNeedsTheAuthorsTokenWithWriteScope() {
        JsonNode post = server.status(ann, "only mine");
        assertThat(put(null, id(post), Map.of("status", "x")).status()).isEqualTo(401);
        var other = put(bob, id(post), Map.of("status", "now bob's"));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.error()).isEqualTo("This action is not allowed");
        String readOnly = server.post("/oauth/token", null, Map.of("grant_type", "password", "client_id",
                server.clientId(), "client_secret", server.clientSecret(), "username", "ann@example.org",
                "password", "correct horse battery", "scope", "read")).json().get("access_token").asText();
        var scoped = server.send("PUT", "/api/v1/statuses/" + id(post), readOnly, "application/x-www-form-urlencoded",
                "status=x", Map.of());
        assertThat(scoped.status()).isEqualTo(403);
        assertThat(server.get("/api/v1/statuses/" + id(post), null).json().get("content").asText()).contains("only mine");
    }

    @Test
    void unknownAndHiddenPostsAre404() {
        assertThat(put(ann, "424242", Map.of("status", "x")).status()).isEqualTo(404);
        assertThat(put(ann, "abc", Map.of("status", "x")).error()).isEqualTo("Record not found");
        JsonNode secret = server.status(cat, "@ann between us", "visibility", "direct");
        assertThat(put(bob, id(secret), Map.of("status", "x")).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/statuses/" + id(secret) + "/history", bob.token()).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/statuses/" + id(secret) + "/history", ann.token()).status()).isEqualTo(200);
        assertThat(server.get("/api/v1/statuses/" + id(secret) + "/source", bob.token()).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/statuses/424242/history", null).status()).isEqualTo(404);
    }

    @Test
    void blankOrTooLongTextAndReblogsAre422() {
        JsonNode post = server.status(ann, "fine as it is");
        var blank = put(ann, id(post), Map.of("status", "  "));
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.error()).isEqualTo("Validation failed: Text can't be blank");
        var tooLong = put(ann, id(post), Map.of("status", "a".repeat(501)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.error()).contains("character limit of 500");
        var withWarning = put(ann, id(post), Map.of("status", "a".repeat(495), "spoiler_text", "123456"));
        assertThat(withWarning.status()).as("the content warning counts too").isEqualTo(422);
        assertThat(put(ann, id(post), Map.of("status", "a".repeat(494), "spoiler_text", "123456")).status()).isEqualTo(200);
        assertThat(put(ann, id(post), Map.of("status", "x", "language", "english")).status()).isEqualTo(422);

        JsonNode reblog = server.post("/api/v1/statuses/" + id(post) + "/reblog", bob.token(), Map.of()).json();
        var r = put(bob, id(reblog), Map.of("status", "words on a reblog"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.error()).contains("reblog");
        assertThat(server.get("/api/v1/statuses/" + id(post) + "/history", null).json()).hasSize(2);
    }

    @Test
    void mediaAreKeptReplacedAndReDescribedWithJsonAsMastoJsSendsIt() throws Exception {
        String first = PictureUpload.png(server, ann, TestMedia.png(30, 20));
        String second = PictureUpload.png(server, ann, TestMedia.png(20, 30));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "two pictures");
        body.put("media_ids", List.of(first));
        JsonNode post = server.postJson("/api/v1/statuses", ann.token(), body).json();

        body.put("media_ids", List.of(second, first));
        body.put("media_attributes", List.of(Map.of("id", first, "description", "A wide picture", "focus", "0.5,-0.5")));
        var edited = putJson(ann, id(post), body);
        assertThat(edited.status()).isEqualTo(200);
        assertThat(TestServer.ids(edited.json().get("media_attachments"))).containsExactly(second, first);
        JsonNode described = edited.json().get("media_attachments").get(1);
        assertThat(described.get("description").asText()).isEqualTo("A wide picture");
        assertThat(described.get("meta").get("focus").get("y").asDouble()).isEqualTo(-0.5);

        var dropped = server.form("PUT", "/api/v1/statuses/" + id(post), ann.token(),
                Map.of("status", "one picture left", "media_ids[]", second, "media_attributes[][id]", second,
                        "media_attributes[][description]", "A tall picture"));
        assertThat(TestServer.ids(dropped.json().get("media_attachments"))).containsExactly(second);
        assertThat(dropped.json().get("media_attachments").get(0).get("description").asText()).isEqualTo("A tall picture");

        JsonNode history = server.get("/api/v1/statuses/" + id(post) + "/history", null).json();
        assertThat(history).hasSize(3);
        assertThat(TestServer.ids(history.get(0).get("media_attachments"))).containsExactly(first);
        assertThat(history.get(0).get("media_attachments").get(0).get("description").isNull()).isTrue();
        assertThat(TestServer.ids(history.get(1).get("media_attachments"))).containsExactly(second, first);
        assertThat(history.get(1).get("media_attachments").get(1).get("description").asText()).isEqualTo("A wide picture");

        String bobs = PictureUpload.png(server, bob, TestMedia.png(10, 10));
        var stolen = server.form("PUT", "/api/v1/statuses/" + id(post), ann.token(),
                Map.of("status", "with bob's picture", "media_ids[]", bobs));
        assertThat(stolen.status()).isEqualTo(422);
        var bad = server.form("PUT", "/api/v1/statuses/" + id(post), ann.token(),
                Map.of("status", "x", "media_ids[]", "not-a-number"));
        assertThat(bad.status()).isEqualTo(422);
    }

    @Test
    void aPollIsReplacedByTheEditsPollAndTheHistoryShowsEachVersionsOptions() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "tea or coffee?");
        body.put("poll", Map.of("options", List.of("tea", "coffee"), "expires_in", 3600));
        JsonNode post = server.postJson("/api/v1/statuses", ann.token(), body).json();
        body.put("poll", Map.of("options", List.of("tea", "coffee", "water"), "expires_in", 3600, "multiple", true));
        JsonNode edited = putJson(ann, id(post), body).json();
        assertThat(edited.get("poll").get("options").findValuesAsText("title")).containsExactly("tea", "coffee", "water");
        assertThat(edited.get("poll").get("multiple").asBoolean()).isTrue();
        JsonNode history = server.get("/api/v1/statuses/" + id(post) + "/history", null).json();
        assertThat(history.get(0).get("poll").get("options").findValuesAsText("title")).containsExactly("tea", "coffee");
        assertThat(history.get(1).get("poll").get("options").findValuesAsText("title"))
                .containsExactly("tea", "coffee", "water");

        body.put("poll", Map.of("options", List.of("tea"), "expires_in", 3600));
        assertThat(putJson(ann, id(post), body).status()).isEqualTo(422);
        body.remove("poll");
        JsonNode without = putJson(ann, id(post), body).json();
        assertThat(without.get("poll").isNull()).as("an edit without a poll removes it, as Mastodon's").isTrue();
        assertThat(server.get("/api/v1/statuses/" + id(post) + "/history", null).json().get(2).has("poll")).isFalse();
    }

    @Test
    void searchFindsTheNewWordsOfAnEditedPostAndNoLongerTheOld() {
        JsonNode post = server.status(ann, "the quokka smiles");
        server.awaitSearchable("quokka", 1);
        put(ann, id(post), Map.of("status", "the wombat smiles"));
        server.awaitSearchable("wombat", 1);
        JsonNode found = server.get("/api/v2/search?type=statuses&q=wombat", null).json().get("statuses");
        assertThat(TestServer.ids(found)).containsExactly(id(post));
        assertThat(server.get("/api/v2/search?type=statuses&q=quokka", null).json().get("statuses")).isEmpty();
    }

    @Test
    void theContentWarningIsSearchable() {
        JsonNode post = server.status(ann, "the ending explained", "spoiler_text", "marsupial spoilers");
        assertThat(post.get("sensitive").asBoolean()).isTrue();
        server.awaitSearchable("marsupial", 1);
        assertThat(TestServer.ids(server.get("/api/v2/search?type=statuses&q=marsupial", null).json().get("statuses")))
                .containsExactly(id(post));
    }

    @Test
    void editsDoNotCountAPostsHashtagsAgainInTrends() {
        List<TestServer.User> kiters = List.of(server.signUp("kiter0"), server.signUp("kiter1"), server.signUp("kiter2"));
        List<JsonNode> posts = kiters.stream().map(u -> server.status(u, "flying #kites")).toList();
        put(kiters.getFirst(), id(posts.getFirst()), Map.of("status", "flying #kites high"));
        put(kiters.getFirst(), id(posts.getFirst()), Map.of("status", "flying #kites higher"));
        JsonNode kites = null;
        for (JsonNode t : server.get("/api/v1/trends/tags", null).json()) if (t.get("name").asText().equals("kites")) kites = t;
        assertThat(kites).as("#kites trends").isNotNull();
        assertThat(kites.get("history").get(0).get("uses").asText()).isEqualTo("3");
        assertThat(kites.get("history").get(0).get("accounts").asText()).isEqualTo("3");
    }

    @Test
    void rebloggersAreNotifiedOfEditsAndNewlyMentionedAccountsOfTheMention() {
        TestServer.User dan = server.signUp("dan"), eve = server.signUp("eve");
        JsonNode post = server.status(dan, "worth sharing");
        server.post("/api/v1/statuses/" + id(post) + "/reblog", eve.token(), Map.of());
        server.post("/api/v1/statuses/" + id(post) + "/favourite", cat.token(), Map.of());
        put(dan, id(post), Map.of("status", "worth sharing, says @cat"));

        JsonNode updates = server.get("/api/v1/notifications?types[]=update", eve.token()).json();
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).get("type").asText()).isEqualTo("update");
        assertThat(updates.get(0).get("account").get("id").asText()).isEqualTo(dan.id());
        assertThat(updates.get(0).get("status").get("id").asText()).isEqualTo(id(post));
        assertThat(updates.get(0).get("status").get("content").asText()).contains("says");
        JsonNode cats = server.get("/api/v1/notifications?account_id=" + dan.id(), cat.token()).json();
        assertThat(cats).extracting(n -> n.get("type").asText()).containsExactly("mention");
    }

    @Test
    void publicAndHashtagStreamsCarryTheEditAsStatusUpdate() throws Exception {
        JsonNode post = server.status(bob, "live #birds");
        try (SseStream pub = new SseStream("/api/v1/streaming/public");
             SseStream tag = new SseStream("/api/v1/streaming/hashtag?tag=birds")) {
            put(bob, id(post), Map.of("status", "live #birds, edited"));
            for (SseStream s : List.of(pub, tag)) {
                String data = s.next("status.update", 5000);
                assertThat(data).isNotNull();
                JsonNode status = TestServer.JSON.readTree(data);
                assertThat(id(status)).isEqualTo(id(post));
                assertThat(status.get("content").asText()).contains("edited");
                assertThat(status.get("edited_at").isNull()).isFalse();
            }
        }
    }

    @Test
    void theWebSocketUserStreamOfAFollowerCarriesTheEdit() throws Exception {
        TestServer.User fay = server.signUp("fay");
        server.post("/api/v1/accounts/" + ann.id() + "/follow", fay.token(), Map.of());
        JsonNode post = server.status(ann, "for my followers", "visibility", "private");
        try (WebSocketStreamingTest.Socket s = WebSocketStreamingTest.Socket.open(server,
                "stream=user&access_token=" + fay.token(), null)) {
            put(ann, id(post), Map.of("status", "for my followers, edited"));
            JsonNode m = s.next(5000);
            while (m != null && !m.get("event").asText().equals("status.update")) m = s.next(5000);
            assertThat(m).isNotNull();
            assertThat(m.get("stream")).hasToString("[\"user\"]");
            JsonNode status = TestServer.JSON.readTree(m.get("payload").asText());
            assertThat(id(status)).isEqualTo(id(post));
            assertThat(status.get("content").asText()).contains("edited");
        }
    }

    /** An open Server-Sent Events stream, its lines read on a background thread. */
    private final class SseStream implements AutoCloseable {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final HttpResponse<InputStream> response;

        SseStream(String path) throws Exception {
            response = server.http.send(HttpRequest.newBuilder(URI.create(server.base + path)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) lines.add(line);
                } catch (java.io.IOException ignored) {
                    // closed
                }
            });
            assertThat(lines.poll(5, TimeUnit.SECONDS)).isEqualTo(":)");
        }

        /** The data line of the next event named {@code event}, or null after {@code millis}. */
        String next(String event, long millis) throws InterruptedException {
            long end = System.currentTimeMillis() + millis;
            String current = null;
            while (System.currentTimeMillis() < end) {
                String line = lines.poll(end - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
                if (line == null) break;
                if (line.startsWith("event: ")) current = line.substring(7);
                else if (line.startsWith("data: ") && event.equals(current)) return line.substring(6);
            }
            return null;
        }

        @Override
        public void close() throws Exception {
            response.body().close();
        }
    }
}
