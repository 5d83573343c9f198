package dev.colossus.app.http;

import dev.colossus.app.AssistantConfig;
import dev.colossus.app.TestFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The studio and the media decision wired to a real model (stories260K) on the local engine. */
class StudioLocalModelTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(TestServer.newDir(), c -> c,
                AssistantConfig.defaults().withModel(TestFixtures.stories260k()).withMentions(null));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** The studio's prompt (rules and an example) takes about 2,200 of this toy tokenizer's tokens: more than it holds. */
    @Test
    void aLocalModelTooSmallForTheStudioPromptGetsOneClear400FromTheEngine() {
        TestServer.User alice = server.signUp("alice");
        TestServer.Response r = server.postJson("/api/v1/colossus/studio", alice.token(),
                Map.of("kind", "image", "prompt", "a red ball"));

        assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
        assertThat(r.error()).startsWith("The studio could not make the image: ").contains("context holds 2048");
    }

    @Test
    void aChatMessageIsClassifiedByTheLocalModelAndStillAnswered() {
        TestServer.Response r = server.postJson("/v1/chat/completions", null, Map.of("model", "colossus",
                "max_tokens", 24, "messages", List.of(Map.of("role", "user", "content", "draw me a cat on a roof"))));

        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.json().get("choices").get(0).get("message").get("content").asText()).isNotBlank();
    }
}
