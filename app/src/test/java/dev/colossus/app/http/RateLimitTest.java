package dev.colossus.app.http;

import dev.colossus.app.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    /** A server limiting every client, loopback included, to {@code perToken} and {@code perIp} requests a window. */
    private TestServer limited(int perToken, int perIp) {
        server = new TestServer(c -> c.withApi(c.api().withLimits(perToken, perIp, true).withPasswordFailures(1000)));
        return server;
    }

    @Test
    void perIpLimitAnswers429WithRateLimitHeaders() {
        limited(5, 3);
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
    void madeUpBearerTokensCountAgainstTheClientAddress() {
        limited(5, 3);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) statuses.add(server.get("/api/v1/timelines/public", "made-up-token-" + i).status());
        // Each made-up token is refused, and together they spend the address's budget of 3: no fresh bucket each.
        assertThat(statuses).containsExactly(401, 401, 401, 429, 429);
    }

    @Test
    void madeUpBearerTokensDoNotBuyMorePasswordGuesses() {
        limited(300, 10);
        String clientId = server.clientId();
        String clientSecret = server.clientSecret(); // registering the app spent 2 of the address's 10 requests
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            var r = server.send("POST", "/oauth/token", "made-up-" + i, "application/x-www-form-urlencoded",
                    TestServer.formBody(Map.of("grant_type", "password", "client_id", clientId, "client_secret", clientSecret,
                            "username", "victim@example.org", "password", "guess " + i)), Map.of());
            statuses.add(r.status());
        }
        assertThat(statuses.stream().filter(s -> s == 400).count()).isLessThanOrEqualTo(10);
        assertThat(statuses.subList(10, 12)).containsOnly(429);
    }

    @Test
    void verifiedTokensHaveTheirOwnBudget() {
        limited(5, 3);
        // Registering the app spent 2 of the address's 3 requests; sign-up checked the new token once (1 of its 5).
        String token = server.signUp("budget").token();
        for (int i = 0; i < 4; i++) {
            var r = server.get("/api/v1/timelines/home", token);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-RateLimit-Limit")).isEqualTo("5");
        }
        assertThat(server.get("/api/v1/timelines/home", token).status()).isEqualTo(429);
        assertThat(server.get("/api/v1/timelines/public", null).status()).isEqualTo(200);
    }

    @Test
    void streamingConnectionsCountAgainstTheSameBudgets() throws Exception {
        limited(5, 2);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (WebSocketStreamingTest.Socket s = WebSocketStreamingTest.Socket.open(server, "stream=public", null)) {
                statuses.add(101);
            } catch (java.util.concurrent.CompletionException e) {
                statuses.add(((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
            }
        }
        assertThat(statuses).containsExactly(101, 101, 429);
        var sse = server.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.base + "/api/v1/streaming/public")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(sse.statusCode()).isEqualTo(429);
    }

    @Test
    void loopbackIsLimitedUnlessExemptedExplicitly() {
        assertThat(Config.defaults().api().limitLoopback()).isTrue();
        server = new TestServer(c -> c.withApi(c.api().withLimits(5, 2, false)));
        for (int i = 0; i < 4; i++) assertThat(server.get("/api/v1/timelines/public", null).status()).isEqualTo(200);
    }
}
