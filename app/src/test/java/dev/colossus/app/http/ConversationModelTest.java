package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.app.AssistantConfig;
import dev.colossus.app.TestFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Conversations answered by the real stories260K model, its window cut to 512 tokens and answers to 24 tokens. */
class ConversationModelTest {

    private static final String BASE = "/api/v1/colossus/conversations";
    private static final int CONTEXT = 512;
    private static final int ANSWER_TOKENS = 24;
    private static final int TURNS = 8;
    private static TestServer server;

    @BeforeAll
    static void start() {
        Path model = TestFixtures.stories260k();
        server = new TestServer(AssistantConfig.defaults().withModel(model).withModelContext(CONTEXT)
                .withTokenLimits(6144, ANSWER_TOKENS));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static JsonNode ask(TestServer.User user, String id, String question) {
        TestServer.Response r = server.postJson(BASE + "/" + id + "/messages", user.token(), Map.of("content", question));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }

    private static String start(TestServer.User user) {
        return server.postJson(BASE, user.token(), Map.of()).json().get("id").asText();
    }

    @Test
    void theStoredHistoryIsPartOfTheNextPrompt() {
        TestServer.User alice = server.signUp("alice");
        String id = start(alice);
        String question = "Once upon a time there was a little girl named Lily.";
        JsonNode first = ask(alice, id, question);
        JsonNode second = ask(alice, id, "What happened next?");
        String firstAnswer = server.get(BASE + "/" + id, alice.token()).json().at("/messages/1/content").asText();
        assertThat(firstAnswer).isEqualTo(first.get("content").asText()).isNotBlank();
        // The second prompt holds the first question and answer on top of the shorter second question.
        assertThat(second.at("/usage/prompt_tokens").asInt())
                .isGreaterThan(first.at("/usage/prompt_tokens").asInt() + question.length() / 4);
    }

    @Test
    void aConversationLongerThanTheContextWindowKeepsBeingAnswered() {
        TestServer.User bob = server.signUp("bob");
        String id = start(bob);
        String filler = " The sun was shining and the birds were singing in the tall green trees by the river.";
        int[] prompts = new int[TURNS + 1];
        for (int turn = 1; turn <= TURNS; turn++) {
            JsonNode answer = ask(bob, id, "Question " + turn + "." + filler);
            prompts[turn] = answer.at("/usage/prompt_tokens").asInt();
            assertThat(prompts[turn]).isLessThanOrEqualTo(CONTEXT - ANSWER_TOKENS);
            assertThat(answer.at("/usage/completion_tokens").asInt()).isBetween(1, ANSWER_TOKENS);
        }
        // Each turn adds what the second prompt grew by: the whole history is far longer than the window,
        // so the oldest turns were left out, and every turn is still stored.
        assertThat((prompts[2] - prompts[1]) * (TURNS - 1)).isGreaterThan(CONTEXT);
        assertThat(server.get(BASE + "/" + id, bob.token()).json().get("messages")).hasSize(2 * TURNS);
    }
}
