package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.app.AssistantConfig;
import dev.colossus.assistant.mention.MentionResponder;
import dev.colossus.social.Account;
import dev.colossus.social.service.PostService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Posts that mention @colossus get one reply in their thread, over real HTTP, also across restarts. */
class MentionRepliesApiTest {

    /** A long window, so that the rate limit never resets during a test however slow the machine. */
    private static final MentionResponder.Settings SETTINGS =
            new MentionResponder.Settings(5, Duration.ofHours(6), 64, Duration.ofHours(1));
    private final Path dir = TestServer.newDir();
    private TestServer server = start(SETTINGS);

    private TestServer start(MentionResponder.Settings settings) {
        return new TestServer(dir, c -> c, AssistantConfig.defaults().withMentions(settings));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The direct replies to a post, as its author sees them. */
    private List<JsonNode> replies(String postId, TestServer.User viewer) {
        TestServer.Response r = server.get("/api/v1/statuses/" + postId + "/context", viewer.token());
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("descendants").forEach(s -> {
            if (s.get("in_reply_to_id").asText().equals(postId)) out.add(s);
        });
        return out;
    }

    private List<JsonNode> awaitReplies(String postId, TestServer.User viewer) {
        return TestServer.eventually(() -> replies(postId, viewer), list -> !list.isEmpty());
    }

    /** The stored text of a post (the API shows HTML). */
    private String text(JsonNode status) {
        return server.colossus.social().posts().get(Long.parseLong(status.get("id").asText()), null).text();
    }

    @Test
    void aMentionGetsOneReplyInItsThreadFromTheBotAccountCitingMatchingPosts() {
        TestServer.User bob = server.signUp("bob");
        TestServer.User alice = server.signUp("alice");
        String source = server.status(bob, "Feed a sourdough starter twice a day with equal flour and water").get("id").asText();
        TestServer.eventually(() -> server.get("/api/v2/search?type=statuses&q=sourdough", null).json().get("statuses").size(),
                n -> n >= 1);

        String question = server.status(alice, "@colossus how often do I feed my sourdough starter?").get("id").asText();
        List<JsonNode> replies = awaitReplies(question, alice);

        assertThat(replies).hasSize(1);
        JsonNode reply = replies.getFirst();
        assertThat(reply.at("/account/acct").asText()).isEqualTo("colossus");
        assertThat(reply.at("/account/bot").asBoolean()).isTrue();
        assertThat(reply.get("visibility").asText()).isEqualTo("public");
        String text = text(reply);
        assertThat(text).startsWith("@alice ").contains(server.base + "/@bob/" + source)
                .doesNotContain("**").doesNotContain("`").hasSizeLessThanOrEqualTo(MentionResponder.MAX_REPLY_CHARS);
        // Without a model it says plainly that it quotes posts, and never tells the asker how to set a model up.
        assertThat(text).startsWith("@alice The posts that match best (I answer with quotes from posts):")
                .doesNotContain("model").doesNotContain("COLOSSUS_").doesNotContain("--");
        assertThat(reply.get("mentions")).extracting(m -> m.get("acct").asText()).containsExactly("alice");
    }

    @Test
    void theReplyKeepsTheVisibilityOfThePostItAnswers() {
        TestServer.User alice = server.signUp("alice");
        String question = server.status(alice, "@colossus anything about gardening?", "visibility", "private").get("id").asText();

        List<JsonNode> replies = awaitReplies(question, alice);

        assertThat(replies).hasSize(1);
        assertThat(replies.getFirst().get("visibility").asText()).isEqualTo("private");
        assertThat(server.get("/api/v1/statuses/" + replies.getFirst().get("id").asText(), null).status()).isEqualTo(404);
    }

    @Test
    void aRestartNeverAnswersAPostTwiceAndPicksUpMentionsMadeWhileMentionsWereOff() {
        TestServer.User alice = server.signUp("alice");
        TestServer.User carol = server.signUp("carol");
        String first = server.status(alice, "@colossus what is a good bread flour?").get("id").asText();
        assertThat(awaitReplies(first, alice)).hasSize(1);

        server.stopKeepingData();
        server = start(null); // mentions off: this one goes unanswered for now
        String missed = server.status(carol, "@colossus are you there?").get("id").asText();
        server.stopKeepingData();
        server = start(SETTINGS);

        assertThat(awaitReplies(missed, carol)).hasSize(1);
        String marker = server.status(carol, "@colossus one more question").get("id").asText();
        assertThat(awaitReplies(marker, carol)).hasSize(1);
        // The catch-up queue ran before the marker was answered: the first post still has its one reply.
        assertThat(replies(first, alice)).hasSize(1);
        assertThat(replies(missed, carol)).hasSize(1);
    }

    @Test
    void theAssistantNeverAnswersItselfOrAnotherBot() {
        TestServer.User robot = server.signUp("robot");
        TestServer.Response flagged = server.form("PATCH", "/api/v1/accounts/update_credentials", robot.token(), Map.of("bot", "true"));
        assertThat(flagged.json().get("bot").asBoolean()).isTrue();
        Account colossus = server.colossus.social().accounts().lookup("colossus").orElseThrow();
        long self = server.colossus.social().posts().create(colossus.id(), null,
                new PostService.NewPost("Note to self, @colossus: stay humble", null, null, null, false, null), null).id();
        String fromBot = server.status(robot, "@colossus beep boop, what is the weather?").get("id").asText();
        TestServer.User dana = server.signUp("dana");
        String marker = server.status(dana, "@colossus hello there").get("id").asText();

        assertThat(awaitReplies(marker, dana)).hasSize(1);
        // Mentions are answered in order, so both earlier posts have been looked at by now.
        assertThat(replies(Long.toString(self), dana)).isEmpty();
        assertThat(replies(fromBot, dana)).isEmpty();
    }

    @Test
    void anAccountGetsAtMostTheConfiguredRepliesPerWindow() {
        server.close();
        server = start(new MentionResponder.Settings(2, Duration.ofHours(6), 64, Duration.ofHours(1)));
        TestServer.User alice = server.signUp("alice");
        List<String> asked = new ArrayList<>();
        for (int i = 1; i <= 3; i++) asked.add(server.status(alice, "@colossus question number " + i).get("id").asText());
        TestServer.User bob = server.signUp("bob");
        String marker = server.status(bob, "@colossus my first question").get("id").asText();

        assertThat(awaitReplies(marker, bob)).hasSize(1);
        assertThat(replies(asked.get(0), alice)).hasSize(1);
        assertThat(replies(asked.get(1), alice)).hasSize(1);
        assertThat(replies(asked.get(2), alice)).isEmpty();
    }
}
