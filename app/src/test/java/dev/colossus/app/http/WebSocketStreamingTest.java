package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.social.Post;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mastodon's streaming API over WebSocket, driven by the JDK's WebSocket client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketStreamingTest {

    /**
     * How long a test that checks what a message says waits for it: generous, so a loaded machine does not fail it;
     * the one-second delivery promise has its own test.
     */
    private static final long ARRIVES_MS = 5000;

    private final TestServer server = new TestServer(c -> c.withHeartbeat(Duration.ofMillis(300)));
    private final TestServer.User ann = server.signUp("ann");
    private final TestServer.User bob = server.signUp("bob");

    @AfterAll
    void stop() {
        server.close();
    }

    /** An open socket; its text messages, parsed, are queued as they arrive. */
    static final class Socket implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final AtomicInteger pings = new AtomicInteger();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private final boolean reading;
        WebSocket ws;

        private Socket(boolean reading) {
            this.reading = reading;
        }

        static Socket open(TestServer server, String query, String subprotocol) {
            return open(server, query, subprotocol, true);
        }

        /** Opens {@code /api/v1/streaming?query}; a socket not {@code reading} takes no message until told. */
        static Socket open(TestServer server, String query, String subprotocol, boolean reading) {
            Socket s = new Socket(reading);
            WebSocket.Builder b = server.http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
            if (subprotocol != null) b.subprotocols(subprotocol);
            String uri = server.base.replaceFirst("^http", "ws") + "/api/v1/streaming" + (query.isEmpty() ? "" : "?" + query);
            s.ws = b.buildAsync(URI.create(uri), s).join();
            if (reading) {
                try {
                    s.sync();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return s;
        }

        /**
         * Waits until the server has taken the socket in: the client's handshake may end before the server has
         * subscribed the socket to its streams, and an event published in between is not for it. The server reads a
         * socket's messages only once it is subscribed, so its answer to a bad subscription proves that.
         */
        void sync() throws InterruptedException {
            send("{\"type\":\"subscribe\",\"stream\":\"no-such-stream\"}");
            JsonNode answer = next(10_000);
            assertThat(answer).as("the answer to a bad subscription").isNotNull();
            assertThat(answer.get("status").asInt()).isEqualTo(400);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            if (reading) webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(TestServer.JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.incrementAndGet();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        void send(String json) {
            ws.sendText(json, true).join();
        }

        /** The next message within {@code millis}, or null. */
        JsonNode next(long millis) throws InterruptedException {
            return messages.poll(millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            ws.abort();
        }
    }

    private static String content(JsonNode message) throws Exception {
        return TestServer.JSON.readTree(message.get("payload").asText()).get("content").asText();
    }

    private static int refusal(TestServer server, String query, String subprotocol) {
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> Socket.open(server, query, subprotocol));
        assertThat(e).isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    @Test
    void queryFormPublicStreamSendsUpdatesAsMastodonDoesWithinOneSecond() throws Exception {
        try (Socket s = Socket.open(server, "stream=public", null)) {
            JsonNode post = server.status(ann, "over the socket");
            JsonNode m = s.next(1000);
            assertThat(m).isNotNull();
            assertThat(m.get("stream")).hasToString("[\"public\"]");
            assertThat(m.get("event").asText()).isEqualTo("update");
            assertThat(m.get("payload").isTextual()).as("the payload is a JSON string").isTrue();
            JsonNode status = TestServer.JSON.readTree(m.get("payload").asText());
            assertThat(status.get("id").asText()).isEqualTo(post.get("id").asText());
            assertThat(status.get("content").asText()).contains("over the socket");
            server.status(ann, "unlisted, not on public", "visibility", "unlisted");
            server.status(ann, "public again");
            assertThat(content(s.next(ARRIVES_MS))).contains("public again");
        }
    }

    @Test
    void subscribeAndUnsubscribeMessagesCarrySeveralStreamsOnOneSocket() throws Exception {
        try (Socket s = Socket.open(server, "", null)) {
            s.send("{\"type\":\"subscribe\",\"stream\":\"public\"}");
            s.send("{\"type\":\"subscribe\",\"stream\":\"hashtag\",\"tag\":\"Jazz\"}");
            s.sync(); // the subscriptions are in before the post
            server.status(bob, "late #jazz session");
            JsonNode first = s.next(ARRIVES_MS);
            JsonNode second = s.next(ARRIVES_MS);
            assertThat(List.of(first.get("stream").toString(), second.get("stream").toString()))
                    .containsExactlyInAnyOrder("[\"public\"]", "[\"hashtag\",\"Jazz\"]");
            assertThat(content(first)).contains("session");
            assertThat(content(second)).contains("session");

            s.send("{\"type\":\"unsubscribe\",\"stream\":\"public\"}");
            s.sync();
            server.status(bob, "untagged, public only");
            server.status(bob, "more #Jazz");
            JsonNode m = s.next(ARRIVES_MS);
            assertThat(m.get("stream")).hasToString("[\"hashtag\",\"Jazz\"]");
            assertThat(content(m)).contains("more");
            assertThat(s.next(300)).as("public was unsubscribed").isNull();
        }
    }

    @Test
    void hashtagStreamCarriesOnlyThatTag() throws Exception {
        try (Socket s = Socket.open(server, "stream=hashtag&tag=Music", null)) {
            server.status(bob, "no tag here");
            server.status(bob, "now #music plays");
            JsonNode m = s.next(ARRIVES_MS);
            assertThat(m.get("stream")).hasToString("[\"hashtag\",\"Music\"]");
            assertThat(content(m)).contains("plays");
        }
        assertThat(refusal(server, "stream=hashtag", null)).isEqualTo(400);
    }

    @Test
    void userStreamTakesTheTokenFromTheSubprotocolHeaderAndEchoesIt() throws Exception {
        TestServer.User cy = server.signUp("cy");
        server.post("/api/v1/accounts/" + ann.id() + "/follow", cy.token(), Map.of());
        try (Socket s = Socket.open(server, "stream=user", cy.token())) {
            assertThat(s.ws.getSubprotocol()).isEqualTo(cy.token());
            server.status(bob, "bob is not followed");
            server.status(ann, "ann to followers", "visibility", "private");
            JsonNode m = s.next(ARRIVES_MS);
            assertThat(m.get("stream")).hasToString("[\"user\"]");
            assertThat(content(m)).contains("ann to followers");
        }
    }

    @Test
    void userStreamTakesTheTokenFromTheQuery() throws Exception {
        TestServer.User dee = server.signUp("dee");
        try (Socket s = Socket.open(server, "stream=user&access_token=" + dee.token(), null)) {
            server.status(dee, "my own post");
            assertThat(content(s.next(ARRIVES_MS))).contains("my own post");
        }
    }

    @Test
    void userStreamWithoutATokenIsRefused() throws Exception {
        assertThat(refusal(server, "stream=user", null)).isEqualTo(401);
        assertThat(refusal(server, "stream=user&access_token=wrong", null)).isEqualTo(401);
        assertThat(refusal(server, "stream=public", "wrong")).isEqualTo(401);
        assertThat(refusal(server, "stream=nonsense", null)).isEqualTo(400);
        try (Socket s = Socket.open(server, "", null)) {
            s.send("{\"type\":\"subscribe\",\"stream\":\"user\"}");
            JsonNode error = s.next(ARRIVES_MS);
            assertThat(error.get("error").asText()).isEqualTo("Missing access token");
            assertThat(error.get("status").asInt()).isEqualTo(401);
            s.send("not json");
            assertThat(s.next(ARRIVES_MS).get("status").asInt()).isEqualTo(400);
            // The socket stays open for what the client may read.
            s.send("{\"type\":\"subscribe\",\"stream\":\"public\"}");
            s.sync();
            server.status(ann, "still listening");
            assertThat(content(s.next(ARRIVES_MS))).contains("still listening");
        }
    }

    @Test
    void notificationsGoToTheUserStreamsOfTheirRecipient() throws Exception {
        TestServer.User eve = server.signUp("eve");
        TestServer.User fay = server.signUp("fay");
        try (Socket user = Socket.open(server, "stream=user", eve.token());
             Socket onlyNotifications = Socket.open(server, "stream=user:notification", eve.token())) {
            server.status(eve, "eve posts, no notification");
            assertThat(user.next(ARRIVES_MS).get("event").asText()).isEqualTo("update");
            server.post("/api/v1/accounts/" + eve.id() + "/follow", fay.token(), Map.of());
            JsonNode m = user.next(ARRIVES_MS);
            assertThat(m.get("stream")).hasToString("[\"user\"]");
            assertThat(m.get("event").asText()).isEqualTo("notification");
            JsonNode notification = TestServer.JSON.readTree(m.get("payload").asText());
            assertThat(notification.get("type").asText()).isEqualTo("follow");
            assertThat(notification.at("/account/id").asText()).isEqualTo(fay.id());
            JsonNode only = onlyNotifications.next(ARRIVES_MS);
            assertThat(only.get("stream")).hasToString("[\"user:notification\"]");
            assertThat(only.get("event").asText()).as("no update before the notification").isEqualTo("notification");
        }
    }

    @Test
    void deletionsAreSentWithTheId() throws Exception {
        try (Socket s = Socket.open(server, "stream=public:local", null)) {
            JsonNode post = server.status(ann, "to be deleted");
            assertThat(s.next(ARRIVES_MS).get("event").asText()).isEqualTo("update");
            server.send("DELETE", "/api/v1/statuses/" + post.get("id").asText(), ann.token(), null, null, Map.of());
            JsonNode m = s.next(ARRIVES_MS);
            assertThat(m.get("stream")).hasToString("[\"public:local\"]");
            assertThat(m.get("event").asText()).isEqualTo("delete");
            assertThat(m.get("payload").asText()).isEqualTo(post.get("id").asText());
        }
    }

    @Test
    void idleSocketsArePinged() throws Exception {
        try (Socket s = Socket.open(server, "stream=public", null)) {
            Thread.sleep(1000);
            assertThat(s.pings.get()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWithoutHoldingUpTheBus() throws Exception {
        JsonNode json = server.status(bob, "x".repeat(400));
        Post post = server.colossus.social().posts().get(Long.parseLong(json.get("id").asText()), null);
        EventBus bus = server.colossus.social().bus();
        int events = 20_000;
        try (Socket s = Socket.open(server, "stream=public", null, false)) {
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) bus.publish(new SocialEvent.PostCreated(post));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            s.ws.request(Long.MAX_VALUE);
            assertThat(s.closed.get(30, TimeUnit.SECONDS)).isIn(1008, -1);
            assertThat(s.messages.size()).isLessThan(events);
        }
    }

    @Test
    void theInstanceAdvertisesTheWebSocketOriginAndStreamingHealthAnswers() {
        String ws = server.base.replaceFirst("^http", "ws");
        assertThat(server.get("/api/v2/instance", null).json().at("/configuration/urls/streaming").asText()).isEqualTo(ws);
        assertThat(server.get("/api/v1/instance", null).json().at("/urls/streaming_api").asText()).isEqualTo(ws);
        TestServer.Response health = server.get("/api/v1/streaming/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.raw().body()).isEqualTo("OK");
    }

    @Test
    void serverStopClosesSocketsWithGoingAway() throws Exception {
        TestServer other = new TestServer();
        try (Socket s = Socket.open(other, "stream=public", null)) {
            other.colossus.close();
            assertThat(s.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
        } finally {
            other.close();
        }
    }
}
