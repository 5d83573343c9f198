package dev.colossus.app.http;

import dev.colossus.social.Page;
import dev.colossus.social.Status;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code /api/v1/timelines/home}, {@code /public} and {@code /tag/:hashtag}, with Mastodon's paging. */
final class TimelineRoutes {

    private final ApiContext api;

    TimelineRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/timelines/home", ctx -> answer(ctx, api.social().timelines().home(
                api.auth().user(ctx, "read:statuses").accountId(), Http.pageRequest(ctx))));
        r.get("/api/v1/timelines/public", ctx -> {
            Params p = Params.of(ctx);
            // Every account is local, so remote=true (only other servers' posts) is always empty.
            if (p.bool("remote", false) || p.bool("only_media", false)) {
                answer(ctx, new Page<>(java.util.List.of(), null, null));
                return;
            }
            answer(ctx, api.social().timelines().publicTimeline(api.auth().viewer(ctx), Http.pageRequest(ctx)));
        });
        r.get("/api/v1/timelines/tag/{hashtag}", ctx -> answer(ctx, api.social().timelines().tag(
                api.auth().viewer(ctx), ctx.pathParam("hashtag"), Http.pageRequest(ctx))));
    }

    private void answer(Context ctx, Page<Status> page) {
        MastodonJson json = api.render(ctx);
        Http.link(ctx, api.origin(ctx), page);
        Http.json(ctx, page.items().stream().map(json::status).toList());
    }
}
