package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.social.auth.Pkce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The OAuth authorization-code flow with PKCE, as a third-party Mastodon app and its user's browser drive it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationCodeFlowTest {

    private static final String CALLBACK = "https://app.example/callback";
    private static final String OTHER_CALLBACK = "https://app.example/other";
    private static final String PASSWORD = "correct horse battery";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-long-enough";

    private final TestServer server = new TestServer();
    private final String email;
    private final String clientId;
    private final String clientSecret;

    AuthorizationCodeFlowTest() {
        server.signUp("olive");
        email = "olive@example.org";
        JsonNode app = server.post("/api/v1/apps", null, Map.of("client_name", "Elephant Client",
                "redirect_uris", CALLBACK + "\n" + OTHER_CALLBACK, "scopes", "read write follow")).json();
        clientId = app.get("client_id").asText();
        clientSecret = app.get("client_secret").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Map<String, String> request(String redirectUri, String scope, String challenge, String method) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", clientId);
        q.put("redirect_uri", redirectUri);
        q.put("response_type", "code");
        q.put("scope", scope);
        q.put("state", "st<ate>&1");
        if (challenge != null) q.put("code_challenge", challenge);
        if (method != null) q.put("code_challenge_method", method);
        return q;
    }

    private TestServer.Response page(Map<String, String> query) {
        return server.send("GET", "/oauth/authorize?" + TestServer.formBody(query), null, null, null,
                Map.of("Accept", "text/html"));
    }

    private TestServer.Response signIn(Map<String, String> query, String password, String decision) {
        Map<String, String> form = new LinkedHashMap<>(query);
        form.put("email", email);
        form.put("password", password);
        form.put("decision", decision);
        return server.send("POST", "/oauth/authorize", null, "application/x-www-form-urlencoded",
                TestServer.formBody(form), Map.of("Accept", "text/html"));
    }

    private static Map<String, String> query(String location) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Signs in and approves; returns the code the app receives at its redirect URI. */
    private String approvedCode(Map<String, String> query) {
        TestServer.Response r = signIn(query, PASSWORD, "approve");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(302);
        return query(r.header("Location")).get("code");
    }

    private TestServer.Response exchange(String code, String redirectUri, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        if (verifier != null) form.put("code_verifier", verifier);
        return server.post("/oauth/token", null, form);
    }

    @Test
    void theFullFlowWithPkceS256GivesATokenWithTheGrantedScopes() {
        Map<String, String> q = request(CALLBACK, "read write", Pkce.s256(VERIFIER), "S256");
        TestServer.Response shown = page(q);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.header("Content-Type")).startsWith("text/html");
        assertThat(shown.raw().body()).contains("Elephant Client", "name=\"password\"", "value=\"st&lt;ate&gt;&amp;1\"",
                "action=\"/oauth/authorize\"");
        assertThat(shown.header("Content-Security-Policy")).contains("form-action 'self' https://app.example;")
                .contains("script-src 'self'");

        TestServer.Response approved = signIn(q, PASSWORD, "approve");
        assertThat(approved.status()).isEqualTo(302);
        String location = approved.header("Location");
        assertThat(location).startsWith(CALLBACK + "?code=");
        assertThat(query(location)).containsEntry("state", "st<ate>&1");

        TestServer.Response token = exchange(query(location).get("code"), CALLBACK, VERIFIER);
        assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
        assertThat(token.json().get("scope").asText()).isEqualTo("read write");
        String accessToken = token.json().get("access_token").asText();
        assertThat(server.get("/api/v1/accounts/verify_credentials", accessToken).json().get("username").asText())
                .isEqualTo("olive");
    }

    @Test
    void aCodeWorksOnceAndPresentingItAgainRevokesItsToken() {
        String code = approvedCode(request(CALLBACK, "read", Pkce.s256(VERIFIER), "S256"));
        String token = exchange(code, CALLBACK, VERIFIER).json().get("access_token").asText();
        TestServer.Response again = exchange(code, CALLBACK, VERIFIER);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.error()).isEqualTo("invalid_grant");
        assertThat(server.get("/api/v1/accounts/verify_credentials", token).status()).isEqualTo(401);
    }

    @Test
    void aWrongOrMissingVerifierIsRefused() {
        String code = approvedCode(request(CALLBACK, "read", Pkce.s256(VERIFIER), "S256"));
        TestServer.Response wrong = exchange(code, CALLBACK, VERIFIER.replace('d', 'e'));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.error()).isEqualTo("invalid_grant");
        String another = approvedCode(request(CALLBACK, "read", Pkce.s256(VERIFIER), "S256"));
        assertThat(exchange(another, CALLBACK, null).error()).isEqualTo("invalid_grant");
    }

    @Test
    void aCodeTradedWithAnotherRedirectUriIsRefused() {
        String code = approvedCode(request(CALLBACK, "read", Pkce.s256(VERIFIER), "S256"));
        TestServer.Response r = exchange(code, OTHER_CALLBACK, VERIFIER);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("invalid_grant");
    }

    @Test
    void anExpiredCodeIsRefused() throws SQLException {
        String code = approvedCode(request(CALLBACK, "read", Pkce.s256(VERIFIER), "S256"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dir.resolve("colossus.db"));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            // Ten minutes and a second later, as far as the code is concerned.
            s.executeUpdate("UPDATE authorization_codes SET expires_at = " + (System.currentTimeMillis() - 1000)
                    + " WHERE used_at IS NULL");
        }
        TestServer.Response r = exchange(code, CALLBACK, VERIFIER);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("invalid_grant");
    }

    @Test
    void plainPkceAndHttpBasicClientAuthenticationWork() {
        String code = approvedCode(request(OTHER_CALLBACK, "read", VERIFIER, "plain"));
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        TestServer.Response r = server.send("POST", "/oauth/token", null, "application/x-www-form-urlencoded",
                TestServer.formBody(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", OTHER_CALLBACK,
                        "code_verifier", VERIFIER)), Map.of("Authorization", "Basic " + basic));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordShowsTheFormAgainInPlainWords() {
        Map<String, String> q = request(CALLBACK, "read", Pkce.s256(VERIFIER), "S256");
        TestServer.Response r = signIn(q, "not my password", "approve");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.header("Location")).isNull();
        assertThat(r.raw().body()).contains("Wrong email or password.", "value=\"" + email + "\"")
                .doesNotContain("invalid_grant");
    }

    @Test
    void denyingSendsAccessDeniedWithTheState() {
        TestServer.Response r = signIn(request(CALLBACK, "read", null, null), "", "deny");
        assertThat(r.status()).isEqualTo(302);
        assertThat(query(r.header("Location"))).containsEntry("error", "access_denied").containsEntry("state", "st<ate>&1");
    }

    @Test
    void anUnregisteredRedirectUriOrUnknownClientIsNeverRedirectedTo() {
        TestServer.Response other = page(request("https://evil.example/steal", "read", null, null));
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.header("Location")).isNull();
        assertThat(other.raw().body()).contains("did not register");
        Map<String, String> unknown = request(CALLBACK, "read", null, null);
        unknown.put("client_id", "nobody");
        assertThat(page(unknown).status()).isEqualTo(400);
        TestServer.Response posted = signIn(request("https://evil.example/steal", "read", null, null), PASSWORD, "approve");
        assertThat(posted.status()).isEqualTo(400);
        assertThat(posted.header("Location")).isNull();
    }

    @Test
    void aScopeBeyondTheAppsReachesTheAppAsInvalidScope() {
        TestServer.Response r = page(request(CALLBACK, "read admin:write", null, null));
        assertThat(r.status()).isEqualTo(302);
        assertThat(query(r.header("Location"))).containsEntry("error", "invalid_scope");
    }

    @Test
    void outOfBandShowsTheCodeOnAPageAndItTradesForAToken() {
        JsonNode app = server.post("/api/v1/apps", null, Map.of("client_name", "Terminal",
                "redirect_uris", "urn:ietf:wg:oauth:2.0:oob", "scopes", "read")).json();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", app.get("client_id").asText());
        q.put("redirect_uri", "urn:ietf:wg:oauth:2.0:oob");
        q.put("response_type", "code");
        q.put("email", email);
        q.put("password", PASSWORD);
        q.put("decision", "approve");
        TestServer.Response r = server.post("/oauth/authorize", null, q);
        assertThat(r.status()).isEqualTo(200);
        Matcher m = Pattern.compile("readonly value=\"([A-Za-z0-9_-]{43})\"").matcher(r.raw().body());
        assertThat(m.find()).as(r.raw().body()).isTrue();
        TestServer.Response token = server.post("/oauth/token", null, Map.of("grant_type", "authorization_code",
                "code", m.group(1), "redirect_uri", "urn:ietf:wg:oauth:2.0:oob",
                "client_id", app.get("client_id").asText(), "client_secret", app.get("client_secret").asText()));
        assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
        assertThat(token.json().get("scope").asText()).isEqualTo("read");
    }

    @Test
    void theAuthorizePageEscapesAHostileAppName() {
        JsonNode app = server.post("/api/v1/apps", null, Map.of("client_name", "<script>alert(1)</script>\"><img src=x>",
                "redirect_uris", CALLBACK, "scopes", "read")).json();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", app.get("client_id").asText());
        q.put("redirect_uri", CALLBACK);
        q.put("response_type", "code");
        String body = page(q).raw().body();
        assertThat(body).contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x&gt;")
                .doesNotContain("<script").doesNotContain("<img");
    }

    @Test
    void theServerPublishesItsOAuthMetadata() {
        TestServer.Response r = server.get("/.well-known/oauth-authorization-server", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("authorization_endpoint").asText()).isEqualTo(server.base + "/oauth/authorize");
        assertThat(r.json().get("token_endpoint").asText()).isEqualTo(server.base + "/oauth/token");
        assertThat(r.json().get("code_challenge_methods_supported").toString()).contains("S256");
        assertThat(r.json().get("grant_types_supported").toString()).contains("authorization_code");
        assertThat(r.json().get("scopes_supported").toString()).contains("\"read:statuses\"", "\"follow\"");
    }
}
