package dev.colossus.app.http;

import dev.colossus.social.Page;
import dev.colossus.social.Post;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Mastodon's bookmarks: {@code POST /api/v1/statuses/:id/bookmark} and {@code /unbookmark} (idempotent; the status
 * with {@code bookmarked}, a reblog's original for a reblog; 404 for a post the user may not see), scope
 * {@code write:bookmarks}; {@code GET /api/v1/bookmarks} (most recent bookmark first, paged by bookmark id with
 * {@code max_id}, {@code since_id}, {@code min_id}, {@code limit} and a {@code Link} header; posts the user may no
 * longer see are left out), scope {@code read:bookmarks}.
 */
final class BookmarkRoutes {

    private final ApiContext api;

    BookmarkRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.post("/api/v1/statuses/{id}/bookmark", ctx -> Http.json(ctx, api.render(ctx).status(
                api.social().bookmarks().bookmark(user(ctx, "write:bookmarks"), id(ctx)))));
        r.post("/api/v1/statuses/{id}/unbookmark", ctx -> Http.json(ctx, api.render(ctx).status(
                api.social().bookmarks().unbookmark(user(ctx, "write:bookmarks"), id(ctx)))));
        r.get("/api/v1/bookmarks", this::list);
    }

    private void list(Context ctx) {
        Page<Post> page = api.social().bookmarks().list(user(ctx, "read:bookmarks"), Http.pageRequest(ctx));
        MastodonJson json = api.render(ctx);
        Http.link(ctx, api.origin(ctx), page);
        Http.json(ctx, page.items().stream().map(json::status).toList());
    }

    private long user(Context ctx, String scope) {
        return api.auth().user(ctx, scope).accountId();
    }

    private static long id(Context ctx) {
        return Params.parseId(ctx.pathParam("id"), "id");
    }
}
