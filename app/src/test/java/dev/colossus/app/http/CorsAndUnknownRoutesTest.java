package dev.colossus.app.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Cross-origin access as Mastodon allows it, and JSON 404s for unknown API routes whatever a client accepts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsAndUnknownRoutesTest {

    private static final String ORIGIN = "https://client.example";
    private final TestServer server = new TestServer();

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/timelines/home", "/oauth/token", "/oauth/revoke", "/v1/chat/completions",
            "/.well-known/oauth-authorization-server", "/nodeinfo/2.0"})
    void aPreflightIsAllowedFromAnyOriginWithTheAuthorizationHeaderAndNoCookies(String path) {
        TestServer.Response r = server.send("OPTIONS", path, null, null, null, Map.of("Origin", ORIGIN,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type"));
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(r.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(r.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
        assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void anApiAnswerToAnotherOriginIsReadableWithItsPagingHeaders() {
        String token = server.signUp("cora").token();
        TestServer.Response r = server.send("GET", "/api/v1/accounts/verify_credentials", token, null, null,
                Map.of("Origin", ORIGIN));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(r.header("Access-Control-Expose-Headers")).contains("Link", "X-RateLimit-Remaining");
        assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void theSignInPageIsNotOpenToOtherOrigins() {
        TestServer.Response r = server.send("GET", "/oauth/authorize", null, null, null, Map.of("Origin", ORIGIN));
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/no-such-thing", "/api/v2/no/such/thing", "/api", "/oauth/no-such-thing"})
    void anUnknownMastodonRouteIsAJson404EvenForABrowser(String path) {
        TestServer.Response r = server.send("GET", path, null, null, null,
                Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.error()).isEqualTo("Record not found");
        assertThat(server.send("POST", path, null, null, null, Map.of("Accept", "text/html")).status()).isEqualTo(404);
    }

    @Test
    void anUnknownOpenAiRouteIsAJson404InOpenAisShape() {
        TestServer.Response r = server.send("GET", "/v1/no-such-thing", null, null, null, Map.of("Accept", "text/html"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().get("error").get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(r.json().get("error").get("message").asText()).contains("/v1/no-such-thing");
    }

    @Test
    void aUiPathStillGetsTheWebPage() {
        TestServer.Response r = server.send("GET", "/@cora/123", null, null, null, Map.of("Accept", "text/html"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.raw().body()).contains("<script type=\"module\"");
    }
}
