package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call {@code /v1} on a server without {@code COLOSSUS_API_KEYS}: clients on this machine without a key,
 * others only with a user's key or a signed-in user's token. "Another machine" is this machine's own non-loopback
 * address, or a loopback request forwarded by a proxy ({@code X-Forwarded-For}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiAccessTest {

    private static final Map<String, String> FORWARDED = Map.of("X-Forwarded-For", "203.0.113.9");
    private final TestServer server = new TestServer();

    @AfterAll
    void stop() {
        server.close();
    }

    private TestServer.Response models(String token, Map<String, String> headers) {
        return server.send("GET", "/v1/models", token, null, null, headers);
    }

    private static void assertOpenAiError(TestServer.Response r, int status, String code) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
        assertThat(r.json().at("/error/code").asText()).isEqualTo(code);
        assertThat(r.json().at("/error/message").asText()).isNotBlank();
        assertThat(r.json().at("/error").has("type")).isTrue();
        assertThat(r.json().at("/error").has("param")).isTrue();
    }

    @Test
    void withoutKeysAClientOnThisMachineNeedsNone() {
        TestServer.Response r = models(null, Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("object").asText()).isEqualTo("list");
    }

    @Test
    void withoutKeysAClientOnAnotherAddressIsRefused() throws Exception {
        String address = nonLoopbackAddress().orElse(null);
        Assumptions.assumeTrue(address != null, "this machine has no non-loopback IPv4 address to call from");
        HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(
                URI.create("http://" + address + ":" + server.colossus.port() + "/v1/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        JsonNode error = TestServer.JSON.readTree(r.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("missing_api_key");
        assertThat(error.get("message").asText()).contains("Authorization: Bearer").contains("COLOSSUS_API_KEYS");
    }

    @Test
    void withoutKeysARequestForwardedByAProxyIsRefused() {
        assertOpenAiError(models(null, FORWARDED), 401, "missing_api_key");
        assertOpenAiError(server.send("POST", "/v1/chat/completions", null, "application/json",
                "{\"model\":\"colossus\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", FORWARDED),
                401, "missing_api_key");
    }

    @Test
    void aUsersKeyOpensTheApiUntilRevoked() {
        TestServer.User ann = server.signUp("ann");
        TestServer.Response created = server.postJson("/api/v1/colossus/api_keys", ann.token(), Map.of("name", "laptop"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(200);
        String key = created.json().get("key").asText();
        assertThat(key).startsWith("csk-").hasSizeGreaterThan(40);
        assertThat(key).startsWith(created.json().get("hint").asText());

        JsonNode list = server.get("/api/v1/colossus/api_keys", ann.token()).json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("name").asText()).isEqualTo("laptop");
        assertThat(list.get(0).has("key")).as("a key is shown only once").isFalse();

        assertThat(models(key, FORWARDED).status()).isEqualTo(200);
        assertThat(server.get("/api/v1/colossus/api_keys", ann.token()).json().get(0).get("last_used_at").isNull())
                .isFalse();

        String id = created.json().get("id").asText();
        assertThat(server.send("DELETE", "/api/v1/colossus/api_keys/" + id, ann.token(), null, null, Map.of()).status())
                .isEqualTo(200);
        assertOpenAiError(models(key, FORWARDED), 401, "invalid_api_key");
        assertOpenAiError(models(key, Map.of()), 401, "invalid_api_key");
        assertThat(server.get("/api/v1/colossus/api_keys", ann.token()).json()).isEmpty();
    }

    @Test
    void keysBelongToTheirUser() {
        TestServer.User bea = server.signUp("bea");
        TestServer.User cid = server.signUp("cid");
        String id = server.postJson("/api/v1/colossus/api_keys", bea.token(), Map.of("name", "ci")).json().get("id").asText();
        assertThat(server.send("DELETE", "/api/v1/colossus/api_keys/" + id, cid.token(), null, null, Map.of()).status())
                .isEqualTo(404);
        assertThat(server.get("/api/v1/colossus/api_keys", cid.token()).json()).isEmpty();
        assertThat(server.get("/api/v1/colossus/api_keys", bea.token()).json()).hasSize(1);
        assertThat(server.get("/api/v1/colossus/api_keys", null).status()).isEqualTo(401);
        assertThat(server.postJson("/api/v1/colossus/api_keys", bea.token(), Map.of("name", " ")).status()).isEqualTo(422);
    }

    @Test
    void aSignedInUsersTokenWithWriteOpensTheApiButAnAppTokenOrAnUnknownOneDoesNot() {
        TestServer.User dee = server.signUp("dee");
        assertThat(models(dee.token(), FORWARDED).status()).isEqualTo(200);
        assertOpenAiError(models(server.appToken(), FORWARDED), 401, "invalid_api_key");
        assertOpenAiError(models("made-up-token", FORWARDED), 401, "invalid_api_key");
        assertOpenAiError(models("made-up-token", Map.of()), 401, "invalid_api_key");
        TestServer.Response readOnly = server.post("/oauth/token", null, Map.of("grant_type", "password",
                "client_id", server.clientId(), "client_secret", server.clientSecret(), "username", "dee@example.org",
                "password", "correct horse battery", "scope", "read"));
        assertThat(readOnly.status()).as(readOnly.raw().body()).isEqualTo(200);
        assertOpenAiError(models(readOnly.json().get("access_token").asText(), FORWARDED), 403, "insufficient_scope");
    }

    @Test
    void aBodyOverTheLimitIs413InOpenAiShape() throws Exception {
        String huge = "{\"model\":\"colossus\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "a".repeat(300 * 1024) + "\"}]}";
        TestServer.Response r = server.send("POST", "/v1/chat/completions", null, "application/json", huge, Map.of());
        assertOpenAiError(r, 413, "request_too_large");
        assertThat(r.json().at("/error/type").asText()).isEqualTo("invalid_request_error");

        // Without a Content-Length (chunked), the body is refused as it is read.
        for (String path : new String[]{"/v1/chat/completions", "/v1/completions", "/v1/images/generations"}) {
            HttpResponse<String> chunked = server.http.send(HttpRequest.newBuilder(URI.create(server.base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes())))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).as(path + ": " + chunked.body()).isEqualTo(413);
            assertThat(TestServer.JSON.readTree(chunked.body()).at("/error/code").asText()).isEqualTo("request_too_large");
        }

        // The Mastodon side answers the same body with a 413 in its own shape.
        TestServer.Response mastodon = server.send("POST", "/api/v1/statuses", server.signUp("eve").token(),
                "application/json", huge, Map.of());
        assertThat(mastodon.status()).isEqualTo(413);
        assertThat(mastodon.error()).isEqualTo("Request body is too large");
    }

    /** An IPv4 address of this machine that is not loopback, to call the server from. */
    static Optional<String> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!n.isUp() || n.isLoopback()) continue;
            for (InetAddress a : Collections.list(n.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) return Optional.of(a.getHostAddress());
            }
        }
        return Optional.empty();
    }
}
