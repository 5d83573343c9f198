package dev.colossus.app.http;

import dev.colossus.social.Conversation;
import dev.colossus.social.Notification;
import dev.colossus.social.Post;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Mastodon's Server-Sent Events streams: {@code /api/v1/streaming/public}, {@code /public/local},
 * {@code /hashtag?tag=}, {@code /hashtag/local?tag=}, {@code /user}, {@code /list?list=} and {@code /direct} (token in the Authorization header or the
 * {@code access_token} parameter). Each new post is sent as {@code event: update} with the status JSON, each
 * deletion as {@code event: delete} with the id, each edit as {@code event: status.update} with the status JSON, each
 * notification of the user stream's account as
 * {@code event: notification} with the notification JSON, each change to a direct conversation of the direct
 * stream's account as {@code event: conversation} with the conversation JSON, and a {@code :thump} comment keeps idle connections
 * open. When the server stops, each stream gets {@code event: shutdown} (with {@code retry: 5000}) and ends.
 *
 * <p>Streams are plain chunked responses written as events arrive, so any client works (EventSource, curl -N) whatever
 * its Accept header. Each stream runs on its own (virtual) request thread; the bus only enqueues, and a stream that
 * falls more than {@value #QUEUE} events behind drops the excess.
 */
final class StreamingRoutes implements AutoCloseable {

    /** How many events a stream (or WebSocket) may fall behind before it is dropped. */
    static final int QUEUE = 1024;
    private static final SocialEvent CLOSE = new SocialEvent.PostUpdated(null);

    private final ApiContext api;
    private final EventBus bus;
    private final Duration heartbeat;
    private final Set<BlockingQueue<SocialEvent>> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    StreamingRoutes(ApiContext api, EventBus bus, Duration heartbeat) {
        this.api = api;
        this.bus = bus;
        this.heartbeat = heartbeat;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/streaming/health", ctx -> ctx.contentType("text/plain").result("OK"));
        r.get("/api/v1/streaming", ctx -> {
            String stream = Params.of(ctx).string("stream");
            switch (stream == null ? "" : stream) {
                case "public", "public:local" -> publicStream(ctx);
                case "hashtag", "hashtag:local" -> hashtag(ctx);
                case "user" -> user(ctx);
                case "direct" -> direct(ctx);
                default -> throw new ApiError(400, "Unknown stream type");
            }
        });
        r.get("/api/v1/streaming/public", this::publicStream);
        r.get("/api/v1/streaming/public/local", this::publicStream);
        r.get("/api/v1/streaming/hashtag", this::hashtag);
        r.get("/api/v1/streaming/hashtag/local", this::hashtag);
        r.get("/api/v1/streaming/user", this::user);
        r.get("/api/v1/streaming/direct", this::direct);
        r.get("/api/v1/streaming/list", this::list);
    }

    private void publicStream(Context ctx) throws IOException {
        stream(ctx, new LiveStream.Public(false, api.auth().viewer(ctx)));
    }

    private void hashtag(Context ctx) throws IOException {
        stream(ctx, new LiveStream.Hashtag(Params.of(ctx).string("tag"), false, api.auth().viewer(ctx)));
    }

    private void user(Context ctx) throws IOException {
        long me = api.auth().user(ctx, "read:statuses").accountId();
        stream(ctx, new LiveStream.User(me, false));
    }

    private void list(Context ctx) throws IOException {
        long me = api.auth().user(ctx, "read:lists").accountId();
        stream(ctx, LiveStream.list(Params.of(ctx).string("list"), me, api.social()));
    }

    private void direct(Context ctx) throws IOException {
        long me = api.auth().user(ctx, "read:statuses").accountId();
        stream(ctx, new LiveStream.Direct(me));
    }

    /** Streams the events whose post {@code wanted} carries until the client goes away or the server stops. */
    private void stream(Context ctx, LiveStream wanted) throws IOException {
        MastodonJson json = api.render(ctx);
        BlockingQueue<SocialEvent> queue = new ArrayBlockingQueue<>(QUEUE);
        ctx.res().setStatus(200);
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache, no-transform");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        OutputStream out = ctx.res().getOutputStream();
        open.add(queue);
        try (EventBus.Subscription ignored = bus.subscribe(e -> {
            if (e instanceof SocialEvent.PostCreated || e instanceof SocialEvent.PostDeleted
                    || e instanceof SocialEvent.PostEdited || e instanceof SocialEvent.NotificationCreated
                    || e instanceof SocialEvent.ConversationUpdated) queue.offer(e);
        })) {
            write(out, ":)\n\n");
            while (!closed) {
                SocialEvent event = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (event == CLOSE) {
                    // The server is stopping: say so, and when to come back (EventSource's retry), then end.
                    write(out, "retry: 5000\nevent: shutdown\ndata: {}\n\n");
                    break;
                }
                if (event == null) {
                    write(out, ":thump\n\n");
                } else if (event instanceof SocialEvent.PostCreated(Post s) && wanted.carries(s, api.social())) {
                    write(out, "event: update\ndata: " + Http.toJson(json.status(s)) + "\n\n");
                } else if (event instanceof SocialEvent.PostEdited(Post s, var newlyMentioned)
                        && wanted.carries(s, api.social())) {
                    write(out, "event: status.update\ndata: " + Http.toJson(json.status(s)) + "\n\n");
                } else if (event instanceof SocialEvent.PostDeleted(Post s) && wanted.carries(s, api.social())) {
                    write(out, "event: delete\ndata: " + s.id() + "\n\n");
                } else if (event instanceof SocialEvent.NotificationCreated(long to, Notification n)
                        && wanted.carriesNotificationsOf(to)) {
                    write(out, "event: notification\ndata: " + Http.toJson(json.notification(n)) + "\n\n");
                } else if (event instanceof SocialEvent.ConversationUpdated(long to, Conversation c)
                        && wanted.carriesConversationsOf(to)) {
                    write(out, "event: conversation\ndata: " + Http.toJson(json.conversation(c)) + "\n\n");
                }
            }
        } catch (IOException e) {
            // The client went away: nothing to answer.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(queue);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Ends every open stream (on server stop). */
    @Override
    public void close() {
        closed = true;
        for (BlockingQueue<SocialEvent> q : open) {
            q.clear();
            q.offer(CLOSE);
        }
    }
}
