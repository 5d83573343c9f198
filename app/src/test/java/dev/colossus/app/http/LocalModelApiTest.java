package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.app.TestFixtures;
import dev.colossus.assistant.ChatMessage;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.Completion;
import dev.colossus.assistant.backend.GenerationOptions;
import dev.colossus.assistant.backend.LocalBackend;
import dev.colossus.engine.Engine;
import dev.colossus.engine.FinishReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAI API over the local engine with the real stories260K model. */
class LocalModelApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURES = TestFixtures.dir();
    private static LocalBackend backend;
    private static OpenAiTestServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path model = TestFixtures.stories260k();
        backend = LocalBackend.load(model, Engine.Options.defaults().withThreads(2));
        server = new OpenAiTestServer(backend, new GenerationQueue(2, 4, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (backend != null) backend.close();
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void theLoadedModelIsListedBesideTheAssistant() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> ids = new ArrayList<>();
        JSON.readTree(r.body()).get("data").forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).containsExactly("colossus", "colossus-fun", "stories260K");
    }

    @Test
    void greedyRawCompletionMatchesLlamaCppAndCountsTokensTruly() throws Exception {
        JsonNode reference = JSON.readTree(FIXTURES.resolve("reference/stories260K.once_upon_a_time.json").toFile());
        JsonNode body = post("/completions", """
                {"model":"stories260K","prompt":"Once upon a time","max_tokens":64,"temperature":0}""");
        assertThat(body.at("/choices/0/text").asText()).isEqualTo(reference.at("/greedy/text").asText());
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(reference.get("tokens_add_special").size());
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(64);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(69);
    }

    @Test
    void theAssistantStreamsAGroundedAnswerFromTheLocalModelWithTrueUsage() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"colossus-fun","stream":true,"stream_options":{"include_usage":true},"max_tokens":20,
                         "seed":5,"messages":[{"role":"user","content":"When is the rocket launch?"}]}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> events = r.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(events.getLast()).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        JsonNode usage = null;
        for (String e : events.subList(0, events.size() - 1)) {
            JsonNode chunk = JSON.readTree(e);
            if (chunk.hasNonNull("usage")) usage = chunk.get("usage");
            if (!chunk.get("choices").isEmpty()) text.append(chunk.at("/choices/0/delta/content").asText(""));
        }
        assertThat(usage).isNotNull();
        assertThat(usage.get("completion_tokens").asInt()).isBetween(1, 20);
        // The prompt holds the fun persona, the grounding rules and the two matching posts.
        assertThat(usage.get("prompt_tokens").asInt()).isGreaterThan(100);
        assertThat(text.toString()).doesNotContain("Answers here are extractive");
        assertThat(server.queries.getLast().text()).isEqualTo("rocket launch");
    }

    @Test
    void cancellingStopsTheEngineMidAnswer() {
        Cancellation cancel = new Cancellation();
        List<String> pieces = new ArrayList<>();
        Completion done = backend.complete("Once upon a time", new GenerationOptions(0.8, 0.95, 400, List.of(), 1L,
                Duration.ofSeconds(30)), piece -> {
                    pieces.add(piece);
                    if (pieces.size() == 3) cancel.cancel();
                }, cancel);
        assertThat(done.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(done.usage().completionTokens()).isLessThan(400);
    }

    @Test
    void theTimeLimitEndsALongAnswer() {
        Completion done = backend.chat(List.of(ChatMessage.user("Tell me a long story")),
                new GenerationOptions(0.8, 0.95, 2000, List.of(), 1L, Duration.ofMillis(30)), piece -> { },
                new Cancellation());
        assertThat(done.finishReason()).isEqualTo(FinishReason.TIME_LIMIT);
        assertThat(done.usage().completionTokens()).isLessThan(2000);
    }
}
