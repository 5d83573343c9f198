package dev.colossus.app.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTest {

    private final TestServer server = new TestServer(c -> c.withApi(new ApiSettings(null, 5, 3, Duration.ofMinutes(5),
            true, 256 * 1024, Duration.ofSeconds(15))));

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void perIpLimitAnswers429WithRateLimitHeaders() {
        var first = server.get("/api/v1/timelines/public", null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("3");
        assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("2");
        assertThat(first.header("X-RateLimit-Reset")).matches("\\d{4}-.*Z");
        server.get("/api/v1/timelines/public", null);
        server.get("/api/v1/timelines/public", null);
        var limited = server.get("/api/v1/timelines/public", null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.error()).isEqualTo("Too many requests");
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(server.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void tokensHaveTheirOwnBudget() {
        var r = server.get("/api/v1/timelines/public", "some-token-value");
        // An unknown token still counts against its own budget first; the answer is 401, not 429.
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("X-RateLimit-Limit")).isEqualTo("5");
        for (int i = 0; i < 4; i++) server.get("/api/v1/timelines/public", "some-token-value");
        assertThat(server.get("/api/v1/timelines/public", "some-token-value").status()).isEqualTo(429);
    }
}
