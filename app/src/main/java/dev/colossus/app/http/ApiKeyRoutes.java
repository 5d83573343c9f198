package dev.colossus.app.http;

import dev.colossus.social.ApiKey;
import dev.colossus.social.IssuedApiKey;
import dev.colossus.social.service.ApiKeyService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed-in user's keys for the OpenAI-compatible API ({@code /v1}), with Mastodon's bearer tokens and errors:
 * <ul>
 *   <li>{@code POST /api/v1/colossus/api_keys} {@code {name}} (scope {@code write}): a new key; the answer's
 *       {@code key} is the only time it is shown</li>
 *   <li>{@code GET /api/v1/colossus/api_keys} (scope {@code read}): the working keys, newest first, each
 *       {@code {id, name, hint, created_at, last_used_at, tokens_today}}</li>
 *   <li>{@code DELETE /api/v1/colossus/api_keys/:id} (scope {@code write}): revokes it at once; another user's key
 *       or an unknown id is 404</li>
 * </ul>
 * A blank or long name, or a 21st key, is 422.
 */
public final class ApiKeyRoutes {

    private static final String BASE = "/api/v1/colossus/api_keys";

    private final Auth auth;
    private final ApiKeyService keys;

    public ApiKeyRoutes(Auth auth, ApiKeyService keys) {
        this.auth = auth;
        this.keys = keys;
    }

    /** Registers the routes (their errors are answered by {@link MastodonApi}'s handlers). */
    public void install(JavalinConfig c) {
        c.routes.post(BASE, this::create);
        c.routes.get(BASE, ctx -> Http.json(ctx, keys.list(auth.user(ctx, "read").accountId()).stream()
                .map(this::json).toList()));
        c.routes.delete(BASE + "/{id}", ctx -> {
            keys.revoke(auth.user(ctx, "write").accountId(), Params.parseId(ctx.pathParam("id"), "id"));
            Http.json(ctx, Map.of());
        });
    }

    private void create(Context ctx) {
        long account = auth.user(ctx, "write").accountId();
        IssuedApiKey issued = keys.create(account, Params.of(ctx).string("name"));
        Map<String, Object> body = json(issued.key());
        body.put("key", issued.secret());
        Http.json(ctx, body);
    }

    private Map<String, Object> json(ApiKey key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(key.id()));
        m.put("name", key.name());
        m.put("hint", key.hint());
        m.put("created_at", MastodonJson.time(key.createdAt()));
        m.put("last_used_at", key.lastUsedAt() == null ? null : MastodonJson.time(key.lastUsedAt()));
        m.put("tokens_today", keys.tokensToday(OpenAiAccess.subject(key)));
        return m;
    }
}
