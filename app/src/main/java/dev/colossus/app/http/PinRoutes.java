package dev.colossus.app.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Mastodon's pins: {@code POST /api/v1/statuses/:id/pin} and {@code /unpin} (idempotent; the status with
 * {@code pinned}; 422 for a reblog, someone else's post, a followers-only or direct post, or a sixth pin; 404 for a
 * post the user may not see), scope {@code write:accounts} as Mastodon asks. The pinned posts are listed by
 * {@code GET /api/v1/accounts/:id/statuses?pinned=true} ({@link AccountRoutes}).
 */
final class PinRoutes {

    private final ApiContext api;

    PinRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.post("/api/v1/statuses/{id}/pin", ctx -> Http.json(ctx, api.render(ctx).status(
                api.social().pins().pin(user(ctx), id(ctx)))));
        r.post("/api/v1/statuses/{id}/unpin", ctx -> Http.json(ctx, api.render(ctx).status(
                api.social().pins().unpin(user(ctx), id(ctx)))));
    }

    private long user(Context ctx) {
        return api.auth().user(ctx, "write:accounts").accountId();
    }

    private static long id(Context ctx) {
        return Params.parseId(ctx.pathParam("id"), "id");
    }
}
