package dev.colossus.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.social.Social;
import dev.colossus.social.Storage;
import dev.colossus.social.service.SearchService;
import dev.colossus.social.stream.EventBus;
import io.javalin.Javalin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /health} over a real network store, search index and generation queue. */
class HealthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Social social;
    SearchService search;
    final GenerationQueue queue = new GenerationQueue(1, 1, Duration.ofSeconds(30));
    Javalin http;

    @BeforeEach
    void start() throws Exception {
        social = Social.open(Storage.sqlite(dir), new EventBus(), 500);
        search = social.openSearch(dir.resolve("search"), (done, total) -> { });
        Health health = new Health(social::checkDatabase, search::health, queue);
        http = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            health.install(c);
        }).start(0);
    }

    @AfterEach
    void stop() throws Exception {
        http.stop();
        search.close();
        social.close();
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer health() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + http.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    @Test
    void allWellIsA200WithEveryPart() throws Exception {
        Answer a = health();
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("status").asText()).isEqualTo("ok");
        assertThat(a.body().get("parts").fieldNames()).toIterable().containsExactly("database", "search", "model");
        assertThat(a.body().has("failing")).isFalse();
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsA503NamingIt() throws Exception {
        social.close(); // its connection pool is gone: the check's query fails

        Answer a = health();
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.body().get("failing").toString()).isEqualTo("[\"database\"]");
        assertThat(a.body().at("/parts/database/status").asText()).isEqualTo("failing");
        assertThat(a.body().at("/parts/database/reason").asText()).isNotBlank();
        assertThat(a.body().at("/parts/search/status").asText()).isEqualTo("ok");
    }

    @Test
    void aFullGenerationQueueIsA503NamingTheModel() throws Exception {
        try (GenerationQueue.Turn running = queue.enter()) {
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try (GenerationQueue.Turn ignored = queue.enter()) {
                    // got its turn once the first one ended
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            while (queue.waiting() < 1) Thread.sleep(10);

            Answer a = health();
            assertThat(a.status()).isEqualTo(503);
            assertThat(a.body().get("failing").toString()).isEqualTo("[\"model\"]");
            assertThat(a.body().at("/parts/model/reason").asText()).contains("queue is full");
            assertThat(a.body().at("/parts/model/running").asInt()).isEqualTo(1);
            assertThat(a.body().at("/parts/model/waiting").asInt()).isEqualTo(1);

            running.close();
            waiting.get(10, TimeUnit.SECONDS);
        }
        assertThat(health().status()).isEqualTo(200);
    }
}
