package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.app.AssistantConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The conversations API on a real server without a model (answers are extractive, which is quick). */
class ConversationApiTest {

    private static final String BASE = "/api/v1/colossus/conversations";
    private final TestServer server = new TestServer(AssistantConfig.defaults());

    @AfterEach
    void stop() {
        server.close();
    }

    private String start(TestServer.User user, String mode) {
        TestServer.Response r = server.postJson(BASE, user.token(), mode == null ? Map.of() : Map.of("mode", mode));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    @Test
    void aConversationStartsEmptyInTheRegularModeOrTheOneAskedFor() {
        TestServer.User alice = server.signUp("alice");
        JsonNode regular = server.get(BASE + "/" + start(alice, null), alice.token()).json();
        assertThat(regular.get("mode").asText()).isEqualTo("regular");
        assertThat(regular.get("model").asText()).isEqualTo("colossus");
        assertThat(regular.get("title").asText()).isEmpty();
        assertThat(regular.get("messages")).isEmpty();
        JsonNode fun = server.get(BASE + "/" + start(alice, "fun"), alice.token()).json();
        assertThat(fun.get("mode").asText()).isEqualTo("fun");
        assertThat(fun.get("model").asText()).isEqualTo("colossus-fun");
        TestServer.Response bad = server.postJson(BASE, alice.token(), Map.of("mode", "grumpy"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.error()).contains("unknown mode 'grumpy'").contains("regular, fun");
    }

    @Test
    void eachTurnIsStoredWithItsAnswerAndTheFirstQuestionNamesTheConversation() {
        TestServer.User alice = server.signUp("alice");
        String id = start(alice, null);
        TestServer.Response first = server.postJson(BASE + "/" + id + "/messages", alice.token(),
                Map.of("content", "What is new about the launch?"));
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(first.json().get("role").asText()).isEqualTo("assistant");
        assertThat(first.json().get("content").asText()).contains("Answers here are extractive");
        assertThat(first.json().get("finish_reason").asText()).isEqualTo("stop");
        assertThat(first.json().get("citations").isArray()).isTrue();
        server.postJson(BASE + "/" + id + "/messages", alice.token(), Map.of("content", "And then?", "mode", "fun"));

        JsonNode conversation = server.get(BASE + "/" + id, alice.token()).json();
        assertThat(conversation.get("title").asText()).isEqualTo("What is new about the launch?");
        assertThat(conversation.get("mode").asText()).isEqualTo("fun");
        JsonNode messages = conversation.get("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.findValuesAsText("role")).containsExactly("user", "assistant", "user", "assistant");
        assertThat(messages.get(0).get("content").asText()).isEqualTo("What is new about the launch?");
        assertThat(messages.get(1).get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(messages.get(2).get("content").asText()).isEqualTo("And then?");
    }

    @Test
    void onlyTheOwnerCanSeeContinueOrDeleteAConversation() {
        TestServer.User alice = server.signUp("alice");
        TestServer.User bob = server.signUp("bob");
        String id = start(alice, null);
        assertThat(server.get(BASE + "/" + id, bob.token()).status()).isEqualTo(404);
        assertThat(server.postJson(BASE + "/" + id + "/messages", bob.token(), Map.of("content", "hi")).status())
                .isEqualTo(404);
        assertThat(server.send("DELETE", BASE + "/" + id, bob.token(), null, null, Map.of()).status()).isEqualTo(404);
        assertThat(server.get(BASE, bob.token()).json()).isEmpty();
        assertThat(server.get(BASE, null).status()).isEqualTo(401);
        assertThat(server.get(BASE, server.appToken()).status()).isEqualTo(422);

        assertThat(server.send("DELETE", BASE + "/" + id, alice.token(), null, null, Map.of()).status()).isEqualTo(200);
        assertThat(server.get(BASE + "/" + id, alice.token()).status()).isEqualTo(404);
        assertThat(server.get(BASE, alice.token()).json()).isEmpty();
    }

    @Test
    void theListIsNewestFirstAndPagesWithLinkHeaders() {
        TestServer.User alice = server.signUp("alice");
        String first = start(alice, null);
        String second = start(alice, "fun");
        String third = start(alice, null);
        assertThat(TestServer.ids(server.get(BASE, alice.token()).json())).containsExactly(third, second, first);
        TestServer.Response page = server.get(BASE + "?limit=2", alice.token());
        assertThat(TestServer.ids(page.json())).containsExactly(third, second);
        assertThat(page.header("Link")).contains("max_id=" + second).contains("min_id=" + third);
        assertThat(TestServer.ids(server.get(BASE + "?limit=2&max_id=" + second, alice.token()).json()))
                .containsExactly(first);
    }

    @Test
    void aMessageNeedsContent() {
        TestServer.User alice = server.signUp("alice");
        String id = start(alice, null);
        TestServer.Response r = server.postJson(BASE + "/" + id + "/messages", alice.token(), Map.of("content", " "));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.error()).isEqualTo("content must not be empty");
        assertThat(server.get(BASE + "/" + id, alice.token()).json().get("messages")).isEmpty();
    }

    @Test
    void streamingSendsOpenAiChunksEndingWithTheStoredMessage() throws Exception {
        TestServer.User alice = server.signUp("alice");
        String id = start(alice, null);
        TestServer.Response r = server.postJson(BASE + "/" + id + "/messages", alice.token(),
                Map.of("content", "Anything new?", "stream", true));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/event-stream");
        List<String> events = r.raw().body().lines().filter(l -> l.startsWith("data: "))
                .map(l -> l.substring(6)).toList();
        assertThat(events.getLast()).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        JsonNode last = null;
        for (String e : events.subList(0, events.size() - 1)) {
            last = TestServer.JSON.readTree(e);
            assertThat(last.get("object").asText()).isEqualTo("chat.completion.chunk");
            text.append(last.at("/choices/0/delta/content").asText(""));
        }
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(last.get("conversation_id").asText()).isEqualTo(id);
        JsonNode stored = server.get(BASE + "/" + id, alice.token()).json().get("messages").get(1);
        assertThat(last.at("/message/id").asText()).isEqualTo(stored.get("id").asText());
        assertThat(stored.get("content").asText()).isEqualTo(text.toString());
    }

    @Test
    void chatCompletionsContinueAConversationNamedByConversationId() throws Exception {
        TestServer.User alice = server.signUp("alice");
        TestServer.User bob = server.signUp("bob");
        String id = start(alice, null);
        Map<String, Object> body = Map.of("model", "colossus-fun", "conversation_id", id,
                "messages", List.of(Map.of("role", "user", "content", "Hello there")));
        TestServer.Response r = server.postJson("/v1/chat/completions", alice.token(), body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.json().get("object").asText()).isEqualTo("chat.completion");
        assertThat(r.json().get("conversation_id").asText()).isEqualTo(id);
        JsonNode conversation = server.get(BASE + "/" + id, alice.token()).json();
        assertThat(conversation.get("mode").asText()).isEqualTo("fun");
        assertThat(conversation.get("messages").get(0).get("content").asText()).isEqualTo("Hello there");
        assertThat(conversation.at("/messages/1/id").asText()).isEqualTo(r.json().at("/message/id").asText());

        TestServer.Response other = server.postJson("/v1/chat/completions", bob.token(), body);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().at("/error/code").asText()).isEqualTo("conversation_not_found");
        TestServer.Response anonymous = server.postJson("/v1/chat/completions", null, body);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().at("/error/message").asText()).contains("conversation_id needs a user's access token");
        assertThat(server.get(BASE + "/" + id, alice.token()).json().get("messages")).hasSize(2);
    }

    @Test
    void aStreamedChatCompletionInAConversationEndsWithTheStoredMessage() throws Exception {
        TestServer.User alice = server.signUp("alice");
        String id = start(alice, null);
        TestServer.Response r = server.postJson("/v1/chat/completions", alice.token(), Map.of("model", "colossus",
                "conversation_id", id, "stream", true, "messages", List.of(Map.of("role", "user", "content", "Hi"))));
        assertThat(r.status()).isEqualTo(200);
        List<String> events = r.raw().body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        JsonNode last = TestServer.JSON.readTree(events.get(events.size() - 2));
        assertThat(last.get("conversation_id").asText()).isEqualTo(id);
        assertThat(last.at("/message/id").asText())
                .isEqualTo(server.get(BASE + "/" + id, alice.token()).json().at("/messages/1/id").asText());
    }

    @Test
    void theRawModelTakesNoConversation() {
        TestServer.User alice = server.signUp("alice");
        TestServer.Response r = server.postJson("/v1/chat/completions", alice.token(), Map.of("model", "some-model",
                "conversation_id", start(alice, null), "messages", List.of(Map.of("role", "user", "content", "Hi"))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/param").asText()).isEqualTo("conversation_id");
    }
}
