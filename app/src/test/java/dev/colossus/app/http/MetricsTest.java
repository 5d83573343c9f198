package dev.colossus.app.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsTest {

    private final TestServer server = new TestServer();
    private final TestServer.User ann = server.signUp("ann");

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void requestsAreCountedByRouteTemplateAndStatus() {
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
