package dev.colossus.app.http;

import dev.colossus.social.PostQuery;
import dev.colossus.social.TagHit;
import dev.colossus.social.service.SearchService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /api/v2/search} (posts, accounts, hashtags) and {@code GET /api/v1/accounts/search}. */
final class SearchRoutes {

    private static final int MAX_OFFSET = PostQuery.MAX_DEPTH - 40;
    private final ApiContext api;
    private final SearchService search;

    SearchRoutes(ApiContext api, SearchService search) {
        this.api = api;
        this.search = search;
    }

    void register(RoutesConfig r) {
        r.get("/api/v2/search", this::search);
        r.get("/api/v1/accounts/search", ctx -> {
            Params p = Params.of(ctx);
            MastodonJson json = api.render(ctx);
            Http.json(ctx, search.accounts(query(p), offset(p), limit(p), api.auth().viewer(ctx)).stream()
                    .map(json::account).toList());
        });
    }

    private static String query(Params p) {
        String q = p.string("q");
        if (q == null || q.isBlank()) throw ApiError.badRequest("Missing required parameter: q");
        if (q.length() > 1000) throw ApiError.badRequest("q is too long");
        return q.strip();
    }

    private static int limit(Params p) {
        Integer limit = p.integer("limit");
        return limit == null ? 20 : Math.clamp(limit, 1, 40);
    }

    private static int offset(Params p) {
        Integer offset = p.integer("offset");
        return offset == null ? 0 : Math.clamp(offset, 0, MAX_OFFSET);
    }

    private void search(Context ctx) {
        Params p = Params.of(ctx);
        String q = query(p);
        String type = p.string("type");
        if (type != null && !Set.of("accounts", "statuses", "hashtags").contains(type)) {
            throw ApiError.badRequest("type must be accounts, statuses or hashtags");
        }
        int limit = limit(p), offset = offset(p);
        Long viewer = api.auth().viewer(ctx);
        MastodonJson json = api.render(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accounts", type == null || type.equals("accounts")
                ? search.accounts(q, offset, limit, viewer).stream().map(json::account).toList() : List.of());
        if (type == null || type.equals("statuses")) {
            PostQuery query = PostQuery.of(q).withPage(offset, limit);
            Long author = p.id("account_id");
            if (author != null) query = query.withIncludeAuthors(Set.of(author));
            body.put("statuses", search.posts(query, viewer).stream().map(json::status).toList());
        } else {
            body.put("statuses", List.of());
        }
        body.put("hashtags", type == null || type.equals("hashtags")
                ? search.tags(q, offset, limit).stream().map(t -> hashtag(json, t)).toList() : List.of());
        Http.json(ctx, body);
    }

    private static Map<String, Object> hashtag(MastodonJson json, TagHit t) {
        Map<String, Object> m = json.tag(t.name());
        m.put("history", List.of());
        return m;
    }
}
