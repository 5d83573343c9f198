package dev.colossus.app.http;

import dev.colossus.social.Account;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Post;
import dev.colossus.social.SocialException;
import dev.colossus.social.TimelineList;
import dev.colossus.social.service.ListService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mastodon's lists: {@code GET /api/v1/lists}, {@code GET /api/v1/lists/:id}, {@code POST /api/v1/lists}
 * ({@code title}, {@code replies_policy} {@code followed|list|none}, default {@code list}; {@code exclusive}, default
 * false), {@code PUT /api/v1/lists/:id} (the same, each optional), {@code DELETE /api/v1/lists/:id};
 * {@code GET /api/v1/lists/:id/accounts} (40, at most 80, {@code limit=0} for all, paged with a {@code Link} header),
 * {@code POST} and {@code DELETE /api/v1/lists/:id/accounts} ({@code account_ids[]}; only accounts the user follows
 * join, else 422); {@code GET /api/v1/accounts/:id/lists} (the user's lists holding that account) and
 * {@code GET /api/v1/timelines/list/:id} (paged as other timelines). Scopes {@code read:lists} and
 * {@code write:lists}; another user's list is 404.
 */
final class ListRoutes {

    private final ApiContext api;

    ListRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/lists", ctx -> Http.json(ctx, lists().all(user(ctx, "read:lists")).stream().map(ListRoutes::json).toList()));
        r.post("/api/v1/lists", ctx -> {
            long me = user(ctx, "write:lists");
            Params p = Params.of(ctx);
            TimelineList.RepliesPolicy policy = policy(p);
            Http.json(ctx, json(lists().create(me, p.string("title"), policy == null ? TimelineList.RepliesPolicy.LIST : policy,
                    Boolean.TRUE.equals(exclusive(p)))));
        });
        r.get("/api/v1/lists/{id}", ctx -> Http.json(ctx, json(lists().get(user(ctx, "read:lists"), id(ctx)))));
        r.put("/api/v1/lists/{id}", ctx -> {
            long me = user(ctx, "write:lists");
            Params p = Params.of(ctx);
            Http.json(ctx, json(lists().update(me, id(ctx), p.string("title"), policy(p), exclusive(p))));
        });
        r.delete("/api/v1/lists/{id}", ctx -> {
            lists().delete(user(ctx, "write:lists"), id(ctx));
            Http.json(ctx, Map.of());
        });
        r.get("/api/v1/lists/{id}/accounts", this::members);
        r.post("/api/v1/lists/{id}/accounts", ctx -> {
            lists().add(user(ctx, "write:lists"), id(ctx), accountIds(ctx));
            Http.json(ctx, Map.of());
        });
        r.delete("/api/v1/lists/{id}/accounts", ctx -> {
            lists().remove(user(ctx, "write:lists"), id(ctx), accountIds(ctx));
            Http.json(ctx, Map.of());
        });
        r.get("/api/v1/accounts/{id}/lists", ctx -> Http.json(ctx,
                lists().containing(user(ctx, "read:lists"), id(ctx)).stream().map(ListRoutes::json).toList()));
        r.get("/api/v1/timelines/list/{id}", ctx -> {
            Page<Post> page = lists().timeline(user(ctx, "read:lists"), id(ctx), Http.pageRequest(ctx));
            MastodonJson json = api.render(ctx);
            Http.link(ctx, api.origin(ctx), page);
            Http.json(ctx, page.items().stream().map(json::status).toList());
        });
    }

    private void members(Context ctx) {
        long me = user(ctx, "read:lists");
        Integer limit = Params.of(ctx).integer("limit");
        boolean all = limit != null && limit == 0;
        PageRequest request = all ? PageRequest.first(ListService.MAX_MEMBERS) : Http.longPageRequest(ctx);
        Page<Account> page = lists().members(me, id(ctx), request);
        MastodonJson json = api.render(ctx);
        if (!all) Http.link(ctx, api.origin(ctx), page);
        Http.json(ctx, page.items().stream().map(json::account).toList());
    }

    /** Mastodon's {@code List} entity. */
    static Map<String, Object> json(TimelineList list) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(list.id()));
        m.put("title", list.title());
        m.put("replies_policy", list.repliesPolicy().apiName());
        m.put("exclusive", list.exclusive());
        return m;
    }

    private ListService lists() {
        return api.social().lists();
    }

    private long user(Context ctx, String scope) {
        return api.auth().user(ctx, scope).accountId();
    }

    private static long id(Context ctx) {
        return Params.parseId(ctx.pathParam("id"), "id");
    }

    private static TimelineList.RepliesPolicy policy(Params p) {
        String name = p.string("replies_policy");
        if (name == null) return null;
        return TimelineList.RepliesPolicy.fromApiName(name)
                .orElseThrow(() -> SocialException.invalid("replies_policy", "must be followed, list or none"));
    }

    private static Boolean exclusive(Params p) {
        return p.string("exclusive") == null ? null : p.bool("exclusive", false);
    }

    private static List<Long> accountIds(Context ctx) {
        List<String> ids = Params.of(ctx).list("account_ids");
        if (ids.isEmpty()) throw ApiError.badRequest("Missing required parameter: account_ids[]");
        if (ids.size() > ListService.MAX_MEMBERS) throw ApiError.badRequest("Too many account_ids");
        return ids.stream().map(s -> Params.parseId(s, "account_ids")).toList();
    }
}
