package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.app.AssistantConfig;
import dev.colossus.app.TestFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1} with {@code COLOSSUS_API_KEYS} set, 3 requests a minute and 1 model token a day per caller, answered
 * by the real stories260K model: every client needs a key, and each key has its own request and token budget.
 */
class OpenAiKeysTest {

    private static final String KEY = "operator-key-0123456789abcdef";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(AssistantConfig.defaults().withModel(TestFixtures.stories260k())
                .withAccess(new OpenAiAccess.Settings(List.of(KEY), 3, 1)));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static TestServer.Response models(String token) {
        return server.get("/v1/models", token);
    }

    private static TestServer.Response complete(String token) {
        return server.postJson("/v1/completions", token, Map.of("model", "stories260K", "prompt", "Once upon a time",
                "max_tokens", 2, "temperature", 0));
    }

    private static String userKey(String username) {
        TestServer.User user = server.signUp(username);
        return server.postJson("/api/v1/colossus/api_keys", user.token(), Map.of("name", "tests")).json().get("key").asText();
    }

    @Test
    void withKeysEvenAClientOnThisMachineNeedsOne() {
        TestServer.Response anonymous = models(null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().at("/error/code").asText()).isEqualTo("missing_api_key");
        assertThat(models("operator-key-0123456789abcdeX").status()).isEqualTo(401);
        assertThat(models(KEY).status()).isEqualTo(200);
        // From another machine (through a proxy on this one): refused without a key, answered with it.
        Map<String, String> remote = Map.of("X-Forwarded-For", "198.51.100.4");
        TestServer.Response refused = server.send("GET", "/v1/models", null, null, null, remote);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("missing_api_key");
        assertThat(server.send("GET", "/v1/models", KEY, null, null, remote).status()).isEqualTo(200);
    }

    @Test
    void requestsBeyondTheRateLimitAre429InOpenAiShape() {
        String key = userKey("rita");
        TestServer.Response last = null;
        // A window boundary between the requests resets the count: then one more round runs inside one window.
        for (int round = 0; round < 2 && (last == null || last.status() != 429); round++) {
            for (int i = 0; i < 4; i++) last = models(key);
        }
        assertThat(last.status()).as(last.raw().body()).isEqualTo(429);
        JsonNode error = last.json().get("error");
        assertThat(error.get("type").asText()).isEqualTo("requests");
        assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.get("message").asText()).contains("3 requests per minute");
        assertThat(last.header("Retry-After")).matches("\\d+");
        assertThat(last.header("x-ratelimit-remaining-requests")).isEqualTo("0");
        // Another key has its own budget.
        assertThat(models(userKey("rob")).status()).isEqualTo(200);
    }

    @Test
    void aKeyWhoseTokensForTheDayAreSpentGets429InOpenAiShape() {
        TestServer.User quinn = server.signUp("quinn");
        String key = server.postJson("/api/v1/colossus/api_keys", quinn.token(), Map.of("name", "q")).json()
                .get("key").asText();
        TestServer.Response first = complete(key);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        int spent = first.json().at("/usage/total_tokens").asInt();
        assertThat(spent).isGreaterThan(1);
        assertThat(server.get("/api/v1/colossus/api_keys", quinn.token()).json().get(0).get("tokens_today").asInt())
                .isEqualTo(spent);

        TestServer.Response second = complete(key);
        assertThat(second.status()).as(second.raw().body()).isEqualTo(429);
        JsonNode error = second.json().get("error");
        assertThat(error.get("type").asText()).isEqualTo("insufficient_quota");
        assertThat(error.get("code").asText()).isEqualTo("insufficient_quota");
        assertThat(error.get("message").asText()).contains("COLOSSUS_API_KEY_TOKENS_PER_DAY");
        // Streamed answers count too: the user's own token is a separate caller with its own budget.
        TestServer.Response streamed = server.send("POST", "/v1/chat/completions", quinn.token(), "application/json",
                "{\"model\":\"stories260K\",\"max_tokens\":2,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", Map.of());
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.raw().body()).contains("[DONE]");
        assertThat(complete(quinn.token()).status()).isEqualTo(429);
    }
}
