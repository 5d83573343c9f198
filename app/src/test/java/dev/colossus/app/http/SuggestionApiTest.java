package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.app.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whom to follow ({@code /api/v2/suggestions}, {@code /api/v1/suggestions}) over real HTTP. */
class SuggestionApiTest {

    private TestServer server;

    /** Points the server at the database under test: the default store (SQLite in the data directory) here. */
    Config database(Config config) {
        return config;
    }

    /** Called once a test's server has stopped (to remove its database). */
    void afterServer() {
    }

    @BeforeEach
    void start() {
        server = new TestServer(this::database);
    }

    @AfterEach
    void stop() {
        server.close();
        afterServer();
    }

    private JsonNode get(String path, String token) {
        TestServer.Response r = server.get(path, token);
        assertThat(r.status()).as(path + ": " + r.raw().body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> accountIds(JsonNode suggestions) {
        List<String> out = new ArrayList<>();
        suggestions.forEach(s -> out.add(s.at("/account/id").asText()));
        return out;
    }

    @Test
    void suggestionsAreAccountsThatPostedNewestFirstWithoutTheUserAndWhomItFollows() {
        TestServer.User ann = server.signUp("ann"), bob = server.signUp("bob"), cy = server.signUp("cy");
        server.signUp("quiet"); // never posts: not suggested
        server.status(ann, "ann's own post");
        server.status(bob, "bob posts first");
        server.status(cy, "cy posts last");

        JsonNode v2 = get("/api/v2/suggestions", ann.token());
        assertThat(accountIds(v2)).containsExactly(cy.id(), bob.id());
        assertThat(v2.get(0).get("source").asText()).isEqualTo("global");
        assertThat(v2.get(0).get("sources").get(0).asText()).isEqualTo("most_interactions");
        assertThat(v2.get(0).at("/account/acct").asText()).isEqualTo("cy");
        assertThat(TestServer.ids(get("/api/v1/suggestions", ann.token()))).containsExactly(cy.id(), bob.id());
        assertThat(accountIds(get("/api/v2/suggestions?limit=1", ann.token()))).containsExactly(cy.id());

        assertThat(server.post("/api/v1/accounts/" + cy.id() + "/follow", ann.token(), Map.of()).status()).isEqualTo(200);
        assertThat(accountIds(get("/api/v2/suggestions", ann.token()))).containsExactly(bob.id());
        // A limit out of range is clamped, as Mastodon clamps it.
        assertThat(accountIds(get("/api/v2/suggestions?limit=0", ann.token()))).containsExactly(bob.id());
        assertThat(accountIds(get("/api/v2/suggestions?limit=1000", bob.token()))).containsExactly(cy.id(), ann.id());
    }

    @Test
    void suggestionsNeedAUserTokenWithReadAndANumericLimit() {
        TestServer.User ann = server.signUp("ann");
        String writeOnly = server.post("/oauth/token", null, Map.of("grant_type", "password", "client_id", server.clientId(),
                "client_secret", server.clientSecret(), "username", "ann@example.org", "password", "correct horse battery",
                "scope", "write")).json().get("access_token").asText();
        for (String path : List.of("/api/v2/suggestions", "/api/v1/suggestions")) {
            TestServer.Response anonymous = server.get(path, null);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.error()).isNotBlank();
            TestServer.Response app = server.get(path, server.appToken());
            assertThat(app.status()).isEqualTo(422);
            assertThat(app.error()).isEqualTo("This method requires an authenticated user");
            assertThat(server.get(path, writeOnly).status()).isEqualTo(403);
            TestServer.Response badLimit = server.get(path + "?limit=many", ann.token());
            assertThat(badLimit.status()).isEqualTo(400);
            assertThat(badLimit.error()).isEqualTo("limit must be a number");
        }
    }
}
