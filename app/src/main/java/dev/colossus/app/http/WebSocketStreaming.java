package dev.colossus.app.http;

import dev.colossus.social.AccessGrant;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Mastodon's streaming API over WebSocket at {@code /api/v1/streaming}, beside the Server-Sent Events routes and fed
 * by the same event bus, so both transports carry the same events.
 *
 * <p>A client opens {@code /api/v1/streaming} (optionally {@code ?stream=public|public:local|hashtag|hashtag:local|
 * user|user:notification|direct&tag=...}) and sends {@code {"type":"subscribe","stream":"hashtag","tag":"foo"}} or
 * {@code "unsubscribe"} messages for more streams on the same socket. Each event arrives as Mastodon sends it:
 * {@code {"stream":["hashtag","foo"],"event":"update","payload":"<status JSON as a string>"}}; {@code delete} carries
 * the id, {@code status.update} (an edit) the status JSON, {@code notification} (on {@code user} and
 * {@code user:notification}) the notification JSON, {@code conversation} (on {@code direct}) the conversation JSON.
 * The token goes
 * in the {@code Sec-WebSocket-Protocol} header (echoed back as the accepted subprotocol), the {@code Authorization}
 * header or the {@code access_token} query parameter; public and hashtag streams need none, user streams a user token with {@code read} (or
 * {@code read:statuses}; {@code read:notifications} for {@code user:notification}; {@code read:statuses} for
 * {@code direct}).
 *
 * <p>Errors: an invalid token, or a query stream that is unknown (400), not allowed (401) or a list (404), refuses the
 * upgrade with that status and a JSON error; a bad message is answered on the socket with
 * {@code {"error":"...","status":N}}. Idle sockets get a ping every heartbeat; a client that falls
 * {@code queueSize} messages behind is closed with 1008, never holding up the bus. {@link #close()} (server stop)
 * closes every socket with 1001. Thread-safe.
 */
final class WebSocketStreaming implements AutoCloseable {

    static final String PATH = "/api/v1/streaming";
    private static final String OPENING = "colossus.stream.opening";
    /** Longest client message (subscribe and unsubscribe are a few dozen bytes). */
    private static final long MAX_MESSAGE_BYTES = 64 * 1024;

    /** What the upgrade request established, for the socket it becomes. */
    private record Opening(AccessGrant grant, String origin, LiveStream first) {
    }

    private final ApiContext api;
    private final Duration heartbeat;
    private final int queueSize;
    private final Map<String, StreamSocket> open = new ConcurrentHashMap<>();
    private final EventBus.Subscription subscription;
    private volatile boolean closed;

    /**
     * @param heartbeat how long a socket may stay silent before it gets a ping
     * @param queueSize how many messages a socket may have waiting before it is closed as too slow
     */
    WebSocketStreaming(ApiContext api, EventBus bus, Duration heartbeat, int queueSize) {
        this.api = api;
        this.heartbeat = heartbeat;
        this.queueSize = queueSize;
        this.subscription = bus.subscribe(this::publish);
    }

    void install(JavalinConfig c) {
        c.jetty.modifyWebSocketServletFactory(f -> {
            // Pings every heartbeat keep a socket busy well within this.
            f.setIdleTimeout(heartbeat.multipliedBy(4).compareTo(Duration.ofSeconds(30)) > 0
                    ? heartbeat.multipliedBy(4) : Duration.ofSeconds(30));
            f.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        });
        c.routes.wsBeforeUpgrade(PATH, this::beforeUpgrade);
        c.routes.ws(PATH, ws -> {
            ws.onConnect(this::connect);
            ws.onMessage(ctx -> {
                StreamSocket socket = open.get(ctx.sessionId());
                if (socket != null) socket.receive(ctx.message());
            });
            ws.onClose(this::remove);
            ws.onError(this::remove);
        });
    }

    /** How many sockets are open (for metrics and tests). */
    int openSockets() {
        return open.size();
    }

    /**
     * Sends {@code event} for {@code accountId} alone on its open streams that carry it: {@code notification} on
     * {@code user} and {@code user:notification}, {@code conversation} on {@code direct}; {@code render} makes the
     * JSON on each socket's own thread. Never blocks.
     */
    void forAccount(long accountId, String event, Function<MastodonJson, Object> render) {
        for (StreamSocket s : open.values()) s.offer(new StreamSocket.Outgoing.ForAccount(accountId, event, render));
    }

    private void beforeUpgrade(Context ctx) {
        if (closed) throw new ApiError(503, "The server is stopping");
        String token = token(ctx);
        AccessGrant grant = token == null ? null : api.social().auth().authenticate(token)
                .orElseThrow(() -> new ApiError(401, "The access token is invalid"));
        String stream = ctx.queryParam("stream");
        LiveStream first = stream == null ? null
                : LiveStream.of(stream, ctx.queryParam("tag"), ctx.queryParam("list"), grant, api.social());
        ctx.attribute(OPENING, new Opening(grant, api.origin(ctx), first));
    }

    /** The token from {@code Sec-WebSocket-Protocol} (its first value), else {@code Authorization} or the query. */
    private static String token(Context ctx) {
        String protocol = ctx.header("Sec-WebSocket-Protocol");
        if (protocol != null && !protocol.isBlank()) return protocol.split(",")[0].trim();
        String bearer = Auth.bearer(ctx);
        return bearer == null || bearer.isBlank() ? null : bearer;
    }

    private void connect(WsConnectContext ctx) {
        Opening o = ctx.attribute(OPENING);
        StreamSocket socket = new StreamSocket(ctx.session, o.grant(), new MastodonJson(o.origin()), api.social(),
                heartbeat, queueSize);
        if (o.first() != null) socket.subscribe(o.first());
        synchronized (open) {
            if (!closed) {
                open.put(ctx.sessionId(), socket);
                socket.start();
                return;
            }
        }
        socket.close(1001, "The server is stopping"); // upgraded while the server began to stop
    }

    private void remove(WsContext ctx) {
        StreamSocket socket = open.remove(ctx.sessionId());
        if (socket != null) socket.end();
    }

    private void publish(SocialEvent event) {
        if (event instanceof SocialEvent.NotificationCreated(long to, dev.colossus.social.Notification n)) {
            forAccount(to, "notification", json -> json.notification(n));
            return;
        }
        if (event instanceof SocialEvent.ConversationUpdated(long to, dev.colossus.social.Conversation c)) {
            forAccount(to, "conversation", json -> json.conversation(c));
            return;
        }
        if (!(event instanceof SocialEvent.PostCreated || event instanceof SocialEvent.PostDeleted
                || event instanceof SocialEvent.PostEdited)) return;
        StreamSocket.Outgoing item = new StreamSocket.Outgoing.Event(event);
        for (StreamSocket s : open.values()) s.offer(item);
    }

    /** Closes every socket with 1001 (going away) and stops taking new ones (on server stop). */
    @Override
    public void close() {
        List<StreamSocket> sockets;
        synchronized (open) {
            closed = true;
            sockets = List.copyOf(open.values());
            open.clear();
        }
        subscription.close();
        List<CompletableFuture<Void>> closing = sockets.stream().map(s -> s.close(1001, "The server is stopping")).toList();
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(StreamSocket.SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Some close frames failed or did not go out in time: those connections are dropped below.
        }
        for (int i = 0; i < sockets.size(); i++) {
            if (closing.get(i).state() != Future.State.SUCCESS) sockets.get(i).disconnect();
        }
        // Let clients answer the close frame before the server stops: a connection cut before their answer is read
        // may be reset, and a reset client sees 1006 (abnormal) instead of 1001.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        try {
            for (StreamSocket s : sockets) {
                while (s.isOpen() && System.nanoTime() < deadline) Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
