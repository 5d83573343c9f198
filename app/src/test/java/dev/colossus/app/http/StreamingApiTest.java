package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingApiTest {

    private final TestServer server = new TestServer(c -> c.withHeartbeat(Duration.ofMillis(300)));
    private final TestServer.User ann = server.signUp("ann");
    private final TestServer.User bob = server.signUp("bob");
    /** The bus's subscribers with no stream open (search, trends...). */
    private final int idleSubscribers = server.colossus.social().bus().subscriberCount();

    @AfterAll
    void stop() {
        server.close();
    }

    /** An open stream whose lines are read on a background thread; no Accept header is sent (as curl -N). */
    final class Stream implements AutoCloseable {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final HttpResponse<InputStream> response;
        private final Thread reader;

        Stream(String path, String token) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base + path));
            if (token != null) b.header("Authorization", "Bearer " + token);
            response = server.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) lines.add(line);
                } catch (IOException ignored) {
                    // closed
                }
            });
            assertThat(lines.poll(5, TimeUnit.SECONDS)).isEqualTo(":)"); // subscribed
        }

        /** The next event of the given type: its data line. */
        String next(String event, long millis) throws InterruptedException {
            long end = System.currentTimeMillis() + millis;
            String current = null;
            while (System.currentTimeMillis() < end) {
                String line = lines.poll(end - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
                if (line == null) break;
                if (line.startsWith("event: ")) current = line.substring(7);
                else if (line.startsWith("data: ") && event.equals(current)) return line.substring(6);
            }
            return null;
        }

        List<String> drain() {
            List<String> out = new ArrayList<>();
            lines.drainTo(out);
            return out;
        }

        @Override
        public void close() throws IOException {
            response.body().close();
            reader.interrupt();
        }
    }

    @Test
    void publicStreamDeliversNewPostsWithinOneSecond() throws Exception {
        try (Stream s = new Stream("/api/v1/streaming/public", null)) {
            assertThat(s.response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            JsonNode post = server.status(ann, "live now");
            String data = s.next("update", 1000);
            assertThat(data).isNotNull();
            JsonNode json = TestServer.JSON.readTree(data);
            assertThat(json.get("id").asText()).isEqualTo(post.get("id").asText());
            assertThat(json.get("content").asText()).contains("live now");
            server.status(ann, "not for everyone", "visibility", "unlisted");
            server.status(ann, "public again");
            assertThat(TestServer.JSON.readTree(s.next("update", 5000)).get("content").asText()).contains("public again");
        }
    }

    @Test
    void hashtagStreamOnlyCarriesThatTag() throws Exception {
        try (Stream s = new Stream("/api/v1/streaming/hashtag?tag=Music", null)) {
            server.status(bob, "no tag here");
            server.status(bob, "now #music plays");
            assertThat(TestServer.JSON.readTree(s.next("update", 5000)).get("content").asText()).contains("plays");
        }
        assertThat(server.get("/api/v1/streaming/hashtag", null).status()).isEqualTo(400);
    }

    @Test
    void userStreamTakesTheTokenAsAQueryParameterAndCarriesFollowedAccounts() throws Exception {
        TestServer.User cy = server.signUp("cy");
        server.post("/api/v1/accounts/" + ann.id() + "/follow", cy.token(), Map.of());
        try (Stream s = new Stream("/api/v1/streaming/user?access_token=" + cy.token(), null)) {
            server.status(bob, "bob is not followed");
            server.status(ann, "ann to followers", "visibility", "private");
            assertThat(TestServer.JSON.readTree(s.next("update", 5000)).get("content").asText()).contains("ann to followers");
        }
        assertThat(server.get("/api/v1/streaming/user", null).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/streaming/user?access_token=wrong", null).status()).isEqualTo(401);
    }

    @Test
    void idleStreamsGetHeartbeatsAndDeletionsAreStreamed() throws Exception {
        try (Stream s = new Stream("/api/v1/streaming/public", null)) {
            Thread.sleep(700);
            assertThat(s.drain()).contains(":thump");
            JsonNode post = server.status(ann, "to be deleted");
            assertThat(s.next("update", 5000)).isNotNull();
            server.send("DELETE", "/api/v1/statuses/" + post.get("id").asText(), ann.token(), null, null, Map.of());
            assertThat(s.next("delete", 5000)).isEqualTo(post.get("id").asText());
        }
    }

    @Test
    void closedStreamsUnsubscribe() throws Exception {
        // Streams of earlier tests leave only when the server next writes to them, so wait for the idle count first.
        awaitSubscribers(idleSubscribers);
        try (Stream s = new Stream("/api/v1/streaming/public", null)) {
            awaitSubscribers(idleSubscribers + 1);
        }
        awaitSubscribers(idleSubscribers);
    }

    /** Polls (generous deadline, for loaded machines) until the bus has exactly {@code expected} subscribers. */
    private void awaitSubscribers(int expected) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.colossus.social().bus().subscriberCount() != expected && System.nanoTime() < end) Thread.sleep(20);
        assertThat(server.colossus.social().bus().subscriberCount()).isEqualTo(expected);
    }
}
