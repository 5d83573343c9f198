package dev.colossus.app.http;

import dev.colossus.social.Conversation;
import dev.colossus.social.Page;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Map;

/**
 * Mastodon's direct conversations: {@code GET /api/v1/conversations} (the one with the newest post first, paged by
 * the id of each conversation's last post with {@code max_id}, {@code since_id}, {@code min_id}, {@code limit} and a
 * {@code Link} header), scope {@code read:statuses}; {@code POST /api/v1/conversations/:id/read} (the conversation,
 * now read) and {@code DELETE /api/v1/conversations/:id} ({@code {}}; it leaves the list until a new post comes),
 * scope {@code write:conversations}; 404 for an id that is not one of the user's conversations.
 */
final class DirectConversationRoutes {

    private final ApiContext api;

    DirectConversationRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/conversations", this::list);
        r.post("/api/v1/conversations/{id}/read", ctx -> {
            long me = api.auth().user(ctx, "write:conversations").accountId();
            Http.json(ctx, api.render(ctx).conversation(api.social().conversations().read(me, id(ctx))));
        });
        r.delete("/api/v1/conversations/{id}", ctx -> {
            long me = api.auth().user(ctx, "write:conversations").accountId();
            api.social().conversations().remove(me, id(ctx));
            Http.json(ctx, Map.of());
        });
    }

    private void list(Context ctx) {
        long me = api.auth().user(ctx, "read:statuses").accountId();
        Page<Conversation> page = api.social().conversations().list(me, Http.pageRequest(ctx));
        MastodonJson json = api.render(ctx);
        Http.link(ctx, api.origin(ctx), page);
        Http.json(ctx, page.items().stream().map(json::conversation).toList());
    }

    private static long id(Context ctx) {
        return Params.parseId(ctx.pathParam("id"), "id");
    }
}
