package dev.colossus.app.http;

import dev.colossus.social.Account;
import dev.colossus.social.Page;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Mastodon's follow requests to a locked account: {@code GET /api/v1/follow_requests} (who asked, most recent request
 * first, paged by request id with {@code max_id}, {@code since_id}, {@code min_id}, {@code limit} and a {@code Link}
 * header), scope {@code read:follows}; {@code POST /api/v1/follow_requests/:account_id/authorize} and
 * {@code /reject} (the user's relationship to the asker; 404 when that account has no request waiting), scope
 * {@code write:follows}. Requests are made by following a locked account ({@link AccountRoutes}).
 */
final class FollowRequestRoutes {

    private final ApiContext api;

    FollowRequestRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/follow_requests", this::list);
        r.post("/api/v1/follow_requests/{id}/authorize", ctx -> Http.json(ctx, api.render(ctx).relationship(
                api.social().followRequests().authorize(user(ctx, "write:follows"), id(ctx)))));
        r.post("/api/v1/follow_requests/{id}/reject", ctx -> Http.json(ctx, api.render(ctx).relationship(
                api.social().followRequests().reject(user(ctx, "write:follows"), id(ctx)))));
    }

    private void list(Context ctx) {
        Page<Account> page = api.social().followRequests().list(user(ctx, "read:follows"), Http.longPageRequest(ctx));
        MastodonJson json = api.render(ctx);
        Http.link(ctx, api.origin(ctx), page);
        Http.json(ctx, page.items().stream().map(json::account).toList());
    }

    private long user(Context ctx, String scope) {
        return api.auth().user(ctx, scope).accountId();
    }

    private static long id(Context ctx) {
        return Params.parseId(ctx.pathParam("id"), "id");
    }
}
