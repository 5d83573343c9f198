package dev.colossus.app.http;

import dev.colossus.social.Preferences;
import io.javalin.config.RoutesConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mastodon's {@code GET /api/v1/preferences} (scope {@code read:accounts}): the user's posting defaults
 * ({@code posting:default:visibility}, {@code :sensitive}, {@code :language}) and reading settings, which are always
 * Mastodon's defaults here ({@code reading:expand:media} {@code "default"}, {@code reading:expand:spoilers} false).
 */
final class PreferenceRoutes {

    private final ApiContext api;

    PreferenceRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/preferences", ctx -> {
            long me = api.auth().user(ctx, "read:accounts").accountId();
            Http.json(ctx, json(api.social().preferences().get(me)));
        });
    }

    static Map<String, Object> json(Preferences p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("posting:default:visibility", p.postingVisibility().apiName());
        m.put("posting:default:sensitive", p.postingSensitive());
        m.put("posting:default:language", p.postingLanguage());
        m.put("reading:expand:media", "default");
        m.put("reading:expand:spoilers", false);
        return m;
    }
}
