package dev.colossus.app.http;

import dev.colossus.social.Account;
import dev.colossus.social.Muted;
import dev.colossus.social.Page;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.Collections;

/**
 * Blocks and mutes, as Mastodon's API has them: {@code POST /api/v1/accounts/:id/block}, {@code /unblock},
 * {@code /mute} (params {@code notifications}, default true, and {@code duration} in seconds, 0 or absent: until
 * unmuted) and {@code /unmute}, each answering the Relationship; {@code GET /api/v1/blocks} and
 * {@code GET /api/v1/mutes} (accounts, newest first, paged by {@code Link}; a muted account carries
 * {@code mute_expires_at}). Scopes: {@code write:blocks}, {@code write:mutes}, {@code read:blocks},
 * {@code read:mutes} (or their parents). Unknown accounts answer 404, oneself 403, a bad duration 422.
 */
final class SafetyRoutes {

    private final ApiContext api;

    SafetyRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.post("/api/v1/accounts/{id}/block", ctx -> relationship(ctx, api.social().blocks().block(
                user(ctx, "write:blocks"), id(ctx))));
        r.post("/api/v1/accounts/{id}/unblock", ctx -> relationship(ctx, api.social().blocks().unblock(
                user(ctx, "write:blocks"), id(ctx))));
        r.post("/api/v1/accounts/{id}/mute", this::mute);
        r.post("/api/v1/accounts/{id}/unmute", ctx -> relationship(ctx, api.social().mutes().unmute(
                user(ctx, "write:mutes"), id(ctx))));
        r.get("/api/v1/blocks", this::blocks);
        r.get("/api/v1/mutes", this::mutes);
    }

    private long user(Context ctx, String scope) {
        return api.auth().user(ctx, scope).accountId();
    }

    private static long id(Context ctx) {
        return Params.parseId(ctx.pathParam("id"), "id");
    }

    private void relationship(Context ctx, dev.colossus.social.Relationship r) {
        Http.json(ctx, api.render(ctx).relationship(r));
    }

    private void mute(Context ctx) {
        long me = user(ctx, "write:mutes");
        Params p = Params.of(ctx);
        Integer seconds = p.integer("duration");
        relationship(ctx, api.social().mutes().mute(me, id(ctx), p.bool("notifications", true),
                seconds == null ? null : Duration.ofSeconds(seconds)));
    }

    private void blocks(Context ctx) {
        long me = user(ctx, "read:blocks");
        Page<Account> page = api.social().blocks().blocks(me, Http.longPageRequest(ctx));
        MastodonJson json = api.render(ctx);
        Http.link(ctx, api.origin(ctx), page);
        Http.json(ctx, page.items().stream().map(json::account).toList());
    }

    private void mutes(Context ctx) {
        long me = user(ctx, "read:mutes");
        Page<Muted> page = api.social().mutes().mutes(me, Http.longPageRequest(ctx));
        MastodonJson json = api.render(ctx);
        Http.link(ctx, api.origin(ctx), page);
        Http.json(ctx, page.items().stream().map(m -> json.account(m.account(), Collections.singletonMap(
                "mute_expires_at", m.expiresAt() == null ? null : MastodonJson.time(m.expiresAt())))).toList());
    }
}
