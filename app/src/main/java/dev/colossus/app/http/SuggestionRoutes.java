package dev.colossus.app.http;

import dev.colossus.social.Account;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whom to follow, as Mastodon suggests it: {@code GET /api/v2/suggestions} answers Suggestion entities
 * ({@code source}, {@code sources}, {@code account}), the older {@code GET /api/v1/suggestions} the accounts alone.
 * The suggestions are the accounts that posted most recently, never the user itself nor whom it already follows.
 * Both need a user token with {@code read} (401 without a valid token, 422 with an app token, 403 without the scope);
 * {@code limit} defaults to 40 and is clamped to 1..80 as Mastodon clamps it; a limit that is not a number is a 400.
 */
final class SuggestionRoutes {

    private static final int DEFAULT_LIMIT = 40;
    private static final int MAX_LIMIT = 80;
    private final ApiContext api;

    SuggestionRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.get("/api/v2/suggestions", ctx -> {
            MastodonJson json = api.render(ctx);
            Http.json(ctx, suggestions(ctx).stream().map(a -> suggestion(json, a)).toList());
        });
        r.get("/api/v1/suggestions", ctx -> {
            MastodonJson json = api.render(ctx);
            Http.json(ctx, suggestions(ctx).stream().map(json::account).toList());
        });
    }

    private List<Account> suggestions(Context ctx) {
        long me = api.auth().user(ctx, "read").accountId();
        Integer limit = Params.of(ctx).integer("limit");
        return api.social().follows().suggestions(me, limit == null ? DEFAULT_LIMIT : Math.clamp(limit, 1, MAX_LIMIT));
    }

    /** Mastodon's Suggestion: these are network-wide picks, so {@code source} is "global". */
    private static Map<String, Object> suggestion(MastodonJson json, Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", "global");
        m.put("sources", List.of("most_interactions"));
        m.put("account", json.account(a));
        return m;
    }
}
