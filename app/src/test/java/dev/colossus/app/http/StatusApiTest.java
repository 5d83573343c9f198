package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusApiTest {

    private final TestServer server = new TestServer();
    private final TestServer.User ann = server.signUp("ann");
    private final TestServer.User bob = server.signUp("bob");
    private final TestServer.User cat = server.signUp("cat");

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void postHasMastodonShapeWithEntitiesAndEscapedContent() {
        JsonNode s = server.status(ann, "Hi @bob and @nobody! #Java <script>x</script> https://example.org/path?q=1.");
        assertThat(s.get("id").isTextual()).isTrue();
        assertThat(s.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(s.get("visibility").asText()).isEqualTo("public");
        assertThat(s.get("account").get("username").asText()).isEqualTo("ann");
        assertThat(s.get("mentions").findValuesAsText("username")).containsExactly("bob");
        assertThat(s.get("mentions").get(0).get("id").asText()).isEqualTo(bob.id());
        assertThat(s.get("tags").findValuesAsText("name")).containsExactly("java");
        String html = s.get("content").asText();
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;")
                .contains("href=\"" + server.base + "/@bob\"")
                .contains("@nobody")
                .doesNotContain("/@nobody")
                .contains("<a href=\"https://example.org/path?q=1\"")
                .contains("href=\"" + server.base + "/tags/java\"");
        assertThat(s.get("url").asText()).isEqualTo(server.base + "/@ann/" + s.get("id").asText());
        assertThat(s.get("reblog").isNull()).isTrue();
    }

    @Test
    void lengthIsCountedInCodePointsWithLinksAs23() {
        assertThat(server.post("/api/v1/statuses", ann.token(), Map.of("status", "🎉".repeat(500))).status()).isEqualTo(200);
        var tooLong = server.post("/api/v1/statuses", ann.token(), Map.of("status", "a".repeat(501)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.error()).contains("character limit of 500");
        String link = "https://example.org/" + "x".repeat(200);
        // 476 letters + a space + a link counted as 23 = 500
        assertThat(server.post("/api/v1/statuses", ann.token(), Map.of("status", "b".repeat(476) + " " + link)).status()).isEqualTo(200);
        assertThat(server.post("/api/v1/statuses", ann.token(), Map.of("status", "b".repeat(477) + " " + link)).status()).isEqualTo(422);
    }

    @Test
    void blankPostsAndBadVisibilityAre422() {
        assertThat(server.post("/api/v1/statuses", ann.token(), Map.of("status", "   ")).status()).isEqualTo(422);
        assertThat(server.post("/api/v1/statuses", ann.token(), Map.of("status", "x", "visibility", "secret")).status()).isEqualTo(422);
    }

    @Test
    void postingNeedsAUserTokenWithWriteScope() {
        assertThat(server.post("/api/v1/statuses", null, Map.of("status", "x")).status()).isEqualTo(401);
        assertThat(server.post("/api/v1/statuses", server.appToken(), Map.of("status", "x")).status()).isEqualTo(422);
        String readOnly = server.post("/oauth/token", null, Map.of("grant_type", "password", "client_id", server.clientId(),
                "client_secret", server.clientSecret(), "username", "ann@example.org", "password", "correct horse battery",
                "scope", "read")).json().get("access_token").asText();
        var r = server.post("/api/v1/statuses", readOnly, Map.of("status", "x"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.error()).isEqualTo("This action is outside the authorized scopes");
    }

    @Test
    void jsonBodiesWorkAndMalformedOrHugeBodiesAreRejectedCleanly() {
        var ok = server.postJson("/api/v1/statuses", ann.token(), Map.of("status", "from json", "visibility", "unlisted"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("visibility").asText()).isEqualTo("unlisted");
        var bad = server.send("POST", "/api/v1/statuses", ann.token(), "application/json", "{\"status\": ", Map.of());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).isEqualTo("Invalid JSON in request body");
        var array = server.send("POST", "/api/v1/statuses", ann.token(), "application/json", "[1,2]", Map.of());
        assertThat(array.status()).isEqualTo(400);
        var huge = server.send("POST", "/api/v1/statuses", ann.token(), "application/json",
                "{\"status\": \"" + "x".repeat(400_000) + "\"}", Map.of());
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.error()).isNotBlank();
        assertThat(huge.raw().body()).doesNotContain("Exception");
    }

    @Test
    void idempotencyKeyReturnsTheSamePostInsteadOfADuplicate() {
        var h = Map.of("Idempotency-Key", "retry-1");
        var first = server.send("POST", "/api/v1/statuses", bob.token(), "application/x-www-form-urlencoded", "status=once", h);
        var again = server.send("POST", "/api/v1/statuses", bob.token(), "application/x-www-form-urlencoded", "status=once", h);
        assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        var other = server.send("POST", "/api/v1/statuses", cat.token(), "application/x-www-form-urlencoded", "status=once", h);
        assertThat(other.json().get("id").asText()).isNotEqualTo(first.json().get("id").asText());
        long count = 0;
        for (JsonNode s : server.get("/api/v1/accounts/" + bob.id() + "/statuses?limit=40", null).json()) {
            if (s.get("content").asText().contains("once")) count++;
        }
        assertThat(count).isEqualTo(1);
    }

    @Test
    void repliesFormAThreadReadableThroughContext() {
        JsonNode root = server.status(ann, "root post");
        JsonNode reply = server.status(bob, "@ann a reply", "in_reply_to_id", root.get("id").asText());
        JsonNode nested = server.status(cat, "nested", "in_reply_to_id", reply.get("id").asText());
        JsonNode sibling = server.status(cat, "second reply", "in_reply_to_id", root.get("id").asText());
        assertThat(reply.get("in_reply_to_id").asText()).isEqualTo(root.get("id").asText());
        assertThat(reply.get("in_reply_to_account_id").asText()).isEqualTo(ann.id());

        var ctx = server.get("/api/v1/statuses/" + nested.get("id").asText() + "/context", null).json();
        assertThat(TestServer.ids(ctx.get("ancestors"))).containsExactly(root.get("id").asText(), reply.get("id").asText());
        var rootCtx = server.get("/api/v1/statuses/" + root.get("id").asText() + "/context", null).json();
        assertThat(TestServer.ids(rootCtx.get("descendants")))
                .containsExactly(reply.get("id").asText(), nested.get("id").asText(), sibling.get("id").asText());
        assertThat(server.get("/api/v1/statuses/" + root.get("id").asText(), null).json().get("replies_count").asInt()).isEqualTo(2);
    }

    @Test
    void replyingToAMissingPostIs404() {
        var r = server.post("/api/v1/statuses", ann.token(), Map.of("status", "hello?", "in_reply_to_id", "123456"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).contains("does not appear to exist");
    }

    @Test
    void followersOnlyPostsAreHiddenFromOthers() {
        TestServer.User dan = server.signUp("dan");
        server.post("/api/v1/accounts/" + dan.id() + "/follow", bob.token(), Map.of());
        JsonNode secret = server.status(dan, "for followers", "visibility", "private");
        String path = "/api/v1/statuses/" + secret.get("id").asText();
        assertThat(server.get(path, null).status()).isEqualTo(404);
        assertThat(server.get(path, cat.token()).status()).isEqualTo(404);
        assertThat(server.get(path, bob.token()).status()).isEqualTo(200);
        assertThat(server.get(path, dan.token()).status()).isEqualTo(200);
        assertThat(server.get(path + "/context", cat.token()).status()).isEqualTo(404);
        assertThat(server.post(path + "/favourite", cat.token(), Map.of()).status()).isEqualTo(404);
        assertThat(server.post(path + "/reblog", bob.token(), Map.of()).status()).isEqualTo(403);
        assertThat(server.get("/api/v1/accounts/" + dan.id() + "/statuses", cat.token()).json()).isEmpty();
        assertThat(server.get("/api/v1/accounts/" + dan.id() + "/statuses", bob.token()).json()).hasSize(1);
    }

    @Test
    void reblogAndFavouriteUpdateCountsAndViewerFlags() {
        JsonNode post = server.status(ann, "boost me");
        String id = post.get("id").asText();
        var reblog = server.post("/api/v1/statuses/" + id + "/reblog", bob.token(), Map.of());
        assertThat(reblog.status()).isEqualTo(200);
        assertThat(reblog.json().get("reblog").get("id").asText()).isEqualTo(id);
        assertThat(reblog.json().get("reblog").get("reblogged").asBoolean()).isTrue();
        assertThat(reblog.json().get("reblog").get("reblogs_count").asInt()).isEqualTo(1);
        var again = server.post("/api/v1/statuses/" + id + "/reblog", bob.token(), Map.of());
        assertThat(again.json().get("id").asText()).isEqualTo(reblog.json().get("id").asText());

        var fav = server.post("/api/v1/statuses/" + id + "/favourite", cat.token(), Map.of());
        assertThat(fav.json().get("favourited").asBoolean()).isTrue();
        assertThat(fav.json().get("favourites_count").asInt()).isEqualTo(1);
        assertThat(server.get("/api/v1/statuses/" + id, null).json().get("favourited").asBoolean()).isFalse();

        var unfav = server.post("/api/v1/statuses/" + id + "/unfavourite", cat.token(), Map.of());
        assertThat(unfav.json().get("favourites_count").asInt()).isZero();
        var unreblog = server.post("/api/v1/statuses/" + id + "/unreblog", bob.token(), Map.of());
        assertThat(unreblog.json().get("id").asText()).isEqualTo(id);
        assertThat(unreblog.json().get("reblogged").asBoolean()).isFalse();
        assertThat(unreblog.json().get("reblogs_count").asInt()).isZero();
        assertThat(server.get("/api/v1/statuses/" + reblog.json().get("id").asText(), null).status()).isEqualTo(404);
    }

    @Test
    void onlyTheAuthorDeletesAndDeletedPostsAreGone() {
        JsonNode post = server.status(cat, "short-lived #gone");
        String id = post.get("id").asText();
        server.post("/api/v1/statuses/" + id + "/reblog", ann.token(), Map.of());
        assertThat(server.send("DELETE", "/api/v1/statuses/" + id, ann.token(), null, null, Map.of()).status()).isEqualTo(404);
        var del = server.send("DELETE", "/api/v1/statuses/" + id, cat.token(), null, null, Map.of());
        assertThat(del.status()).isEqualTo(200);
        assertThat(del.json().get("text").asText()).isEqualTo("short-lived #gone");
        assertThat(server.get("/api/v1/statuses/" + id, null).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/timelines/tag/gone", null).json()).isEmpty();
        assertThat(server.get("/api/v1/accounts/" + ann.id() + "/statuses", null).json()).extracting(n -> n.get("id").asText()).doesNotContain(id);
        assertThat(server.send("DELETE", "/api/v1/statuses/" + id, cat.token(), null, null, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void unknownStatusIdsAre404() {
        assertThat(server.get("/api/v1/statuses/42", null).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/statuses/abc", null).error()).isEqualTo("Record not found");
        assertThat(server.post("/api/v1/statuses/42/favourite", ann.token(), Map.of()).status()).isEqualTo(404);
    }
}
