package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.app.AssistantConfig;
import dev.colossus.app.TestFixtures;
import dev.colossus.assistant.mention.MentionResponder;
import dev.colossus.social.text.PostText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Mention replies, "Explain this post" and Stories written by a real model (stories260K) on the local engine. */
class ColossusLocalModelTest {

    private static TestServer server;
    private static TestServer.User alice;
    private static List<String> eclipse;

    @BeforeAll
    static void start() {
        Path model = TestFixtures.stories260k();
        server = new TestServer(TestServer.newDir(), c -> c, AssistantConfig.defaults().withModel(model));
        alice = server.signUp("alice");
        TestServer.User bob = server.signUp("bob");
        eclipse = List.of(
                server.status(alice, "The #eclipse made the birds go quiet in the park").get("id").asText(),
                server.status(bob, "Watching the #eclipse with my little sister, she loved it").get("id").asText());
        TestServer.eventually(() -> server.get("/api/v2/search?type=statuses&q=eclipse", null).json().get("statuses").size(),
                n -> n >= 2);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void aMentionIsAnsweredByTheModelWithAShortPlainReplyInTheThread() {
        String question = server.status(alice, "@colossus tell me a story about the #eclipse").get("id").asText();
        List<JsonNode> replies = TestServer.eventually(() -> {
            List<JsonNode> out = new ArrayList<>();
            server.get("/api/v1/statuses/" + question + "/context", alice.token()).json().get("descendants").forEach(out::add);
            return out;
        }, list -> !list.isEmpty());

        assertThat(replies).hasSize(1);
        String text = server.colossus.social().posts().get(Long.parseLong(replies.getFirst().get("id").asText()), null).text();
        assertThat(text).startsWith("@alice ").doesNotContain("I answer with quotes from posts")
                .doesNotContain("**").doesNotContain("```");
        // counted as the network counts a post: each link as 23 characters, as Mastodon does
        assertThat(PostText.length(text)).isLessThanOrEqualTo(MentionResponder.MAX_REPLY_CHARS);
        assertThat(text.length()).isGreaterThan("@alice ".length());
    }

    @Test
    void explainIsWrittenByTheModelAndListsItsSources() {
        TestServer.Response r = server.postJson("/api/v1/colossus/explain", alice.token(), Map.of("status_id", eclipse.get(0)));

        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.json().get("extractive").asBoolean()).isFalse();
        assertThat(r.json().get("text").asText()).isNotBlank().doesNotContain("extractive");
        assertThat(ColossusApiTest.urls(r.json().get("citations"))).isNotEmpty()
                .allMatch(u -> u.matches(java.util.regex.Pattern.quote(server.base) + "/@\\w+/\\d+"));
    }

    @Test
    void storiesAreWrittenByTheModelForTheTrendingTag() {
        JsonNode stories = TestServer.eventually(() -> server.get("/api/v1/colossus/stories", null).json().get("stories"),
                list -> !list.isEmpty());

        assertThat(stories).isNotEmpty();
        JsonNode story = stories.get(0);
        assertThat(story.get("tag").asText()).isEqualTo("eclipse");
        assertThat(story.get("text").asText()).isNotBlank().doesNotStartWith("People are posting about");
        // Sampled text may cite any of the #eclipse posts (other tests here add some): links to posts of this server.
        assertThat(ColossusApiTest.urls(story.get("citations"))).isNotEmpty()
                .allMatch(u -> u.matches(java.util.regex.Pattern.quote(server.base) + "/@\\w+/\\d+"));
    }
}
