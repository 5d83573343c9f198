package dev.colossus.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colossus.app.AssistantConfig;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping the server lets requests in flight finish and ends live streams with a last event. */
class GracefulStopTest {

    @Test
    void anAnswerInFlightWhenTheServerStopsStillCompletes() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        try (ScriptedModelServer model = new ScriptedModelServer(messages -> {
            asked.countDown();
            try {
                Thread.sleep(1500); // a slow model: the stop begins while it answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "slow but complete";
        })) {
            TestServer server = new TestServer(TestServer.newDir(), c -> c,
                    AssistantConfig.defaults().withRemote(model.baseUrl(), "scripted"));
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.base + "/v1/chat/completions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"colossus\",\"messages\":[{\"role\":\"user\",\"content\":\"hello?\"}]}"))
                    .build();
            CompletableFuture<HttpResponse<String>> answer = server.http.sendAsync(request,
                    HttpResponse.BodyHandlers.ofString());
            assertThat(asked.await(30, TimeUnit.SECONDS)).isTrue();

            long start = System.nanoTime();
            server.close(); // blocks until the server has stopped

            HttpResponse<String> r = answer.get(5, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("slow but complete");
            assertThat((System.nanoTime() - start) / 1e9).as("the stop waited for the answer").isGreaterThan(0.5);
            assertThat(newConnectionRefused(server)).isTrue();
        }
    }

    @Test
    void aLiveStreamGetsAShutdownEventAndEndsWhenTheServerStops() throws Exception {
        TestServer server = new TestServer();
        HttpResponse<InputStream> stream = server.http.send(HttpRequest.newBuilder(
                        URI.create(server.base + "/api/v1/streaming/public")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) lines.add(line);
            } catch (java.io.IOException e) {
                lines.add("error: " + e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!lines.contains(":)") && System.nanoTime() < deadline) Thread.sleep(10); // the stream is subscribed
        server.close();
        reading.get(10, TimeUnit.SECONDS);
        assertThat(lines).contains("event: shutdown", "retry: 5000");
    }

    private static boolean newConnectionRefused(TestServer server) {
        try {
            server.http.send(HttpRequest.newBuilder(URI.create(server.base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return false;
        } catch (java.io.IOException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
