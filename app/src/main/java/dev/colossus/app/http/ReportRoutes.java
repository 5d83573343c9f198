package dev.colossus.app.http;

import dev.colossus.social.Report;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/reports} as Mastodon takes it: {@code account_id} (required), {@code status_ids[]} (posts by
 * that account), {@code comment} (at most 1000 characters), {@code category} ({@code spam}, {@code legal},
 * {@code violation} or {@code other}, the default); {@code forward} and {@code rule_ids} are accepted and ignored
 * (every account here is local, and the network has no rules list). Answers the Report; 404 for an unknown account
 * or a post that is not its, 422 for a bad comment or category. Reports are stored for moderators; there is no
 * moderation API yet. Scope {@code write:reports}.
 */
final class ReportRoutes {

    private final ApiContext api;

    ReportRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.post("/api/v1/reports", this::report);
    }

    private void report(Context ctx) {
        long me = api.auth().user(ctx, "write:reports").accountId();
        Params p = Params.of(ctx);
        Long target = p.id("account_id");
        if (target == null) throw new ApiError(422, "Validation failed: Account id can't be blank");
        List<Long> posts = new ArrayList<>();
        for (String id : p.list("status_ids")) posts.add(Params.parseId(id, "status_ids"));
        Report report = api.social().reports().report(me, target, posts, p.string("comment"), p.string("category"));
        Http.json(ctx, json(api.render(ctx), report));
    }

    private static Map<String, Object> json(MastodonJson json, Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(r.id()));
        m.put("action_taken", false);
        m.put("action_taken_at", null);
        m.put("category", r.category());
        m.put("comment", r.comment());
        m.put("forwarded", false);
        m.put("created_at", MastodonJson.time(r.createdAt()));
        m.put("status_ids", r.postIds().isEmpty() ? null : r.postIds().stream().map(String::valueOf).toList());
        m.put("rule_ids", null);
        m.put("target_account", json.account(r.target()));
        return m;
    }
}
