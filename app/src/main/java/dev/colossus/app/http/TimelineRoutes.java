package dev.colossus.app.http;

import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Post;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code /api/v1/timelines/home}, {@code /public} and {@code /tag/:hashtag}, with Mastodon's paging. The public
 * timeline's first page as anonymous clients see it is rendered once per change of the store.
 */
final class TimelineRoutes {

    private final ApiContext api;
    private final FirstPageCache firstPages;

    TimelineRoutes(ApiContext api) {
        this.api = api;
        this.firstPages = new FirstPageCache(api.social()::version);
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
            Long viewer = api.auth().viewer(ctx);
            PageRequest request = Http.pageRequest(ctx);
            if (viewer == null && request.maxId() == null && request.sinceId() == null && request.minId() == null) {
                String key = api.origin(ctx) + "?" + ctx.queryString();
                firstPages.get(key, () -> render(ctx, api.social().timelines().publicTimeline(null, request))).send(ctx);
                return;
            }
            answer(ctx, api.social().timelines().publicTimeline(viewer, request));
        });
        r.get("/api/v1/timelines/tag/{hashtag}", ctx -> answer(ctx, api.social().timelines().tag(
                api.auth().viewer(ctx), ctx.pathParam("hashtag"), Http.pageRequest(ctx))));
    }

    private void answer(Context ctx, Page<Post> page) {
        render(ctx, page).send(ctx);
    }

    private RenderedPage render(Context ctx, Page<Post> page) {
        MastodonJson json = api.render(ctx);
        return new RenderedPage(Http.toJsonBytes(page.items().stream().map(json::status).toList()),
                Http.linkHeader(ctx, api.origin(ctx), page));
    }
}
