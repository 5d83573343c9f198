package dev.colossus.app.http;

import dev.colossus.assistant.ChatMessage;
import dev.colossus.assistant.backend.BackendException;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.Completion;
import dev.colossus.assistant.backend.GenerationOptions;
import dev.colossus.assistant.backend.OpenAiCompatibleBackend;
import dev.colossus.engine.FinishReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remote backend talking to Colossus's own /v1 endpoint over real HTTP. */
class OpenAiCompatibleBackendTest {

    private final OpenAiTestServer server = new OpenAiTestServer();
    private static final GenerationOptions OPTIONS = new GenerationOptions(0.2, 0.9, 64, List.of(), 7L, Duration.ofSeconds(20));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void streamsTheAnswerPieceByPieceFromColossusOwnEndpoint() {
        try (OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(URI.create(server.baseUrl()), "key", "colossus", 4096)) {
            List<String> pieces = new ArrayList<>();
            Completion done = backend.chat(List.of(ChatMessage.user("launch today?")), OPTIONS, pieces::add, new Cancellation());
            assertThat(pieces.size()).isGreaterThan(2);
            assertThat(String.join("", pieces)).isEqualTo(done.text());
            assertThat(done.text()).contains("[1] @alice").contains("Answers here are extractive");
            assertThat(done.finishReason()).isEqualTo(FinishReason.END_OF_GENERATION);
            assertThat(done.usage()).isNotNull();
        }
    }

    @Test
    void cancellingFromTheSinkStopsReadingAndReportsCancelled() {
        try (OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(URI.create(server.baseUrl()), null, "colossus", 4096)) {
            Cancellation cancel = new Cancellation();
            List<String> pieces = new ArrayList<>();
            Completion done = backend.chat(List.of(ChatMessage.user("launch today?")), OPTIONS, piece -> {
                pieces.add(piece);
                cancel.cancel();
            }, cancel);
            assertThat(done.finishReason()).isEqualTo(FinishReason.CANCELLED);
            assertThat(pieces).hasSize(1);
        }
    }

    @Test
    void anUnknownRemoteModelIsAClearModelNotFoundError() {
        try (OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(URI.create(server.baseUrl()), null, "nope", 4096)) {
            assertThatThrownBy(() -> backend.chat(List.of(ChatMessage.user("hi")), OPTIONS, p -> { }, new Cancellation()))
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("does not know model 'nope'")
                    .matches(e -> ((BackendException) e).kind() == BackendException.Kind.MODEL_NOT_FOUND);
        }
    }

    @Test
    void anUnreachableServerIsUnavailableNotAStackTrace() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(URI.create("http://127.0.0.1:" + port + "/v1"), null, "m", 4096)) {
            assertThatThrownBy(() -> backend.chat(List.of(ChatMessage.user("hi")), OPTIONS, p -> { }, new Cancellation()))
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("cannot connect")
                    .matches(e -> ((BackendException) e).kind() == BackendException.Kind.UNAVAILABLE);
        }
    }

    @Test
    void aColossusCanUseAnotherColossusAsItsModel() throws Exception {
        // The front server's assistant generates with the back server's "colossus" model over HTTP.
        try (OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(URI.create(server.baseUrl()), null, "colossus", 4096);
             OpenAiTestServer front = new OpenAiTestServer(backend, new dev.colossus.assistant.GenerationQueue(1, 1, Duration.ofSeconds(5)))) {
            var client = java.net.http.HttpClient.newHttpClient();
            var models = client.send(java.net.http.HttpRequest.newBuilder(URI.create(front.baseUrl() + "/models")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(models.body()).contains("\"colossus\"").contains("\"colossus-fun\"");
            var r = client.send(java.net.http.HttpRequest.newBuilder(URI.create(front.baseUrl() + "/chat/completions"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"colossus\",\"messages\":[{\"role\":\"user\",\"content\":\"sourdough?\"}]}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("Answers here are extractive");
            assertThat(front.queries.getLast().text()).isEqualTo("sourdough");
        }
    }
}
