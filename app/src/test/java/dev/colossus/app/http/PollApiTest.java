package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.social.PollLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mastodon's polls over real HTTP: made with a post (form fields or JSON), seen at {@code /api/v1/polls/:id}, voted
 * on, every refusal, and the {@code poll} notifications when one ends. Polls here may run for as little as a second,
 * so a test can wait for one to end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PollApiTest {

    private final TestServer server = new TestServer(c -> c.withPolls(
            new PollLimits(4, 50, Duration.ofSeconds(1), Duration.ofSeconds(2_629_746))));

    @AfterAll
    void stop() {
        server.close();
    }

    /** Posts {@code status} with a poll from a form body whose fields repeat ({@code poll[options][]}). */
    private TestServer.Response formPoll(TestServer.User who, String... fields) {
        StringBuilder body = new StringBuilder("status=Which%3F");
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.append('&').append(TestServer.formBody(Map.of(fields[i], fields[i + 1])));
        }
        return server.send("POST", "/api/v1/statuses", who.token(), "application/x-www-form-urlencoded",
                body.toString(), Map.of());
    }

    private TestServer.Response jsonPoll(TestServer.User who, Map<String, ?> poll) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "Which?");
        body.put("poll", poll);
        return server.postJson("/api/v1/statuses", who.token(), body);
    }

    private JsonNode poll(TestServer.User author, long seconds, boolean multiple, String... options) {
        Map<String, Object> poll = new LinkedHashMap<>();
        poll.put("options", List.of(options));
        poll.put("expires_in", seconds);
        poll.put("multiple", multiple);
        TestServer.Response r = jsonPoll(author, poll);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json().get("poll");
    }

    private TestServer.Response vote(TestServer.User who, String pollId, String... choices) {
        StringBuilder body = new StringBuilder();
        for (String choice : choices) body.append(body.isEmpty() ? "" : "&").append("choices%5B%5D=").append(choice);
        return server.send("POST", "/api/v1/polls/" + pollId + "/votes", who == null ? null : who.token(),
                "application/x-www-form-urlencoded", body.toString(), Map.of());
    }

    private static List<JsonNode> counts(JsonNode poll) {
        List<JsonNode> out = new ArrayList<>();
        poll.get("options").forEach(o -> out.add(o.get("votes_count")));
        return out;
    }

    private static List<String> titles(JsonNode poll) {
        List<String> out = new ArrayList<>();
        poll.get("options").forEach(o -> out.add(o.get("title").asText()));
        return out;
    }

    @Test
    void theInstanceAdvertisesItsPollLimits() {
        for (String path : List.of("/api/v1/instance", "/api/v2/instance")) {
            JsonNode polls = server.get(path, null).json().at("/configuration/polls");
            assertThat(polls.get("max_options").asInt()).isEqualTo(4);
            assertThat(polls.get("max_characters_per_option").asInt()).isEqualTo(50);
            assertThat(polls.get("min_expiration").asLong()).isEqualTo(1);
            assertThat(polls.get("max_expiration").asLong()).isEqualTo(2_629_746);
        }
    }

    @Test
    void aPollPostedAsFormFieldsComesBackWithItsPost() {
        TestServer.User ann = server.signUp("pollform");
        TestServer.Response r = formPoll(ann, "poll[options][]", "tea", "poll[options][]", "coffee",
                "poll[expires_in]", "3600", "poll[multiple]", "true", "poll[hide_totals]", "false");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        JsonNode poll = r.json().get("poll");
        assertThat(titles(poll)).containsExactly("tea", "coffee");
        assertThat(poll.get("multiple").asBoolean()).isTrue();
        assertThat(poll.get("expired").asBoolean()).isFalse();
        assertThat(poll.get("voted").asBoolean()).isFalse();
        assertThat(poll.get("own_votes")).isEmpty();
        assertThat(poll.get("votes_count").asLong()).isZero();
        assertThat(counts(poll)).extracting(JsonNode::asLong).containsExactly(0L, 0L); // the author sees results
        Instant expires = Instant.parse(poll.get("expires_at").asText());
        assertThat(expires).isBetween(Instant.now().plusSeconds(3590), Instant.now().plusSeconds(3600));

        String status = r.json().get("id").asText();
        JsonNode seenAnonymously = server.get("/api/v1/statuses/" + status, null).json().get("poll");
        assertThat(seenAnonymously.get("id").asText()).isEqualTo(poll.get("id").asText());
        assertThat(counts(seenAnonymously)).allMatch(JsonNode::isNull);
        assertThat(seenAnonymously.get("voters_count").isNull()).isTrue();
        assertThat(server.get("/api/v1/polls/" + poll.get("id").asText(), null).json()).isEqualTo(seenAnonymously);
        JsonNode inTimeline = server.get("/api/v1/timelines/public?limit=40", null).json();
        List<String> pollsShown = new ArrayList<>();
        inTimeline.forEach(s -> { if (!s.get("poll").isNull()) pollsShown.add(s.at("/poll/id").asText()); });
        assertThat(pollsShown).contains(poll.get("id").asText());
    }

    @Test
    void aPollPostedAsJsonComesBackWithItsPost() {
        TestServer.User ann = server.signUp("polljson");
        JsonNode poll = poll(ann, 600, false, "yes", "no", "maybe");
        assertThat(titles(poll)).containsExactly("yes", "no", "maybe");
        assertThat(poll.get("multiple").asBoolean()).isFalse();
    }

    @Test
    void aPollThatBreaksARuleIsRefusedWith422() throws Exception {
        TestServer.User ann = server.signUp("pollbad");
        Map<String, Map<String, ?>> refused = new LinkedHashMap<>();
        refused.put("more than one item", Map.of("options", List.of("alone"), "expires_in", 600));
        refused.put("more than 4 items", Map.of("options", List.of("a", "b", "c", "d", "e"), "expires_in", 600));
        refused.put("longer than 50 characters", Map.of("options", List.of("a", "b".repeat(51)), "expires_in", 600));
        refused.put("duplicate", Map.of("options", List.of("a", "a"), "expires_in", 600));
        refused.put("can't be blank", Map.of("options", List.of("a", "b")));
        refused.put("too soon", Map.of("options", List.of("a", "b"), "expires_in", 0));
        refused.put("too far", Map.of("options", List.of("a", "b"), "expires_in", 2_629_747));
        refused.put("whole number", Map.of("options", List.of("a", "b"), "expires_in", "soon"));
        refused.forEach((why, poll) -> {
            TestServer.Response r = jsonPoll(ann, poll);
            assertThat(r.status()).as(why).isEqualTo(422);
            assertThat(r.error()).as(why).contains(why);
        });
        TestServer.Response form = formPoll(ann, "poll[options][]", "only");
        assertThat(form.status()).isEqualTo(422);

        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        String media = PictureUpload.png(server, ann, png.toByteArray());
        Map<String, Object> withMedia = new LinkedHashMap<>();
        withMedia.put("status", "both");
        withMedia.put("media_ids", List.of(media));
        withMedia.put("poll", Map.of("options", List.of("a", "b"), "expires_in", 600));
        TestServer.Response both = server.postJson("/api/v1/statuses", ann.token(), withMedia);
        assertThat(both.status()).isEqualTo(422);
        assertThat(both.error()).contains("media attachments or a poll");

        Map<String, Object> notAnObject = new LinkedHashMap<>();
        notAnObject.put("status", "odd");
        notAnObject.put("poll", List.of("a", "b"));
        assertThat(server.postJson("/api/v1/statuses", ann.token(), notAnObject).status()).isEqualTo(400);
        assertThat(server.get("/api/v1/accounts/" + ann.id(), null).json().get("statuses_count").asInt()).isZero();
    }

    @Test
    void aVoteIsCountedAndShowsTheVoterTheResults() {
        TestServer.User ann = server.signUp("vote1a"), bob = server.signUp("vote1b"), cy = server.signUp("vote1c");
        JsonNode poll = poll(ann, 600, true, "red", "green", "blue");
        String id = poll.get("id").asText();

        TestServer.Response r = vote(bob, id, "0", "2");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.json().get("voted").asBoolean()).isTrue();
        assertThat(r.json().get("own_votes")).extracting(JsonNode::asInt).containsExactly(0, 2);
        assertThat(counts(r.json())).extracting(JsonNode::asLong).containsExactly(1L, 0L, 1L);
        assertThat(r.json().get("votes_count").asLong()).isEqualTo(2);
        assertThat(r.json().get("voters_count").asLong()).isEqualTo(1);

        JsonNode seenByCy = server.get("/api/v1/polls/" + id, cy.token()).json();
        assertThat(seenByCy.get("voted").asBoolean()).isFalse();
        assertThat(counts(seenByCy)).allMatch(JsonNode::isNull);
        assertThat(seenByCy.get("votes_count").asLong()).isEqualTo(2);
        JsonNode seenByBob = server.get("/api/v1/polls/" + id, bob.token()).json();
        assertThat(seenByBob).isEqualTo(r.json());
    }

    @Test
    void votesThatBreakARuleAreRefused() throws InterruptedException {
        TestServer.User ann = server.signUp("vote2a"), bob = server.signUp("vote2b"), cy = server.signUp("vote2c");
        String id = poll(ann, 600, false, "a", "b").get("id").asText();
        assertRefused(vote(ann, id, "0"), 422, "your own polls");
        assertRefused(vote(bob, id, "2"), 422, "does not exist");
        assertRefused(vote(bob, id, "x"), 422, "does not exist");
        assertRefused(vote(bob, id, "0", "1"), 422, "only one choice");
        assertRefused(vote(bob, id), 400, "choices");
        assertRefused(vote(null, id, "0"), 401, "invalid");
        assertRefused(vote(bob, "999999", "0"), 404, "not found");
        assertThat(vote(bob, id, "1").status()).isEqualTo(200);
        assertRefused(vote(bob, id, "0"), 422, "already voted");
        assertThat(counts(server.get("/api/v1/polls/" + id, bob.token()).json()))
                .extracting(JsonNode::asLong).containsExactly(0L, 1L);

        JsonNode ending = poll(ann, 1, false, "now", "never");
        Thread.sleep(Duration.between(Instant.now(), Instant.parse(ending.get("expires_at").asText())).toMillis() + 50);
        assertRefused(vote(cy, ending.get("id").asText(), "0"), 422, "already ended");
        JsonNode ended = server.get("/api/v1/polls/" + ending.get("id").asText(), cy.token()).json();
        assertThat(ended.get("expired").asBoolean()).isTrue();
        assertThat(counts(ended)).extracting(JsonNode::asLong).containsExactly(0L, 0L);
    }

    private static void assertRefused(TestServer.Response r, int status, String why) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
        assertThat(r.error()).containsIgnoringCase(why);
    }

    @Test
    void aPollOfAPostHiddenFromTheCallerIsNotFound() {
        TestServer.User ann = server.signUp("hide1a"), bob = server.signUp("hide1b");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "followers only: which?");
        body.put("visibility", "private");
        body.put("poll", Map.of("options", List.of("a", "b"), "expires_in", 600));
        String id = server.postJson("/api/v1/statuses", ann.token(), body).json().at("/poll/id").asText();
        assertThat(server.get("/api/v1/polls/" + id, ann.token()).status()).isEqualTo(200);
        assertThat(server.get("/api/v1/polls/" + id, bob.token()).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/polls/" + id, null).status()).isEqualTo(404);
        assertRefused(vote(bob, id, "0"), 404, "not found");
        assertThat(server.get("/api/v1/polls/nope", null).status()).isEqualTo(404);
    }

    @Test
    void theEndOfAPollNotifiesItsVotersAndItsAuthorLive() throws Exception {
        TestServer.User ann = server.signUp("end1a"), bob = server.signUp("end1b"), cy = server.signUp("end1c");
        try (WebSocketStreamingTest.Socket socket = WebSocketStreamingTest.Socket.open(server,
                "stream=user:notification&access_token=" + bob.token(), null)) {
            JsonNode poll = poll(ann, 2, false, "sooner", "later");
            assertThat(vote(bob, poll.get("id").asText(), "0").status()).isEqualTo(200);
            JsonNode message = socket.next(10_000);
            assertThat(message).as("a notification when the poll ends").isNotNull();
            JsonNode n = TestServer.JSON.readTree(message.get("payload").asText());
            assertThat(n.get("type").asText()).isEqualTo("poll");
            assertThat(n.at("/account/id").asText()).isEqualTo(ann.id());
            assertThat(n.at("/status/poll/id").asText()).isEqualTo(poll.get("id").asText());
            assertThat(n.at("/status/poll/expired").asBoolean()).isTrue();
            assertThat(Instant.parse(n.get("created_at").asText()))
                    .isAfterOrEqualTo(Instant.parse(poll.get("expires_at").asText()));
        }
        JsonNode annNotifications = TestServer.eventually(
                () -> server.get("/api/v1/notifications?types[]=poll", ann.token()).json(), list -> list.size() == 1);
        assertThat(annNotifications.get(0).at("/account/id").asText()).isEqualTo(ann.id());
        assertThat(annNotifications.get(0).at("/status/poll/votes_count").asLong()).isEqualTo(1);
        assertThat(server.get("/api/v1/notifications", cy.token()).json()).isEmpty();
        assertThat(server.get("/api/v1/notifications?exclude_types[]=poll", bob.token()).json()).isEmpty();
    }
}
