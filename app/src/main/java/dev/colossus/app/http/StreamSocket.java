package dev.colossus.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.social.AccessGrant;
import dev.colossus.social.Post;
import dev.colossus.social.Social;
import dev.colossus.social.stream.SocialEvent;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One open streaming WebSocket: its subscriptions, a bounded queue of what it has yet to send, and the virtual thread
 * that sends it. Producers ({@link #offer}) never block: a socket whose queue is full is closed with 1008 ("too slow")
 * and its queue emptied. The sending thread is the only one that writes to the socket, renders posts and checks follows;
 * a send that takes longer than {@value #SEND_TIMEOUT_SECONDS} s drops the connection. Thread-safe.
 */
final class StreamSocket {

    static final int SEND_TIMEOUT_SECONDS = 10;

    /** Something to send, in the order offered. */
    sealed interface Outgoing {
        /** A post was created or deleted. */
        record Event(SocialEvent event) implements Outgoing {
        }

        /**
         * An event ({@code notification}, {@code conversation}) for {@code accountId} alone, rendered on the sending
         * thread.
         */
        record ForAccount(long accountId, String event, Function<MastodonJson, Object> render) implements Outgoing {
        }

        /** A ready message (an error answering a client's message). */
        record Text(String json) implements Outgoing {
        }
    }

    private final Session session;
    private final AccessGrant grant;
    private final MastodonJson json;
    private final Social social;
    private final Duration heartbeat;
    private final BlockingQueue<Outgoing> queue;
    private final Map<String, LiveStream> streams = new ConcurrentHashMap<>();
    private volatile boolean ended;
    private Thread sender;

    /**
     * @param grant     the token's grant, or null when the socket was opened without one
     * @param json      renders posts with links to this server's origin as the client reached it
     * @param heartbeat how long the socket may stay silent before it gets a ping
     * @param queueSize how many messages may wait before the client counts as too slow
     */
    StreamSocket(Session session, AccessGrant grant, MastodonJson json, Social social, Duration heartbeat, int queueSize) {
        this.session = session;
        this.grant = grant;
        this.json = json;
        this.social = social;
        this.heartbeat = heartbeat;
        this.queue = new ArrayBlockingQueue<>(queueSize);
    }

    /** Starts the sending thread. */
    synchronized void start() {
        sender = Thread.ofVirtual().name("stream-socket").start(this::sendLoop);
    }

    void subscribe(LiveStream stream) {
        streams.put(stream.key(), stream);
    }

    /**
     * Handles a client message: {@code {"type":"subscribe"|"unsubscribe","stream":"...","tag":"..."}}. A bad message or
     * a stream the token may not read is answered with {@code {"error":"...","status":N}}, and the socket stays open.
     */
    void receive(String message) {
        try {
            JsonNode m = Http.JSON.readTree(message);
            String type = m.path("type").asText("");
            if (!type.equals("subscribe") && !type.equals("unsubscribe")) {
                throw new ApiError(400, "Unknown message type: '" + type + "' (subscribe or unsubscribe)");
            }
            LiveStream stream = LiveStream.of(m.path("stream").asText(null), m.path("tag").asText(null),
                    m.path("list").asText(null), grant, social);
            if (type.equals("subscribe")) subscribe(stream);
            else streams.remove(stream.key());
        } catch (ApiError e) {
            offer(new Outgoing.Text(Http.toJson(Map.of("error", e.getMessage(), "status", e.status()))));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            offer(new Outgoing.Text(Http.toJson(Map.of("error", "The message is not JSON", "status", 400))));
        }
    }

    /** Queues something to send without blocking; a full queue closes the socket (the client is too slow). */
    void offer(Outgoing item) {
        if (ended || queue.offer(item)) return;
        ended = true;
        queue.clear();
        session.close(1008, "Too slow to keep up with the stream", Callback.NOOP);
    }

    /** Starts closing the socket with {@code code}; the future completes once the close frame went out. */
    CompletableFuture<Void> close(int code, String reason) {
        end();
        Callback.Completable done = new Callback.Completable();
        session.close(code, reason, done);
        return done;
    }

    /** Whether the connection is still open (false once both sides exchanged close frames, or it dropped). */
    boolean isOpen() {
        return session.isOpen();
    }

    /** Drops the connection without a close frame (one that did not go out in time). */
    void disconnect() {
        session.disconnect();
    }

    /** Stops the sending thread (the socket closed). */
    synchronized void end() {
        ended = true;
        if (sender != null) sender.interrupt();
    }

    private void sendLoop() {
        try {
            while (!ended) {
                Outgoing item = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (ended) break;
                if (item == null) {
                    Callback.Completable done = new Callback.Completable();
                    session.sendPing(ByteBuffer.allocate(0), done);
                    done.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } else {
                    for (String message : messages(item)) {
                        Callback.Completable done = new Callback.Completable();
                        session.sendText(message, done);
                        done.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    }
                }
            }
        } catch (InterruptedException e) {
            // ended
        } catch (Exception e) {
            // A send failed or timed out: the client is gone or stuck.
            ended = true;
            session.disconnect();
        }
    }

    /** Mastodon's messages for {@code item}: one per subscribed stream that carries it. */
    private List<String> messages(Outgoing item) {
        return switch (item) {
            case Outgoing.Text(String text) -> List.of(text);
            case Outgoing.ForAccount(long accountId, String event, Function<MastodonJson, Object> render) -> {
                List<LiveStream> to = streams.values().stream().filter(s -> s.carriesEventOf(event, accountId)).toList();
                if (to.isEmpty()) yield List.of();
                String payload = Http.toJson(render.apply(json));
                yield to.stream().map(s -> message(s, event, payload)).toList();
            }
            case Outgoing.Event(SocialEvent e) when e instanceof SocialEvent.PostCreated(Post post) ->
                    forPost(post, "update", () -> Http.toJson(json.status(post)));
            case Outgoing.Event(SocialEvent e) when e instanceof SocialEvent.PostEdited(Post post, var newlyMentioned) ->
                    forPost(post, "status.update", () -> Http.toJson(json.status(post)));
            case Outgoing.Event(SocialEvent e) when e instanceof SocialEvent.PostDeleted(Post post) ->
                    forPost(post, "delete", () -> Long.toString(post.id()));
            case Outgoing.Event ignored -> List.of();
        };
    }

    private List<String> forPost(Post post, String event, Supplier<String> payload) {
        List<LiveStream> to = streams.values().stream().filter(s -> s.carries(post, social)).toList();
        if (to.isEmpty()) return List.of();
        String p = payload.get();
        return to.stream().map(s -> message(s, event, p)).toList();
    }

    private static String message(LiveStream stream, String event, String payload) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stream", stream.names());
        m.put("event", event);
        m.put("payload", payload);
        return Http.toJson(m);
    }
}
