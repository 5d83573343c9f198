package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.assistant.GenerationQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private OpenAiTestServer server = new OpenAiTestServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void modelsListsTheAssistantInBothModesEvenWithoutAModel() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("object").asText()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        body.get("data").forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).containsExactly("colossus", "colossus-fun");
    }

    @Test
    void withoutAModelTheAnswerIsExtractiveWithCitationsEndingInPostIds() throws Exception {
        HttpResponse<String> r = post("/chat/completions", """
                {"model":"colossus","messages":[{"role":"user","content":"When is the launch?"}]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        String content = body.at("/choices/0/message/content").asText();
        assertThat(content).contains("Answers here are extractive").contains("[1] @alice").contains("[2] @bob")
                .doesNotContain("sourdough").doesNotContain("--model").doesNotContain("COLOSSUS_");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.get("citations")).hasSize(2);
        assertThat(body.get("citations").get(0).asText()).isEqualTo("http://localhost:8080/@alice/101").endsWith("/101");
        assertThat(body.at("/usage/total_tokens").asInt()).isZero();
    }

    @Test
    void searchParametersRestrictTheSearchAndCanTurnCitationsOff() throws Exception {
        HttpResponse<String> r = post("/chat/completions", """
                {"model":"colossus-fun","messages":[{"role":"user","content":"launch news"}],
                 "search_parameters":{"mode":"on","excluded_handles":["alice"],"min_likes":2,"max_search_results":3,
                                      "return_citations":false}}""");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.has("citations")).isFalse();
        assertThat(body.at("/choices/0/message/content").asText()).contains("[1] @bob").doesNotContain("@alice");
        assertThat(server.queries.getLast().excludeAuthors()).containsExactly(OpenAiTestServer.ACCOUNTS.get("alice"));
        assertThat(server.queries.getLast().limit()).isEqualTo(3);
        assertThat(server.queries.getLast().minLikes()).isEqualTo(2);
    }

    @Test
    void streamingSendsOpenAiChunksThenCitationsThenDone() throws Exception {
        HttpResponse<String> r = post("/chat/completions", """
                {"model":"colossus","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"Is the launch delayed?"}]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> events = r.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(events.getLast()).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        JsonNode finish = null;
        JsonNode usage = null;
        for (String e : events.subList(0, events.size() - 1)) {
            JsonNode chunk = JSON.readTree(e);
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            if (chunk.has("usage")) usage = chunk.get("usage");
            if (chunk.get("choices").isEmpty()) continue;
            text.append(chunk.at("/choices/0/delta/content").asText(""));
            if (!chunk.at("/choices/0/finish_reason").isNull()) finish = chunk;
        }
        assertThat(JSON.readTree(events.getFirst()).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(text.toString()).contains("[1] @").contains("Answers here are extractive");
        assertThat(finish).isNotNull();
        assertThat(finish.get("citations").get(0).asText()).startsWith("http://localhost:8080/@");
        assertThat(usage).isNotNull();
        assertThat(events.size()).isGreaterThan(4);
    }

    @Test
    void errorsUseOpenAisShapeAndStatus() throws Exception {
        HttpResponse<String> unknown = post("/chat/completions",
                "{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).at("/error/code").asText()).isEqualTo("model_not_found");

        HttpResponse<String> badJson = post("/chat/completions", "{nope");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badJson.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");

        HttpResponse<String> hot = post("/chat/completions",
                "{\"model\":\"colossus\",\"temperature\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(hot.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(hot.body()).at("/error/param").asText()).isEqualTo("temperature");

        HttpResponse<String> noUser = post("/chat/completions",
                "{\"model\":\"colossus\",\"messages\":[{\"role\":\"system\",\"content\":\"hi\"}]}");
        assertThat(noUser.statusCode()).isEqualTo(400);

        HttpResponse<String> badSearch = post("/chat/completions", """
                {"model":"colossus","messages":[{"role":"user","content":"hi"}],"search_parameters":{"mode":"always"}}""");
        assertThat(badSearch.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badSearch.body()).at("/error/param").asText()).isEqualTo("search_parameters");

        HttpResponse<String> raw = post("/completions", "{\"model\":\"colossus\",\"prompt\":\"Once\"}");
        assertThat(raw.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(raw.body()).at("/error/message").asText()).contains("no generative model is loaded");
    }

    @Test
    void aFullQueueAnswersBusyAtOnceInsteadOfWaiting() throws Exception {
        server.close();
        GenerationQueue queue = new GenerationQueue(1, 0, Duration.ofSeconds(30));
        server = new OpenAiTestServer(null, queue);
        try (GenerationQueue.Turn held = queue.enter()) {
            HttpResponse<String> r = post("/chat/completions",
                    "{\"model\":\"colossus\",\"messages\":[{\"role\":\"user\",\"content\":\"launch?\"}]}");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("busy");
        }
        assertThat(post("/chat/completions",
                "{\"model\":\"colossus\",\"messages\":[{\"role\":\"user\",\"content\":\"launch?\"}]}").statusCode())
                .isEqualTo(200);
    }
}
