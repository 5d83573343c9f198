package dev.colossus.app.http;

import dev.colossus.social.service.TrendService;
import dev.colossus.social.trends.TrendingTag;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/**
 * Mastodon's trends: {@code GET /api/v1/trends/tags} (and its old name {@code /api/v1/trends}), {@code /statuses}
 * and {@code /links} (always empty: links are not tracked). Paged by {@code offset} and {@code limit}; a limit above
 * twice the default is lowered to it, as Mastodon does; a value that is not a whole number, a limit under 1 or a
 * negative offset is a 422.
 */
final class TrendRoutes {

    private static final int TAGS_LIMIT = 10;
    private static final int STATUSES_LIMIT = 20;
    private final ApiContext api;
    private final TrendService trends;

    TrendRoutes(ApiContext api, TrendService trends) {
        this.api = api;
        this.trends = trends;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/trends", this::tags);
        r.get("/api/v1/trends/tags", this::tags);
        r.get("/api/v1/trends/statuses", ctx -> {
            Page page = Page.of(ctx, STATUSES_LIMIT);
            MastodonJson json = api.render(ctx);
            Http.json(ctx, trends.posts(page.offset(), page.limit(), api.auth().viewer(ctx)).stream().map(json::status).toList());
        });
        r.get("/api/v1/trends/links", ctx -> {
            Page.of(ctx, TAGS_LIMIT);
            Http.json(ctx, List.of());
        });
    }

    private void tags(Context ctx) {
        Page page = Page.of(ctx, TAGS_LIMIT);
        MastodonJson json = api.render(ctx);
        Http.json(ctx, trends.tags(page.offset(), page.limit()).stream().map(t -> tag(json, t)).toList());
    }

    /** Mastodon's Tag entity with its daily {@code history} (day as UNIX seconds, counts as strings), newest first. */
    private static Map<String, Object> tag(MastodonJson json, TrendingTag t) {
        Map<String, Object> m = json.tag(t.name());
        m.put("history", t.history());
        return m;
    }

    private record Page(int offset, int limit) {
        static Page of(Context ctx, int defaultLimit) {
            Params p = Params.of(ctx);
            return new Page(number(p, "offset", 0, 0), Math.min(number(p, "limit", defaultLimit, 1), 2 * defaultLimit));
        }

        private static int number(Params p, String name, int fallback, int min) {
            String text = p.string(name);
            if (text == null || text.isBlank()) return fallback;
            try {
                int v = Integer.parseInt(text.strip());
                if (v >= min) return v;
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new ApiError(422, "Validation failed: " + name + " must be a whole number of at least " + min);
        }
    }
}
