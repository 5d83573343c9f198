package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the server process with SIGKILL while clients are posting, restarts it on the same data directory, and checks
 * that every post the server acknowledged (HTTP 200) is there with its text.
 */
class CrashSafetyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcknowledgedPostSurvivesKill9MidWrite(@TempDir Path data) throws Exception {
        int port = freePort();
        String base = "http://localhost:" + port;
        Process server = start(data, port);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        try {
            awaitHealth(base, server);
            String token = signUp(base);
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                int client = t;
                clients.submit(() -> {
                    for (int i = 0; !killed.get(); i++) {
                        String text = "crash test " + client + "-" + i;
                        try {
                            HttpResponse<String> r = post(base + "/api/v1/statuses", token, "status=" + text.replace(' ', '+'));
                            if (r.statusCode() == 200) acknowledged.put(JSON.readTree(r.body()).get("id").asText(), text);
                        } catch (IOException e) {
                            if (killed.get()) return; // the server is gone: this post was never acknowledged
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (acknowledged.size() < 300 && System.currentTimeMillis() < deadline) Thread.sleep(10);
            server.destroyForcibly(); // SIGKILL, mid-write: clients are still posting
            killed.set(true);
            server.waitFor(10, TimeUnit.SECONDS);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);

            server = start(data, port);
            awaitHealth(base, server);
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                HttpResponse<String> r = get(base + "/api/v1/statuses/" + e.getKey());
                if (r.statusCode() != 200 || !JSON.readTree(r.body()).get("content").asText().contains(e.getValue())) {
                    missing.add(e.getKey());
                }
            }
            assertThat(missing).as("acknowledged posts lost by kill -9").isEmpty();
            JsonNode me = JSON.readTree(get(base + "/api/v1/accounts/verify_credentials?access_token=" + token).body());
            assertThat(me.get("statuses_count").asLong()).isGreaterThanOrEqualTo(acknowledged.size());
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Process start(Path data, int port) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m", "-cp", classpath, "dev.colossus.app.Main", "serve", "--port", Integer.toString(port),
                "--data", data.toString(), "--no-demo")
                .redirectErrorStream(true)
                .redirectOutput(new File(data.toFile(), "server-" + System.nanoTime() + ".log"))
                .start();
    }

    private void awaitHealth(String base, Process server) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            assertThat(server.isAlive()).as("server process exited early").isTrue();
            try {
                if (get(base + "/health").statusCode() == 200) return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("server did not become healthy");
    }

    private String signUp(String base) throws Exception {
        JsonNode app = JSON.readTree(post(base + "/api/v1/apps", null, "client_name=crash&scopes=read+write").body());
        String appToken = JSON.readTree(post(base + "/oauth/token", null, "grant_type=client_credentials&client_id="
                + app.get("client_id").asText() + "&client_secret=" + app.get("client_secret").asText()
                + "&scope=read+write").body()).get("access_token").asText();
        return JSON.readTree(post(base + "/api/v1/accounts", appToken, "username=crasher&email=crash%40example.org"
                + "&password=long+enough+pw&agreement=true&locale=en").body()).get("access_token").asText();
    }

    private HttpResponse<String> post(String url, String token, String form) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
