package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.app.AssistantConfig;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bookmarks, pins, direct posts and conversations (with the direct stream), preferences, custom emoji and follow
 * requests over real HTTP: each endpoint's answers and errors, and that a direct post reaches nobody it does not
 * mention (by id, timelines, search, trends, the assistant's grounding, conversations).
 */
class PersonalApiTest extends StoreApiTest {

    @Override
    TestServer startServer() {
        return new TestServer(TestServer.newDir(), this::database, AssistantConfig.defaults());
    }

    private static void error(TestServer.Response r, int status) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
        assertThat(r.json().get("error").isTextual()).as(r.raw().body()).isTrue();
    }

    private JsonNode post(TestServer.User who, String path) {
        return ok(server.post(path, who.token(), Map.of()));
    }

    /** A token of {@code who} (password "correct horse battery") with only {@code scope}. */
    private String tokenWith(TestServer.User who, String scope) {
        return server.post("/oauth/token", null, Map.of("grant_type", "password", "client_id", server.clientId(),
                "client_secret", server.clientSecret(), "username", who.username() + "@example.org",
                "password", "correct horse battery", "scope", scope)).json().get("access_token").asText();
    }

    /** The ids of the last posts of a list of conversations, in order. */
    private static List<String> lastPosts(JsonNode conversations) {
        List<String> out = new ArrayList<>();
        conversations.forEach(c -> out.add(c.at("/last_status/id").asText()));
        return out;
    }

    private static String id(JsonNode json) {
        return json.get("id").asText();
    }

    // Bookmarks

    @Test
    void bookmarksAreIdempotentPrivateAndListedMostRecentFirstWithLinks() {
        TestServer.User ann = user("ann"), bob = user("bob");
        String first = id(server.status(bob, "first")), second = id(server.status(bob, "second")),
                third = id(server.status(bob, "third"));
        JsonNode marked = post(ann, "/api/v1/statuses/" + second + "/bookmark");
        assertThat(marked.get("bookmarked").asBoolean()).isTrue();
        assertThat(post(ann, "/api/v1/statuses/" + second + "/bookmark").get("bookmarked").asBoolean()).isTrue();
        post(ann, "/api/v1/statuses/" + first + "/bookmark");
        post(ann, "/api/v1/statuses/" + third + "/bookmark");

        assertThat(TestServer.ids(ok(server.get("/api/v1/bookmarks", ann.token())))).containsExactly(third, first, second);
        assertThat(ok(server.get("/api/v1/statuses/" + first, ann.token())).get("bookmarked").asBoolean()).isTrue();
        assertThat(ok(server.get("/api/v1/statuses/" + first, bob.token())).get("bookmarked").asBoolean()).isFalse();
        assertThat(ok(server.get("/api/v1/bookmarks", bob.token()))).isEmpty();

        TestServer.Response page = server.get("/api/v1/bookmarks?limit=2", ann.token());
        assertThat(TestServer.ids(ok(page))).containsExactly(third, first);
        String link = page.header("Link");
        assertThat(link).contains("rel=\"next\"").contains("rel=\"prev\"");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>')).replace(server.base, "");
        assertThat(TestServer.ids(ok(server.get(next, ann.token())))).containsExactly(second);

        assertThat(post(ann, "/api/v1/statuses/" + first + "/unbookmark").get("bookmarked").asBoolean()).isFalse();
        assertThat(post(ann, "/api/v1/statuses/" + first + "/unbookmark").get("bookmarked").asBoolean()).isFalse();
        ok(server.send("DELETE", "/api/v1/statuses/" + third, bob.token(), null, null, Map.of()));
        assertThat(TestServer.ids(ok(server.get("/api/v1/bookmarks", ann.token())))).containsExactly(second);
    }

    @Test
    void bookmarkingAReblogBookmarksTheOriginal() {
        TestServer.User ann = user("ann"), bob = user("bob");
        String original = id(server.status(bob, "worth keeping"));
        String reblog = id(post(ann, "/api/v1/statuses/" + original + "/reblog"));
        assertThat(id(post(ann, "/api/v1/statuses/" + reblog + "/bookmark"))).isEqualTo(original);
        assertThat(TestServer.ids(ok(server.get("/api/v1/bookmarks", ann.token())))).containsExactly(original);
    }

    @Test
    void bookmarkErrorsAreMastodons() {
        TestServer.User ann = user("ann"), bob = user("bob"), cy = user("cy");
        String secret = id(server.status(bob, "@" + cy.username() + " psst", "visibility", "direct"));
        error(server.post("/api/v1/statuses/" + secret + "/bookmark", ann.token(), Map.of()), 404);
        error(server.post("/api/v1/statuses/999999999999/bookmark", ann.token(), Map.of()), 404);
        error(server.post("/api/v1/statuses/abc/bookmark", ann.token(), Map.of()), 404);
        error(server.post("/api/v1/statuses/" + secret + "/bookmark", null, Map.of()), 401);
        error(server.get("/api/v1/bookmarks", null), 401);
        error(server.get("/api/v1/bookmarks", server.appToken()), 422);
        String readOnly = tokenWith(ann, "read:statuses");
        error(server.post("/api/v1/statuses/" + secret + "/bookmark", readOnly, Map.of()), 403);
        error(server.get("/api/v1/bookmarks", readOnly), 403);
        String bookmarksOnly = tokenWith(cy, "read:bookmarks write:bookmarks");
        assertThat(ok(server.post("/api/v1/statuses/" + secret + "/bookmark", bookmarksOnly, Map.of()))
                .get("bookmarked").asBoolean()).isTrue();
        assertThat(TestServer.ids(ok(server.get("/api/v1/bookmarks", bookmarksOnly)))).containsExactly(secret);
    }

    // Pins

    @Test
    void ownPublicPostsArePinnedUpToFiveAndListedOnTheProfile() {
        TestServer.User ann = user("ann"), bob = user("bob");
        String first = id(server.status(ann, "pin me"));
        assertThat(post(ann, "/api/v1/statuses/" + first + "/pin").get("pinned").asBoolean()).isTrue();
        assertThat(post(ann, "/api/v1/statuses/" + first + "/pin").get("pinned").asBoolean()).isTrue();
        String quiet = id(server.status(ann, "unlisted pin", "visibility", "unlisted"));
        post(ann, "/api/v1/statuses/" + quiet + "/pin");
        for (int i = 0; i < 3; i++) post(ann, "/api/v1/statuses/" + id(server.status(ann, "pin " + i)) + "/pin");
        String sixth = id(server.status(ann, "one too many"));
        error(server.post("/api/v1/statuses/" + sixth + "/pin", ann.token(), Map.of()), 422);

        JsonNode pinned = ok(server.get("/api/v1/accounts/" + ann.id() + "/statuses?pinned=true", null));
        assertThat(TestServer.ids(pinned)).hasSize(5).endsWith(quiet, first);
        assertThat(pinned.get(0).get("pinned").asBoolean()).isTrue();
        assertThat(ok(server.get("/api/v1/accounts/" + ann.id() + "/statuses?pinned=true", bob.token()))).hasSize(5);
        assertThat(ok(server.get("/api/v1/statuses/" + sixth, bob.token())).get("pinned").asBoolean()).isFalse();

        assertThat(post(ann, "/api/v1/statuses/" + first + "/unpin").get("pinned").asBoolean()).isFalse();
        assertThat(post(ann, "/api/v1/statuses/" + first + "/unpin").get("pinned").asBoolean()).isFalse();
        assertThat(post(ann, "/api/v1/statuses/" + sixth + "/pin").get("pinned").asBoolean()).isTrue();
        assertThat(TestServer.ids(ok(server.get("/api/v1/accounts/" + ann.id() + "/statuses?pinned=true", null))))
                .first().isEqualTo(sixth);
    }

    @Test
    void reblogsOthersPostsAndNonPublicPostsCannotBePinned() {
        TestServer.User ann = user("ann"), bob = user("bob");
        String bobs = id(server.status(bob, "bob's own"));
        String reblog = id(post(ann, "/api/v1/statuses/" + bobs + "/reblog"));
        error(server.post("/api/v1/statuses/" + reblog + "/pin", ann.token(), Map.of()), 422);
        error(server.post("/api/v1/statuses/" + bobs + "/pin", ann.token(), Map.of()), 422);
        String followers = id(server.status(ann, "followers only", "visibility", "private"));
        String direct = id(server.status(ann, "@" + bob.username() + " direct", "visibility", "direct"));
        error(server.post("/api/v1/statuses/" + followers + "/pin", ann.token(), Map.of()), 422);
        error(server.post("/api/v1/statuses/" + direct + "/pin", ann.token(), Map.of()), 422);
        error(server.post("/api/v1/statuses/999999999999/pin", ann.token(), Map.of()), 404);
        error(server.post("/api/v1/statuses/" + bobs + "/pin", null, Map.of()), 401);
        error(server.post("/api/v1/statuses/" + bobs + "/pin", tokenWith(ann, "write:statuses"), Map.of()), 403);
        error(server.get("/api/v1/accounts/999999999999/statuses?pinned=true", null), 404);
        assertThat(ok(server.get("/api/v1/accounts/" + ann.id() + "/statuses?pinned=true", null))).isEmpty();
    }

    // Direct posts and conversations

    @Test
    void aDirectPostReachesOnlyTheAccountsItMentions() {
        TestServer.User ann = user("ann"), bob = user("bob"), cy = user("cy");
        post(cy, "/api/v1/accounts/" + ann.id() + "/follow");
        String word = "zyzzyva" + users;
        String visible = id(server.status(ann, "public " + word + " #" + word));
        JsonNode secret = server.status(ann, "@" + bob.username() + " secret " + word + " #" + word, "visibility", "direct");
        assertThat(secret.get("visibility").asText()).isEqualTo("direct");
        String secretId = id(secret);

        error(server.get("/api/v1/statuses/" + secretId, cy.token()), 404);
        error(server.get("/api/v1/statuses/" + secretId, null), 404);
        error(server.get("/api/v1/statuses/" + secretId + "/context", cy.token()), 404);
        assertThat(id(ok(server.get("/api/v1/statuses/" + secretId, bob.token())))).isEqualTo(secretId);
        for (String timeline : List.of("/api/v1/timelines/public", "/api/v1/timelines/home", "/api/v1/timelines/tag/" + word,
                "/api/v1/accounts/" + ann.id() + "/statuses")) {
            assertThat(TestServer.ids(ok(server.get(timeline, cy.token())))).as(timeline).contains(visible)
                    .doesNotContain(secretId);
        }
        assertThat(TestServer.ids(ok(server.get("/api/v1/timelines/public", bob.token())))).doesNotContain(secretId);
        assertThat(TestServer.ids(ok(server.get("/api/v1/timelines/tag/" + word, null)))).doesNotContain(secretId);

        server.awaitSearchable(word, 1);
        for (String token : new String[] {cy.token(), bob.token(), null}) {
            JsonNode found = ok(server.get("/api/v2/search?type=statuses&q=" + word, token)).get("statuses");
            assertThat(TestServer.ids(found)).containsExactly(visible);
        }
        assertThat(ok(server.get("/api/v1/conversations", cy.token()))).isEmpty();
        assertThat(lastPosts(ok(server.get("/api/v1/conversations", bob.token())))).containsExactly(secretId);

        JsonNode mention = ok(server.get("/api/v1/notifications?types[]=mention", bob.token())).get(0);
        assertThat(mention.at("/status/id").asText()).isEqualTo(secretId);
        assertThat(mention.at("/status/visibility").asText()).isEqualTo("direct");
        assertThat(ok(server.get("/api/v1/notifications", cy.token()))).isEmpty();
    }

    @Test
    void directPostsNeverTrendNorGroundTheAssistant() {
        TestServer.User author = user("author");
        List<TestServer.User> friends = List.of(user("friend"), user("friend"), user("friend"));
        String loud = "loudtag" + users, hush = "hushtag" + users;
        String open = id(server.status(author, "an open #" + loud + " post about quinoa"));
        StringBuilder all = new StringBuilder();
        for (TestServer.User f : friends) all.append('@').append(f.username()).append(' ');
        String secret = id(server.status(author, all + "a hidden #" + hush + " post about quinoa", "visibility", "direct"));
        for (TestServer.User f : friends) {
            server.status(f, "me too #" + loud);
            server.status(f, "@" + author.username() + " me too #" + hush, "visibility", "direct");
            post(f, "/api/v1/statuses/" + open + "/favourite");
            post(f, "/api/v1/statuses/" + secret + "/favourite");
        }
        List<String> tags = ok(server.get("/api/v1/trends/tags?limit=20", null)).findValuesAsText("name");
        assertThat(tags).contains(loud).doesNotContain(hush);
        List<String> posts = TestServer.ids(ok(server.get("/api/v1/trends/statuses?limit=40", friends.get(0).token())));
        assertThat(posts).contains(open).doesNotContain(secret);

        server.awaitSearchable("quinoa", 1);
        Map<String, Object> body = Map.of("model", "colossus",
                "messages", List.of(Map.of("role", "user", "content", "What do people say about quinoa?")));
        JsonNode answer = ok(server.postJson("/v1/chat/completions", null, body));
        List<String> citations = new ArrayList<>();
        answer.path("citations").forEach(c -> citations.add(c.asText()));
        assertThat(citations).contains(server.base + "/@" + author.username() + "/" + open)
                .noneMatch(url -> url.endsWith("/" + secret));
        assertThat(answer.at("/choices/0/message/content").asText()).doesNotContain("hidden");
    }

    @Test
    void conversationsShowTheOthersTheLastPostAndWhetherUnread() {
        TestServer.User ann = user("ann"), bob = user("bob"), cy = user("cy");
        String hello = id(server.status(ann, "@" + bob.username() + " @" + cy.username() + " hello", "visibility", "direct"));

        JsonNode bobs = ok(server.get("/api/v1/conversations", bob.token()));
        assertThat(bobs).hasSize(1);
        JsonNode c = bobs.get(0);
        assertThat(c.get("id").isTextual()).isTrue();
        assertThat(c.get("unread").asBoolean()).isTrue();
        assertThat(c.get("accounts").findValuesAsText("id")).containsExactlyInAnyOrder(ann.id(), cy.id());
        assertThat(c.at("/last_status/id").asText()).isEqualTo(hello);
        assertThat(c.at("/last_status/visibility").asText()).isEqualTo("direct");
        JsonNode anns = ok(server.get("/api/v1/conversations", ann.token())).get(0);
        assertThat(anns.get("unread").asBoolean()).isFalse();
        assertThat(anns.get("accounts").findValuesAsText("id")).containsExactlyInAnyOrder(bob.id(), cy.id());

        JsonNode read = post(bob, "/api/v1/conversations/" + id(c) + "/read");
        assertThat(read.get("unread").asBoolean()).isFalse();
        assertThat(id(read)).isEqualTo(id(c));
        String reply = id(server.status(bob, "@" + ann.username() + " hi", "visibility", "direct", "in_reply_to_id", hello));
        JsonNode after = ok(server.get("/api/v1/conversations", bob.token()));
        assertThat(after).hasSize(1);
        assertThat(id(after.get(0))).isEqualTo(id(c)); // the reply continues the same conversation
        assertThat(after.get(0).at("/last_status/id").asText()).isEqualTo(reply);
        assertThat(after.get(0).get("unread").asBoolean()).isFalse();
        assertThat(ok(server.get("/api/v1/conversations", ann.token())).get(0).get("unread").asBoolean()).isTrue();

        error(server.post("/api/v1/conversations/" + id(c) + "/read", cy.token(), Map.of()), 404);
        error(server.send("DELETE", "/api/v1/conversations/" + id(c), cy.token(), null, null, Map.of()), 404);
        assertThat(ok(server.send("DELETE", "/api/v1/conversations/" + id(c), bob.token(), null, null, Map.of()))).isEmpty();
        assertThat(ok(server.get("/api/v1/conversations", bob.token()))).isEmpty();
        error(server.post("/api/v1/conversations/" + id(c) + "/read", bob.token(), Map.of()), 404);
        assertThat(ok(server.get("/api/v1/conversations", cy.token()))).hasSize(1);
    }

    @Test
    void conversationsPageByTheirLastPostWithLinks() {
        TestServer.User ann = user("ann"), bob = user("bob");
        List<String> lasts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lasts.addFirst(id(server.status(ann, "@" + bob.username() + " topic " + i, "visibility", "direct")));
        }
        TestServer.Response first = server.get("/api/v1/conversations?limit=2", bob.token());
        assertThat(lastPosts(ok(first))).containsExactly(lasts.get(0), lasts.get(1));
        String link = first.header("Link");
        assertThat(link).contains("max_id=" + lasts.get(1)).contains("min_id=" + lasts.get(0));
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>')).replace(server.base, "");
        assertThat(lastPosts(ok(server.get(next, bob.token())))).containsExactly(lasts.get(2));
    }

    @Test
    void conversationScopesAndTokensAreChecked() {
        TestServer.User ann = user("ann");
        error(server.get("/api/v1/conversations", null), 401);
        error(server.get("/api/v1/conversations", server.appToken()), 422);
        String follows = tokenWith(ann, "read:follows write:follows");
        error(server.get("/api/v1/conversations", follows), 403);
        error(server.post("/api/v1/conversations/1/read", follows, Map.of()), 403);
        error(server.send("DELETE", "/api/v1/conversations/1", follows, null, null, Map.of()), 403);
        error(server.post("/api/v1/conversations/1/read", ann.token(), Map.of()), 404);
        error(server.post("/api/v1/conversations/x/read", ann.token(), Map.of()), 404);
        assertThat(ok(server.get("/api/v1/conversations", tokenWith(ann, "read:statuses")))).isEmpty();
    }

    /** The data of each {@code event} on the server-sent stream at {@code path}, read on a background thread. */
    private BlockingQueue<String> events(String path, String token, String event, List<AutoCloseable> open) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base + path))
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<InputStream> response = server.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        open.add(response.body());
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        BlockingQueue<String> opened = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String name = null;
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.equals(":)")) opened.add(line);
                    if (line.startsWith("event: ")) name = line.substring(7);
                    else if (line.startsWith("data: ") && event.equals(name)) events.add(line.substring(6));
                }
            } catch (java.io.IOException ignored) {
                // closed
            }
        });
        assertThat(opened.poll(5, TimeUnit.SECONDS)).isEqualTo(":)");
        return events;
    }

    @Test
    void theDirectStreamSendsEachParticipantItsConversation() throws Exception {
        TestServer.User ann = user("ann"), bob = user("bob"), cy = user("cy");
        List<AutoCloseable> open = new ArrayList<>();
        try (WebSocketStreamingTest.Socket socket = WebSocketStreamingTest.Socket.open(server,
                "stream=direct&access_token=" + bob.token(), null)) {
            BlockingQueue<String> bobs = events("/api/v1/streaming/direct", bob.token(), "conversation", open);
            BlockingQueue<String> cys = events("/api/v1/streaming/direct", cy.token(), "conversation", open);
            BlockingQueue<String> bobsUpdates = events("/api/v1/streaming?stream=direct", bob.token(), "update", open);
            server.status(ann, "@" + bob.username() + " public mention");
            String secret = id(server.status(ann, "@" + bob.username() + " for you", "visibility", "direct"));

            String data = bobs.poll(10, TimeUnit.SECONDS);
            assertThat(data).as("a conversation event").isNotNull();
            JsonNode c = TestServer.JSON.readTree(data);
            assertThat(c.at("/last_status/id").asText()).isEqualTo(secret);
            assertThat(c.get("unread").asBoolean()).isTrue();
            assertThat(c.get("accounts").findValuesAsText("id")).containsExactly(ann.id());
            assertThat(bobs.poll(300, TimeUnit.MILLISECONDS)).as("one event, none for the public mention").isNull();
            assertThat(cys.poll(300, TimeUnit.MILLISECONDS)).as("cy is not in the conversation").isNull();
            assertThat(bobsUpdates.poll(100, TimeUnit.MILLISECONDS)).as("no update events on direct").isNull();

            JsonNode message = socket.next(2000);
            assertThat(message).as("a WebSocket message within 2 s").isNotNull();
            assertThat(message.get("stream").get(0).asText()).isEqualTo("direct");
            assertThat(message.get("event").asText()).isEqualTo("conversation");
            assertThat(TestServer.JSON.readTree(message.get("payload").asText()).at("/last_status/id").asText())
                    .isEqualTo(secret);
        } finally {
            for (AutoCloseable c : open) c.close();
        }
        error(server.get("/api/v1/streaming/direct", null), 401);
        error(server.get("/api/v1/streaming/direct", tokenWith(cy, "read:follows")), 403);
    }

    // Preferences and custom emoji

    @Test
    void preferencesShowThePostingDefaultsThatNewPostsTake() {
        TestServer.User ann = user("ann");
        JsonNode p = ok(server.get("/api/v1/preferences", ann.token()));
        assertThat(p.get("posting:default:visibility").asText()).isEqualTo("public");
        assertThat(p.get("posting:default:sensitive").asBoolean()).isFalse();
        assertThat(p.get("posting:default:language").isNull()).isTrue();
        assertThat(p.get("reading:expand:media").asText()).isEqualTo("default");
        assertThat(p.get("reading:expand:spoilers").asBoolean()).isFalse();

        server.colossus.social().preferences().update(Long.parseLong(ann.id()),
                new dev.colossus.social.Preferences.Update(dev.colossus.social.Visibility.UNLISTED, true, "de"));
        JsonNode changed = ok(server.get("/api/v1/preferences", tokenWith(ann, "read:accounts")));
        assertThat(changed.get("posting:default:visibility").asText()).isEqualTo("unlisted");
        assertThat(changed.get("posting:default:sensitive").asBoolean()).isTrue();
        assertThat(changed.get("posting:default:language").asText()).isEqualTo("de");
        JsonNode defaulted = server.status(ann, "no visibility given");
        assertThat(defaulted.get("visibility").asText()).isEqualTo("unlisted");
        assertThat(defaulted.get("sensitive").asBoolean()).isTrue();
        assertThat(defaulted.get("language").asText()).isEqualTo("de");
        JsonNode explicit = server.status(ann, "given", "visibility", "public", "sensitive", "false", "language", "en");
        assertThat(explicit.get("visibility").asText()).isEqualTo("public");
        assertThat(explicit.get("sensitive").asBoolean()).isFalse();
        assertThat(explicit.get("language").asText()).isEqualTo("en");

        error(server.get("/api/v1/preferences", null), 401);
        error(server.get("/api/v1/preferences", server.appToken()), 422);
        error(server.get("/api/v1/preferences", tokenWith(ann, "read:statuses")), 403);
    }

    @Test
    void customEmojisAreAnEmptyList() {
        TestServer.Response r = server.get("/api/v1/custom_emojis", null);
        assertThat(ok(r).isArray()).isTrue();
        assertThat(r.json()).isEmpty();
    }

    // Follow requests and notify

    @Test
    void followingALockedAccountAsksAndTheRequestIsApproved() {
        TestServer.User ann = user("ann"), bob = user("bob");
        server.colossus.social().followRequests().setLocked(Long.parseLong(ann.id()), true);
        assertThat(ok(server.get("/api/v1/accounts/" + ann.id(), null)).get("locked").asBoolean()).isTrue();
        String followersOnly = id(server.status(ann, "for followers", "visibility", "private"));

        JsonNode asked = ok(server.post("/api/v1/accounts/" + ann.id() + "/follow", bob.token(), Map.of("notify", "true")));
        assertThat(asked.get("following").asBoolean()).isFalse();
        assertThat(asked.get("requested").asBoolean()).isTrue();
        assertThat(asked.get("notifying").asBoolean()).isTrue();
        JsonNode seen = ok(server.get("/api/v1/accounts/relationships?id[]=" + bob.id(), ann.token())).get(0);
        assertThat(seen.get("requested_by").asBoolean()).isTrue();
        error(server.get("/api/v1/statuses/" + followersOnly, bob.token()), 404);
        assertThat(TestServer.ids(ok(server.get("/api/v1/accounts/" + ann.id() + "/statuses", bob.token())))).isEmpty();
        assertThat(ok(server.get("/api/v1/accounts/" + ann.id(), null)).get("followers_count").asInt()).isZero();

        JsonNode requests = ok(server.get("/api/v1/follow_requests", ann.token()));
        assertThat(requests.findValuesAsText("id")).containsExactly(bob.id());
        JsonNode notification = ok(server.get("/api/v1/notifications", ann.token())).get(0);
        assertThat(notification.get("type").asText()).isEqualTo("follow_request");
        assertThat(notification.at("/account/id").asText()).isEqualTo(bob.id());
        assertThat(notification.has("status")).isFalse();

        JsonNode approved = post(ann, "/api/v1/follow_requests/" + bob.id() + "/authorize");
        assertThat(approved.get("id").asText()).isEqualTo(bob.id());
        assertThat(approved.get("followed_by").asBoolean()).isTrue();
        assertThat(approved.get("requested_by").asBoolean()).isFalse();
        assertThat(ok(server.get("/api/v1/follow_requests", ann.token()))).isEmpty();
        assertThat(ok(server.get("/api/v1/notifications", ann.token()))).isEmpty();
        assertThat(id(ok(server.get("/api/v1/statuses/" + followersOnly, bob.token())))).isEqualTo(followersOnly);
        JsonNode now = ok(server.get("/api/v1/accounts/relationships?id[]=" + ann.id(), bob.token())).get(0);
        assertThat(now.get("following").asBoolean()).isTrue();
        assertThat(now.get("requested").asBoolean()).isFalse();
        assertThat(now.get("notifying").asBoolean()).isTrue();
        error(server.post("/api/v1/follow_requests/" + bob.id() + "/authorize", ann.token(), Map.of()), 404);
    }

    @Test
    void aRejectedOrWithdrawnRequestLeavesNothingBehind() {
        TestServer.User ann = user("ann"), bob = user("bob"), cy = user("cy");
        server.colossus.social().followRequests().setLocked(Long.parseLong(ann.id()), true);
        post(bob, "/api/v1/accounts/" + ann.id() + "/follow");
        post(cy, "/api/v1/accounts/" + ann.id() + "/follow");
        TestServer.Response page = server.get("/api/v1/follow_requests?limit=1", ann.token());
        assertThat(ok(page).findValuesAsText("id")).containsExactly(cy.id());
        assertThat(page.header("Link")).contains("rel=\"next\"");

        JsonNode rejected = post(ann, "/api/v1/follow_requests/" + bob.id() + "/reject");
        assertThat(rejected.get("followed_by").asBoolean()).isFalse();
        assertThat(rejected.get("requested_by").asBoolean()).isFalse();
        error(server.post("/api/v1/follow_requests/" + bob.id() + "/reject", ann.token(), Map.of()), 404);
        assertThat(post(cy, "/api/v1/accounts/" + ann.id() + "/unfollow").get("requested").asBoolean()).isFalse();
        assertThat(ok(server.get("/api/v1/follow_requests", ann.token()))).isEmpty();
        assertThat(ok(server.get("/api/v1/notifications", ann.token()))).isEmpty();

        error(server.get("/api/v1/follow_requests", null), 401);
        error(server.get("/api/v1/follow_requests", tokenWith(ann, "read:statuses")), 403);
        error(server.post("/api/v1/follow_requests/" + bob.id() + "/authorize", tokenWith(ann, "read:follows"), Map.of()), 403);
        error(server.post("/api/v1/follow_requests/x/reject", ann.token(), Map.of()), 404);
    }

    @Test
    void followingWithNotifyBringsStatusNotifications() {
        TestServer.User ann = user("ann"), bob = user("bob");
        JsonNode followed = ok(server.post("/api/v1/accounts/" + ann.id() + "/follow", bob.token(), Map.of("notify", "true")));
        assertThat(followed.get("following").asBoolean()).isTrue();
        assertThat(followed.get("notifying").asBoolean()).isTrue();
        String news = id(server.status(ann, "news"));
        server.status(ann, "@" + bob.username() + " direct, not a status notification", "visibility", "direct");

        JsonNode statuses = ok(server.get("/api/v1/notifications?types[]=status", bob.token()));
        assertThat(statuses).hasSize(1);
        assertThat(statuses.get(0).get("type").asText()).isEqualTo("status");
        assertThat(statuses.get(0).at("/status/id").asText()).isEqualTo(news);
        assertThat(statuses.get(0).at("/account/id").asText()).isEqualTo(ann.id());

        assertThat(post(bob, "/api/v1/accounts/" + ann.id() + "/follow").get("notifying").asBoolean()).isTrue();
        JsonNode off = ok(server.post("/api/v1/accounts/" + ann.id() + "/follow", bob.token(), Map.of("notify", "false")));
        assertThat(off.get("notifying").asBoolean()).isFalse();
        server.status(ann, "more news");
        assertThat(ok(server.get("/api/v1/notifications?types[]=status", bob.token()))).hasSize(1);
    }
}
