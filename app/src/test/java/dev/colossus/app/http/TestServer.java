package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.app.AssistantConfig;
import dev.colossus.app.Colossus;
import dev.colossus.app.Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** A real Colossus server on a free port over a fresh data directory, and a small HTTP client for it. */
final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    final Path dir;
    final Colossus colossus;
    final String base;
    final HttpClient http = HttpClient.newHttpClient();
    private String clientId;
    private String clientSecret;
    private String appToken;

    TestServer() {
        this(c -> c);
    }

    TestServer(UnaryOperator<Config> tweak) {
        this(newDir(), tweak);
    }

    /** A server over an existing data directory (to check what survives a restart). */
    TestServer(Path dir, UnaryOperator<Config> tweak) {
        this(dir, tweak, AssistantConfig.fromEnvironment());
    }

    /** A server with the assistant configured explicitly (e.g. with a model). */
    TestServer(AssistantConfig assistant) {
        this(newDir(), c -> c, assistant);
    }

    /** A server over a data directory with the assistant configured explicitly. */
    TestServer(Path dir, UnaryOperator<Config> tweak, AssistantConfig assistant) {
        this.dir = dir;
        Config plain = Config.defaults().withPort(0).withDataDir(dir).withDemo(false, false);
        // Tests drive their server from loopback far faster than a client would; the limit tests turn limits on.
        plain = plain.withApi(plain.api().withLimits(plain.api().perTokenLimit(), plain.api().perIpLimit(), false));
        Config config = tweak.apply(plain);
        colossus = Colossus.start(config, assistant);
        base = "http://localhost:" + colossus.port();
    }

    static Path newDir() {
        try {
            return Files.createTempDirectory("colossus-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server but keeps its data directory. */
    void stopKeepingData() {
        colossus.close();
    }

    record Response(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String error() {
            return json == null || !json.has("error") ? null : json.get("error").asText();
        }
    }

    Response send(String method, String path, String token, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (contentType != null) b.header("Content-Type", contentType);
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("application/json")) json = JSON.readTree(r.body());
            return new Response(r.statusCode(), r, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until a public search for {@code word} finds at least {@code posts} posts. */
    void awaitSearchable(String word, int posts) {
        eventually(() -> get("/api/v2/search?type=statuses&q=" + word, null).json().get("statuses").size(), n -> n >= posts);
    }

    Response get(String path, String token) {
        return send("GET", path, token, null, null, Map.of());
    }

    /** POST with a JSON object body. */
    Response postJson(String path, String token, Map<String, ?> body) {
        try {
            return send("POST", path, token, "application/json", JSON.writeValueAsString(body), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POST (or another method) with a form-encoded body. */
    Response form(String method, String path, String token, Map<String, String> fields) {
        return send(method, path, token, "application/x-www-form-urlencoded", formBody(fields), Map.of());
    }

    Response post(String path, String token, Map<String, String> fields) {
        return form("POST", path, token, fields);
    }

    static String formBody(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> {
            if (!sb.isEmpty()) sb.append('&');
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    /** Registers an app (once) and returns its client_credentials token. */
    synchronized String appToken() {
        if (appToken == null) {
            Response app = post("/api/v1/apps", null, Map.of("client_name", "tests", "scopes", "read write follow"));
            clientId = app.json().get("client_id").asText();
            clientSecret = app.json().get("client_secret").asText();
            appToken = post("/oauth/token", null, Map.of("grant_type", "client_credentials", "client_id", clientId,
                    "client_secret", clientSecret, "scope", "read write follow")).json().get("access_token").asText();
        }
        return appToken;
    }

    String clientId() {
        appToken();
        return clientId;
    }

    String clientSecret() {
        appToken();
        return clientSecret;
    }

    /** A signed-up user: its token and account id. */
    record User(String token, String id, String username) {
    }

    User signUp(String username) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("email", username + "@example.org");
        form.put("password", "correct horse battery");
        form.put("agreement", true);
        form.put("locale", "en");
        Response r = postJson("/api/v1/accounts", appToken(), form);
        if (r.status() != 200) throw new IllegalStateException("sign-up failed: " + r.raw().body());
        String token = r.json().get("access_token").asText();
        String id = get("/api/v1/accounts/verify_credentials", token).json().get("id").asText();
        return new User(token, id, username);
    }

    /** Posts a status as the user and returns its JSON. */
    JsonNode status(User user, String text, String... more) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", text);
        for (int i = 0; i + 1 < more.length; i += 2) fields.put(more[i], more[i + 1]);
        Response r = post("/api/v1/statuses", user.token(), fields);
        if (r.status() != 200) throw new IllegalStateException("post failed: " + r.raw().body());
        return r.json();
    }

    /**
     * Polls {@code probe} until {@code done} accepts its value or a generous deadline (60 s) passes; returns the last
     * value either way, so the caller's assertion shows what was seen.
     */
    static <T> T eventually(java.util.function.Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        T value = probe.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            value = probe.get();
        }
        return value;
    }

    /** The "id" of each element of a JSON array. */
    static java.util.List<String> ids(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    @Override
    public void close() {
        colossus.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}
