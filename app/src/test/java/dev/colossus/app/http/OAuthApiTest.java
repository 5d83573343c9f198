package dev.colossus.app.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthApiTest {

    private final TestServer server = new TestServer();

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void registeringAnAppReturnsClientIdAndSecret() {
        var r = server.postJson("/api/v1/apps", null, Map.of("client_name", "My App", "redirect_uris",
                "urn:ietf:wg:oauth:2.0:oob", "scopes", "read write", "website", "https://app.example"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("name").asText()).isEqualTo("My App");
        assertThat(r.json().get("client_id").asText()).hasSizeGreaterThan(20);
        assertThat(r.json().get("client_secret").asText()).hasSizeGreaterThan(20);
        assertThat(r.json().get("scopes").toString()).isEqualTo("[\"read\",\"write\"]");
    }

    @Test
    void appWithoutNameOrWithBadRedirectIsRejected() {
        assertThat(server.post("/api/v1/apps", null, Map.of("redirect_uris", "urn:ietf:wg:oauth:2.0:oob")).status()).isEqualTo(422);
        var bad = server.post("/api/v1/apps", null, Map.of("client_name", "x", "redirect_uris", "not a uri"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.error()).contains("Redirect URI");
        assertThat(server.post("/api/v1/apps", null, Map.of("client_name", "x", "scopes", "read destroy")).status()).isEqualTo(422);
    }

    @Test
    void clientCredentialsGiveAnAppTokenThatVerifiesTheApp() {
        var token = server.post("/oauth/token", null, Map.of("grant_type", "client_credentials",
                "client_id", server.clientId(), "client_secret", server.clientSecret(), "scope", "read"));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.json().get("scope").asText()).isEqualTo("read");
        var app = server.get("/api/v1/apps/verify_credentials", token.json().get("access_token").asText());
        assertThat(app.status()).isEqualTo(200);
        assertThat(app.json().get("name").asText()).isEqualTo("tests");
        assertThat(app.json().has("client_secret")).isFalse();
    }

    @Test
    void wrongClientSecretIsInvalidClient() {
        var r = server.post("/oauth/token", null, Map.of("grant_type", "client_credentials",
                "client_id", server.clientId(), "client_secret", "nope"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error()).isEqualTo("invalid_client");
    }

    @Test
    void unknownGrantTypeAndOutOfAppScopesAreRejected() {
        var r = server.post("/oauth/token", null, Map.of("grant_type", "refresh_token",
                "client_id", server.clientId(), "client_secret", server.clientSecret()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("unsupported_grant_type");
        var scope = server.post("/oauth/token", null, Map.of("grant_type", "client_credentials",
                "client_id", server.clientId(), "client_secret", server.clientSecret(), "scope", "admin:write"));
        assertThat(scope.status()).isEqualTo(400);
        assertThat(scope.error()).isEqualTo("invalid_scope");
    }

    @Test
    void passwordGrantLogsInByEmailAndRejectsAWrongPassword() {
        var user = server.signUp("pat");
        var ok = server.post("/oauth/token", null, Map.of("grant_type", "password", "client_id", server.clientId(),
                "client_secret", server.clientSecret(), "username", "PAT@example.org", "password", "correct horse battery",
                "scope", "read write"));
        assertThat(ok.status()).isEqualTo(200);
        var me = server.get("/api/v1/accounts/verify_credentials", ok.json().get("access_token").asText());
        assertThat(me.json().get("id").asText()).isEqualTo(user.id());

        var wrong = server.post("/oauth/token", null, Map.of("grant_type", "password", "client_id", server.clientId(),
                "client_secret", server.clientSecret(), "username", "pat@example.org", "password", "wrong password"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.error()).isEqualTo("invalid_grant");
    }

    @Test
    void revokedTokenStopsWorkingAtOnce() {
        var user = server.signUp("rory");
        assertThat(server.get("/api/v1/accounts/verify_credentials", user.token()).status()).isEqualTo(200);
        var revoke = server.post("/oauth/revoke", null, Map.of("client_id", server.clientId(),
                "client_secret", server.clientSecret(), "token", user.token()));
        assertThat(revoke.status()).isEqualTo(200);
        var after = server.get("/api/v1/accounts/verify_credentials", user.token());
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.error()).isEqualTo("The access token is invalid");
    }

    @Test
    void revokeWithWrongClientIsRefused() {
        var r = server.post("/oauth/revoke", null, Map.of("client_id", server.clientId(), "client_secret", "bad", "token", "x"));
        assertThat(r.status()).isEqualTo(401);
    }
}
