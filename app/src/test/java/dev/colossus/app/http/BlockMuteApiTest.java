package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blocks and mutes over real HTTP: the endpoints' answers and errors, and what they hide from timelines, search,
 * threads, notifications and streams.
 */
class BlockMuteApiTest extends StoreApiTest {

    private JsonNode act(TestServer.User who, TestServer.User target, String action, Map<String, String> params) {
        return ok(server.post("/api/v1/accounts/" + target.id() + "/" + action, who.token(), params));
    }

    private List<String> timeline(String path, TestServer.User viewer) {
        return TestServer.ids(ok(server.get(path, viewer.token())));
    }

    @Test
    void blockAnswersTheRelationshipAndEndsTheFollowsBothWays() {
        TestServer.User ann = user("ann"), bob = user("bob");
        act(ann, bob, "follow", Map.of());
        act(bob, ann, "follow", Map.of());

        JsonNode r = act(ann, bob, "block", Map.of());
        assertThat(r.get("id").asText()).isEqualTo(bob.id());
        assertThat(r.get("blocking").asBoolean()).isTrue();
        assertThat(r.get("following").asBoolean()).isFalse();
        assertThat(r.get("followed_by").asBoolean()).isFalse();
        JsonNode seen = ok(server.get("/api/v1/accounts/relationships?id[]=" + ann.id(), bob.token())).get(0);
        assertThat(seen.get("blocked_by").asBoolean()).isTrue();
        TestServer.Response follow = server.post("/api/v1/accounts/" + ann.id() + "/follow", bob.token(), Map.of());
        assertThat(follow.status()).isEqualTo(403);
        assertThat(follow.error()).isEqualTo("This action is not allowed");

        assertThat(TestServer.ids(ok(server.get("/api/v1/blocks", ann.token())))).containsExactly(bob.id());
        assertThat(act(ann, bob, "unblock", Map.of()).get("blocking").asBoolean()).isFalse();
        assertThat(ok(server.get("/api/v1/blocks", ann.token()))).isEmpty();
    }

    @Test
    void aBlockHidesTheBlockedAccountsPostsFromTimelinesSearchAndThreads() {
        TestServer.User ann = user("ann"), bob = user("bob"), cy = user("cy");
        act(ann, cy, "follow", Map.of());
        String bobs = server.status(bob, "quokkablock from bob #quokkatag").get("id").asText();
        String cys = server.status(cy, "quokkablock from cy #quokkatag", "in_reply_to_id", bobs).get("id").asText();
        String reblog = ok(server.post("/api/v1/statuses/" + bobs + "/reblog", cy.token(), Map.of())).get("id").asText();
        server.awaitSearchable("quokkablock", 2);
        assertThat(timeline("/api/v1/timelines/home", ann)).contains(reblog);

        act(ann, bob, "block", Map.of());

        assertThat(timeline("/api/v1/timelines/home", ann)).doesNotContain(reblog).contains(cys);
        assertThat(timeline("/api/v1/timelines/public", ann)).doesNotContain(bobs).contains(cys);
        assertThat(timeline("/api/v1/timelines/tag/quokkatag", ann)).containsExactly(cys);
        JsonNode found = ok(server.get("/api/v2/search?type=statuses&q=quokkablock", ann.token())).get("statuses");
        assertThat(TestServer.ids(found)).containsExactly(cys);
        assertThat(TestServer.ids(ok(server.get("/api/v1/statuses/" + cys + "/context", ann.token())).get("ancestors"))).isEmpty();
        // The blocked account cannot open, reply to or see the blocker's posts.
        String anns = server.status(ann, "ann's own words").get("id").asText();
        assertThat(server.get("/api/v1/statuses/" + anns, bob.token()).status()).isEqualTo(404);
        assertThat(server.post("/api/v1/statuses", bob.token(), Map.of("status", "@" + ann.username() + " hi",
                "in_reply_to_id", anns)).status()).isEqualTo(404);
        assertThat(timeline("/api/v1/accounts/" + ann.id() + "/statuses", bob)).isEmpty();
        // Someone else still sees everything.
        assertThat(timeline("/api/v1/timelines/tag/quokkatag", cy)).contains(bobs, cys);
    }

    @Test
    void blockedAndMutedAccountsLeaveSuggestionsAccountSearchAndTrendingPosts() {
        TestServer.User ann = user("ann"), bob = user("bob"), eve = user("eve"), cy = user("cy"), dee = user("dee");
        String bobs = server.status(bob, "quokkatrend from bob").get("id").asText();
        String eves = server.status(eve, "quokkatrend from eve").get("id").asText();
        server.status(cy, "cy posts too");
        for (TestServer.User fan : List.of(cy, dee)) {
            for (String post : List.of(bobs, eves)) {
                ok(server.post("/api/v1/statuses/" + post + "/favourite", fan.token(), Map.of()));
            }
        }
        server.awaitSearchable("quokkatrend", 2);
        assertThat(suggested(ann)).contains(bob.id(), eve.id());
        assertThat(foundAccounts(ann, bob)).containsExactly(bob.id());
        assertThat(foundAccounts(ann, eve)).containsExactly(eve.id());
        assertThat(TestServer.ids(ok(server.get("/api/v1/trends/statuses?limit=40", ann.token())))).contains(bobs, eves);

        act(ann, bob, "block", Map.of());
        act(ann, eve, "mute", Map.of());

        assertThat(suggested(ann)).doesNotContain(bob.id(), eve.id()).contains(cy.id());
        assertThat(foundAccounts(ann, bob)).isEmpty();
        assertThat(foundAccounts(ann, eve)).isEmpty();
        assertThat(TestServer.ids(ok(server.get("/api/v1/trends/statuses?limit=40", ann.token())))).doesNotContain(bobs, eves);
        // The blocked account does not find the blocker either; others still see everyone.
        assertThat(foundAccounts(bob, ann)).isEmpty();
        assertThat(foundAccounts(cy, bob)).containsExactly(bob.id());
        assertThat(TestServer.ids(ok(server.get("/api/v1/trends/statuses?limit=40", null)))).contains(bobs, eves);
    }

    private List<String> suggested(TestServer.User viewer) {
        JsonNode list = ok(server.get("/api/v2/suggestions?limit=80", viewer.token()));
        return java.util.stream.StreamSupport.stream(list.spliterator(), false)
                .map(s -> s.at("/account/id").asText()).toList();
    }

    private List<String> foundAccounts(TestServer.User viewer, TestServer.User wanted) {
        return TestServer.ids(ok(server.get("/api/v1/accounts/search?q=" + wanted.username(), viewer.token())));
    }

    @Test
    void notificationsFromABlockedAccountGoAndStopComing() {
        TestServer.User ann = user("ann"), bob = user("bob");
        String anns = server.status(ann, "a post to like").get("id").asText();
        ok(server.post("/api/v1/statuses/" + anns + "/favourite", bob.token(), Map.of()));
        assertThat(ok(server.get("/api/v1/notifications", ann.token()))).hasSize(1);

        act(ann, bob, "block", Map.of());
        server.status(bob, "@" + ann.username() + " are you there?");

        assertThat(ok(server.get("/api/v1/notifications", ann.token()))).isEmpty();
    }

    @Test
    void aMuteWithoutNotificationsKeepsThemAndOneWithThemHidesThem() {
        TestServer.User ann = user("ann"), bob = user("bob");
        act(ann, bob, "follow", Map.of());
        String bobs = server.status(bob, "bob talks").get("id").asText();

        JsonNode r = act(ann, bob, "mute", Map.of("notifications", "false"));
        assertThat(r.get("muting").asBoolean()).isTrue();
        assertThat(r.get("muting_notifications").asBoolean()).isFalse();
        assertThat(r.get("following").asBoolean()).isTrue();
        assertThat(timeline("/api/v1/timelines/home", ann)).doesNotContain(bobs);
        assertThat(timeline("/api/v1/accounts/" + bob.id() + "/statuses", ann)).containsExactly(bobs);
        server.status(bob, "@" + ann.username() + " hello");
        assertThat(ok(server.get("/api/v1/notifications", ann.token()))).hasSize(1);

        assertThat(act(ann, bob, "mute", Map.of()).get("muting_notifications").asBoolean()).isTrue(); // default: true
        assertThat(ok(server.get("/api/v1/notifications", ann.token()))).isEmpty();

        JsonNode mutes = ok(server.get("/api/v1/mutes", ann.token()));
        assertThat(TestServer.ids(mutes)).containsExactly(bob.id());
        assertThat(mutes.get(0).get("mute_expires_at").isNull()).isTrue();
        assertThat(act(ann, bob, "unmute", Map.of()).get("muting").asBoolean()).isFalse();
        assertThat(timeline("/api/v1/timelines/home", ann)).contains(bobs);
    }

    @Test
    void aMuteWithADurationCarriesItsExpiryAndLapses() throws Exception {
        TestServer.User ann = user("ann"), bob = user("bob");
        act(ann, bob, "mute", Map.of("duration", "1"));
        JsonNode mutes = ok(server.get("/api/v1/mutes", ann.token()));
        assertThat(mutes.get(0).get("mute_expires_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        String bobs = server.status(bob, "bob is back soon").get("id").asText();
        assertThat(timeline("/api/v1/timelines/public", ann)).doesNotContain(bobs);

        Thread.sleep(1100);

        assertThat(timeline("/api/v1/timelines/public", ann)).contains(bobs);
        assertThat(ok(server.get("/api/v1/mutes", ann.token()))).isEmpty();
    }

    @Test
    void theListsArePagedWithLinkHeaders() {
        TestServer.User ann = user("ann"), bob = user("bob"), cy = user("cy");
        act(ann, bob, "block", Map.of());
        act(ann, cy, "block", Map.of());
        TestServer.Response first = server.get("/api/v1/blocks?limit=1", ann.token());
        assertThat(TestServer.ids(first.json())).containsExactly(cy.id());
        String next = first.header("Link").replaceAll(".*<([^>]+)>; rel=\"next\".*", "$1");
        assertThat(TestServer.ids(ok(server.get(URI.create(next).getRawPath() + "?" + URI.create(next).getRawQuery(),
                ann.token())))).containsExactly(bob.id());
    }

    @Test
    void badRequestsGetMastodonsErrors() {
        TestServer.User ann = user("ann"), bob = user("bob");
        assertThat(server.post("/api/v1/accounts/" + ann.id() + "/block", ann.token(), Map.of()).status()).isEqualTo(403);
        assertThat(server.post("/api/v1/accounts/" + ann.id() + "/mute", ann.token(), Map.of()).status()).isEqualTo(403);
        assertThat(server.post("/api/v1/accounts/4242/block", ann.token(), Map.of()).status()).isEqualTo(404);
        assertThat(server.post("/api/v1/accounts/4242/mute", ann.token(), Map.of()).status()).isEqualTo(404);
        assertThat(server.post("/api/v1/accounts/" + bob.id() + "/mute", ann.token(), Map.of("duration", "-5")).status())
                .isEqualTo(422);
        assertThat(server.post("/api/v1/accounts/" + bob.id() + "/block", null, Map.of()).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/blocks", null).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/mutes", server.appToken()).status()).isEqualTo(422); // an app token has no user
    }

    @Test
    void theStreamsLeaveOutWhatABlockHides() throws Exception {
        TestServer.User ann = user("ann"), bob = user("bob"), cy = user("cy");
        act(ann, bob, "block", Map.of());
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base + "/api/v1/streaming/public"))
                .header("Authorization", "Bearer " + ann.token()).build();
        HttpResponse<InputStream> response = server.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        BlockingQueue<String> updates = new LinkedBlockingQueue<>();
        BlockingQueue<String> opened = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.equals(":)")) opened.add(line); // the stream is subscribed
                    if (line.startsWith("data: {")) updates.add(TestServer.JSON.readTree(line.substring(6)).get("id").asText());
                }
            } catch (java.io.IOException ignored) {
                // closed
            }
        });
        try {
            assertThat(opened.poll(10, TimeUnit.SECONDS)).isEqualTo(":)");
            server.status(bob, "bob streams");
            String cys = server.status(cy, "cy streams").get("id").asText();
            assertThat(updates.poll(10, TimeUnit.SECONDS)).isEqualTo(cys);
        } finally {
            response.body().close();
            reader.interrupt();
        }
    }
}
