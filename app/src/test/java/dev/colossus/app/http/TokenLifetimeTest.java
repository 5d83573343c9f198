package dev.colossus.app.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens that expire when their app asks, and a password change that ends every other session. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenLifetimeTest {

    private static final String PASSWORD = "correct horse battery";
    private final TestServer server = new TestServer();

    @AfterAll
    void stop() {
        server.close();
    }

    private TestServer.Response passwordGrant(String email, String password, String expiresIn) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "password", "client_id", server.clientId(),
                "client_secret", server.clientSecret(), "username", email, "password", password, "scope", "read write"));
        if (expiresIn != null) form.put("expires_in", expiresIn);
        return server.post("/oauth/token", null, form);
    }

    private TestServer.Response changePassword(String token, String current, String replacement) {
        return server.postJson("/api/v1/colossus/password", token, Map.of("current_password", current, "new_password", replacement));
    }

    @Test
    void aTokenAskedToExpireIsRefusedAfterItsLifetime() throws InterruptedException {
        server.signUp("jill");
        var issued = passwordGrant("jill@example.org", PASSWORD, "1");
        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.json().get("expires_in").asLong()).isEqualTo(1);
        String token = issued.json().get("access_token").asText();
        var app = server.post("/oauth/token", null, Map.of("grant_type", "client_credentials", "client_id", server.clientId(),
                "client_secret", server.clientSecret(), "expires_in", "1"));
        String appToken = app.json().get("access_token").asText();
        assertThat(server.get("/api/v1/accounts/verify_credentials", token).status()).isEqualTo(200);
        assertThat(server.get("/api/v1/apps/verify_credentials", appToken).status()).isEqualTo(200);

        Thread.sleep(1_300);
        var expired = server.get("/api/v1/accounts/verify_credentials", token);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.error()).isEqualTo("The access token is invalid");
        assertThat(server.get("/api/v1/apps/verify_credentials", token).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/apps/verify_credentials", appToken).status()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutLifetimeNeverExpires() {
        server.signUp("kim");
        var issued = passwordGrant("kim@example.org", PASSWORD, null);
        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.json().has("expires_in")).isFalse();
    }

    @Test
    void aLifetimeThatIsNotAPositiveNumberOfSecondsIsInvalidRequest() {
        server.signUp("lee");
        for (String bad : new String[] {"0", "-5", "soon", "1.5", "999999999999"}) {
            var r = passwordGrant("lee@example.org", PASSWORD, bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.error()).as(bad).isEqualTo("invalid_request");
        }
    }

    @Test
    void changingThePasswordRevokesEveryOtherTokenOfTheUser() {
        TestServer.User mia = server.signUp("mia");
        String laptop = passwordGrant("mia@example.org", PASSWORD, null).json().get("access_token").asText();
        String phone = passwordGrant("mia@example.org", PASSWORD, "3600").json().get("access_token").asText();
        String other = server.signUp("ned").token();

        var changed = changePassword(laptop, PASSWORD, "a much better password");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("revoked_tokens").asInt()).isEqualTo(2);
        assertThat(server.get("/api/v1/accounts/verify_credentials", laptop).status()).isEqualTo(200);
        assertThat(server.get("/api/v1/accounts/verify_credentials", mia.token()).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/accounts/verify_credentials", phone).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/accounts/verify_credentials", other).status()).isEqualTo(200);
        assertThat(passwordGrant("mia@example.org", PASSWORD, null).status()).isEqualTo(400);
        assertThat(passwordGrant("mia@example.org", "a much better password", null).status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeNeedsTheCurrentPasswordAndAnAcceptableNewOne() {
        TestServer.User ona = server.signUp("ona");
        var wrong = changePassword(ona.token(), "not it", "a much better password");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().get("details").has("current_password")).isTrue();
        var shortOne = changePassword(ona.token(), PASSWORD, "short");
        assertThat(shortOne.status()).isEqualTo(422);
        assertThat(shortOne.json().get("details").get("password").get(0).get("error").asText()).isEqualTo("ERR_TOO_SHORT");
        assertThat(changePassword(null, PASSWORD, "a much better password").status()).isEqualTo(401);
        assertThat(changePassword(server.appToken(), PASSWORD, "a much better password").status()).isEqualTo(422);
        assertThat(passwordGrant("ona@example.org", PASSWORD, null).status()).isEqualTo(200);
    }
}
