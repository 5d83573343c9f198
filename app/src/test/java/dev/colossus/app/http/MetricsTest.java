package dev.colossus.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colossus.app.AssistantConfig;
import dev.colossus.app.Config;
import dev.colossus.app.TestFixtures;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @Test
    void requestsAreCountedByRouteTemplateAndStatus() {
        try (TestServer server = new TestServer()) {
            TestServer.User ann = server.signUp("ann");
            String id = server.status(ann, "counted").get("id").asText();
            server.get("/api/v1/statuses/" + id, null);
            server.get("/api/v1/statuses/" + id, null);
            server.get("/api/v1/statuses/999999999", null);

            TestServer.Response metrics = server.get("/metrics", null);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.header("Content-Type")).startsWith("text/plain");
            String body = metrics.raw().body();
            assertThat(body).containsPattern(
                    "http_server_requests_seconds_count\\{method=\"GET\",route=\"/api/v1/statuses/\\{id}\",status=\"200\"} 2(\\.0)?\\n");
            assertThat(body).containsPattern(
                    "http_server_requests_seconds_count\\{method=\"GET\",route=\"/api/v1/statuses/\\{id}\",status=\"404\"} 1(\\.0)?\\n");
            assertThat(body).doesNotContain(id);
            assertThat(body).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void metricsShowQueuesIndexDatabasePoolAndSearchHealthToThisMachine() {
        try (TestServer server = new TestServer()) {
            server.get("/health", null);
            TestServer.Response r = server.get("/metrics", null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.raw().body()).contains("colossus_generation_running", "colossus_generation_waiting",
                    "colossus_search_healthy 1.0", "colossus_search_unindexed_posts 0.0", "colossus_db_pool_active",
                    "colossus_db_pool_idle", "http_server_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"} 1");
        }
    }

    @Test
    void metricsRefuseRequestsForwardedFromOtherMachinesByDefault() {
        try (TestServer server = new TestServer()) {
            TestServer.Response r = server.send("GET", "/metrics", null, null, null, Map.of("X-Forwarded-For", "203.0.113.9"));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.error()).contains("COLOSSUS_METRICS_TOKEN");
            assertThat(r.raw().body()).doesNotContain("jvm_memory");
        }
    }

    @Test
    void aMetricsTokenIsRequiredOnceConfigured() {
        try (TestServer server = new TestServer(c -> c.withOps(new Config.Operations(TOKEN, null, Duration.ofSeconds(5))))) {
            assertThat(server.get("/metrics", null).status()).isEqualTo(401);
            assertThat(server.get("/metrics", "not-the-token-at-all-0000").status()).isEqualTo(401);
            TestServer.Response r = server.get("/metrics", TOKEN);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.raw().body()).contains("colossus_search_healthy");
        }
    }

    @Test
    void metricsOnAPortOfTheirOwnLeaveTheMainPort() throws Exception {
        try (TestServer server = new TestServer(c -> c.withOps(new Config.Operations(null, 0, Duration.ofSeconds(5))))) {
            int port = server.colossus.metricsPort();
            assertThat(port).isPositive().isNotEqualTo(server.colossus.port());
            HttpResponse<String> own = server.http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(own.statusCode()).isEqualTo(200);
            assertThat(own.body()).contains("colossus_search_healthy");
            assertThat(server.get("/metrics", null).raw().body()).doesNotContain("colossus_search_healthy");
        }
    }

    @Test
    void theBuiltInModelsTokensAreCounted() {
        try (TestServer server = new TestServer(TestServer.newDir(), c -> c,
                AssistantConfig.defaults().withModel(TestFixtures.stories260k()))) {
            assertThat(value(server, "colossus_model_generated_tokens_total")).isZero();
            TestServer.Response r = server.postJson("/v1/completions", null,
                    Map.of("model", "stories260K", "prompt", "Once upon a time", "max_tokens", 12, "temperature", 0));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
            long completion = r.json().at("/usage/completion_tokens").asLong();
            assertThat(completion).isPositive();
            assertThat(value(server, "colossus_model_generated_tokens_total")).isEqualTo((double) completion);
        }
    }

    /** The value of one sample of {@code /metrics} (the first, whatever its labels). */
    static double value(TestServer server, String name) {
        String text = server.get("/metrics", null).raw().body();
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(text);
        if (!m.find()) throw new AssertionError(name + " missing from /metrics:\n" + text);
        return Double.parseDouble(m.group(1));
    }
}
