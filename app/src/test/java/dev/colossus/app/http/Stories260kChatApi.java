package dev.colossus.app.http;

import dev.colossus.app.TestFixtures;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.backend.LocalBackend;
import dev.colossus.engine.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** /v1/chat/completions served from the real stories260K model, one server per test class. */
abstract class Stories260kChatApi {
    static LocalBackend backend;
    static OpenAiTestServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        backend = LocalBackend.load(TestFixtures.stories260k(), Engine.Options.defaults().withThreads(2));
        server = new OpenAiTestServer(backend, new GenerationQueue(2, 4, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (backend != null) backend.close();
    }

    HttpResponse<String> post(String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
