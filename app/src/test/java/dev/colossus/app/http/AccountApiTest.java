package dev.colossus.app.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountApiTest {

    private final TestServer server = new TestServer();
    private final TestServer.User ann = server.signUp("ann");
    private final TestServer.User ben = server.signUp("Ben_2");

    @AfterAll
    void stop() {
        server.close();
    }

    private Map<String, String> signUpForm(String username, String email) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("username", username);
        f.put("email", email);
        f.put("password", "long enough password");
        f.put("agreement", "true");
        f.put("locale", "en");
        return f;
    }

    @Test
    void signUpWithAFormBodyReturnsAWorkingToken() {
        var r = server.post("/api/v1/accounts", server.appToken(), signUpForm("formuser", "form@example.org"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        var me = server.get("/api/v1/accounts/verify_credentials", r.json().get("access_token").asText());
        assertThat(me.json().get("username").asText()).isEqualTo("formuser");
        assertThat(me.json().get("source").get("language").asText()).isEqualTo("en");
    }

    @Test
    void usernamesAreUniqueIgnoringCase() {
        var r = server.post("/api/v1/accounts", server.appToken(), signUpForm("ANN", "other@example.org"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("details").get("username").get(0).get("error").asText()).isEqualTo("ERR_TAKEN");
        var email = server.post("/api/v1/accounts", server.appToken(), signUpForm("ann3", "Ann@Example.org"));
        assertThat(email.status()).isEqualTo(422);
        assertThat(email.json().get("details").get("email").get(0).get("error").asText()).isEqualTo("ERR_TAKEN");
    }

    @Test
    void signUpBreakingMastodonRulesLists422Details() {
        Map<String, String> f = signUpForm("bad name!", "not-an-email");
        f.put("password", "short");
        f.put("agreement", "false");
        var r = server.post("/api/v1/accounts", server.appToken(), f);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.error()).startsWith("Validation failed: ");
        assertThat(r.json().get("details").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("username", "email", "password", "agreement");
        assertThat(server.post("/api/v1/accounts", server.appToken(), signUpForm("a".repeat(31), "x31@example.org")).status())
                .isEqualTo(422);
        assertThat(server.post("/api/v1/accounts", server.appToken(), signUpForm("admin", "adm@example.org")).status())
                .isEqualTo(422);
    }

    @Test
    void signUpNeedsAnAppToken() {
        assertThat(server.post("/api/v1/accounts", null, signUpForm("noapp", "noapp@example.org")).status()).isEqualTo(401);
        assertThat(server.post("/api/v1/accounts", "made-up", signUpForm("noapp", "noapp@example.org")).status()).isEqualTo(401);
    }

    @Test
    void verifyCredentialsNeedsAUserToken() {
        assertThat(server.get("/api/v1/accounts/verify_credentials", null).status()).isEqualTo(401);
        var app = server.get("/api/v1/accounts/verify_credentials", server.appToken());
        assertThat(app.status()).isEqualTo(422);
        assertThat(app.error()).isEqualTo("This method requires an authenticated user");
    }

    @Test
    void updateCredentialsChangesTheProfileAndEscapesTheNote() {
        var r = server.form("PATCH", "/api/v1/accounts/update_credentials", ben.token(),
                Map.of("display_name", "Ben Two", "note", "I <3 #java"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("display_name").asText()).isEqualTo("Ben Two");
        assertThat(r.json().get("note").asText()).contains("I &lt;3").contains("/tags/java");
        assertThat(r.json().get("source").get("note").asText()).isEqualTo("I <3 #java");
        var tooLong = server.form("PATCH", "/api/v1/accounts/update_credentials", ben.token(),
                Map.of("display_name", "x".repeat(31)));
        assertThat(tooLong.status()).isEqualTo(422);
    }

    @Test
    void accountsAreFoundByIdAndLookup() {
        var byId = server.get("/api/v1/accounts/" + ann.id(), null);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().get("username").asText()).isEqualTo("ann");
        assertThat(byId.json().get("id").isTextual()).isTrue();
        var lookup = server.get("/api/v1/accounts/lookup?acct=BEN_2", null);
        assertThat(lookup.json().get("id").asText()).isEqualTo(ben.id());
        assertThat(server.get("/api/v1/accounts/lookup?acct=nobody", null).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/accounts/lookup?acct=ann@elsewhere.example", null).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/accounts/lookup", null).status()).isEqualTo(400);
    }

    @Test
    void unknownOrMalformedAccountIdsAre404() {
        var r = server.get("/api/v1/accounts/999999", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).isEqualTo("Record not found");
        assertThat(server.get("/api/v1/accounts/not-a-number", null).status()).isEqualTo(404);
    }

    @Test
    void followingShowsInRelationshipsListsAndCounts() {
        var carl = server.signUp("carl");
        var follow = server.post("/api/v1/accounts/" + ann.id() + "/follow", carl.token(), Map.of());
        assertThat(follow.status()).isEqualTo(200);
        assertThat(follow.json().get("following").asBoolean()).isTrue();
        server.post("/api/v1/accounts/" + carl.id() + "/follow", ann.token(), Map.of());

        var rel = server.get("/api/v1/accounts/relationships?id[]=" + ann.id() + "&id[]=" + ben.id(), carl.token());
        assertThat(rel.json().get(0).get("following").asBoolean()).isTrue();
        assertThat(rel.json().get(0).get("followed_by").asBoolean()).isTrue();
        assertThat(rel.json().get(1).get("following").asBoolean()).isFalse();

        var followers = server.get("/api/v1/accounts/" + ann.id() + "/followers", null);
        assertThat(followers.json().findValuesAsText("username")).contains("carl");
        var following = server.get("/api/v1/accounts/" + carl.id() + "/following", null);
        assertThat(following.json().findValuesAsText("username")).containsExactly("ann");
        assertThat(server.get("/api/v1/accounts/" + carl.id(), null).json().get("following_count").asInt()).isEqualTo(1);

        var unfollow = server.post("/api/v1/accounts/" + ann.id() + "/unfollow", carl.token(), Map.of());
        assertThat(unfollow.json().get("following").asBoolean()).isFalse();
        assertThat(server.get("/api/v1/accounts/" + carl.id() + "/following", null).json()).isEmpty();
        assertThat(server.get("/api/v1/accounts/" + carl.id(), null).json().get("following_count").asInt()).isZero();
    }

    @Test
    void followListsPageWithLinkHeaders() {
        var a = server.signUp("fan_a");
        var b = server.signUp("fan_b");
        server.post("/api/v1/accounts/" + ben.id() + "/follow", a.token(), Map.of());
        server.post("/api/v1/accounts/" + ben.id() + "/follow", b.token(), Map.of());
        var page1 = server.get("/api/v1/accounts/" + ben.id() + "/followers?limit=1", null);
        assertThat(page1.json().findValuesAsText("username")).containsExactly("fan_b");
        String link = page1.header("Link");
        assertThat(link).contains("rel=\"next\"").contains("rel=\"prev\"").contains("limit=1");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>')).replace(server.base, "");
        assertThat(server.get(next, null).json().findValuesAsText("username")).containsExactly("fan_a");
    }

    @Test
    void followingYourselfOrANonexistentAccountFails() {
        assertThat(server.post("/api/v1/accounts/" + ann.id() + "/follow", ann.token(), Map.of()).status()).isEqualTo(403);
        assertThat(server.post("/api/v1/accounts/12345/follow", ann.token(), Map.of()).status()).isEqualTo(404);
        assertThat(server.post("/api/v1/accounts/" + ben.id() + "/follow", null, Map.of()).status()).isEqualTo(401);
    }
}
