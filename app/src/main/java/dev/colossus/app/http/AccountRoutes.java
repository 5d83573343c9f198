package dev.colossus.app.http;

import dev.colossus.social.AccessGrant;
import dev.colossus.social.Account;
import dev.colossus.social.IssuedToken;
import dev.colossus.social.Page;
import dev.colossus.social.SocialException;
import dev.colossus.social.Post;
import dev.colossus.social.service.AccountService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;

/**
 * Sign-up, profiles, follows and account timelines under {@code /api/v1/accounts} (the user's own profile:
 * {@link ProfileRoutes}).
 */
final class AccountRoutes {

    private final ApiContext api;

    AccountRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.post("/api/v1/accounts", this::signUp);
        r.get("/api/v1/accounts/lookup", this::lookup);
        r.get("/api/v1/accounts/relationships", this::relationships);
        r.get("/api/v1/accounts/{id}", this::show);
        r.get("/api/v1/accounts/{id}/statuses", this::statuses);
        r.get("/api/v1/accounts/{id}/followers", ctx -> list(ctx, true));
        r.get("/api/v1/accounts/{id}/following", ctx -> list(ctx, false));
        r.post("/api/v1/accounts/{id}/follow", this::follow);
        r.post("/api/v1/accounts/{id}/unfollow", this::unfollow);
    }

    private static long id(Context ctx) {
        return Params.parseId(ctx.pathParam("id"), "id");
    }

    private void signUp(Context ctx) {
        AccessGrant app = api.auth().app(ctx, "write:accounts");
        Params p = Params.of(ctx);
        IssuedToken token = api.social().accounts().register(app, new AccountService.SignUp(p.string("username"),
                p.string("email"), p.string("password"), p.bool("agreement", false), p.string("locale")));
        Http.json(ctx, MastodonJson.token(token));
    }

    private void lookup(Context ctx) {
        String acct = Params.of(ctx).string("acct");
        if (acct == null || acct.isBlank()) throw new ApiError(400, "Missing required parameter: acct");
        String name = acct.startsWith("@") ? acct.substring(1) : acct;
        int at = name.indexOf('@');
        if (at >= 0) {
            String domain = name.substring(at + 1);
            String host = api.origin(ctx).replaceFirst("^https?://", "").replaceFirst(":\\d+$", "");
            if (!domain.equalsIgnoreCase(host) && !domain.equalsIgnoreCase(api.origin(ctx).replaceFirst("^https?://", ""))) {
                throw SocialException.notFound();
            }
            name = name.substring(0, at);
        }
        Account a = api.social().accounts().lookup(name).orElseThrow(SocialException::notFound);
        Http.json(ctx, api.render(ctx).account(a));
    }

    private void relationships(Context ctx) {
        long me = api.auth().user(ctx, "read:follows").accountId();
        List<Long> ids = new ArrayList<>();
        for (String s : Params.of(ctx).list("id")) {
            try {
                ids.add(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                // Unknown ids are left out of the answer, as Mastodon does.
            }
        }
        MastodonJson json = api.render(ctx);
        Http.json(ctx, api.social().follows().relationships(me, ids).stream().map(json::relationship).toList());
    }

    private void show(Context ctx) {
        Http.json(ctx, api.render(ctx).account(api.social().accounts().get(id(ctx))));
    }

    private void statuses(Context ctx) {
        Params p = Params.of(ctx);
        if (p.bool("pinned", false)) {
            MastodonJson json = api.render(ctx);
            Http.json(ctx, api.social().pins().pinned(api.auth().viewer(ctx), id(ctx)).stream().map(json::status).toList());
            return;
        }
        if (p.bool("only_media", false)) { // media-only account timelines are not offered here
            Http.json(ctx, List.of());
            return;
        }
        Page<Post> page = api.social().timelines().account(api.auth().viewer(ctx), id(ctx),
                p.bool("exclude_replies", false), p.bool("exclude_reblogs", false), Http.pageRequest(ctx));
        MastodonJson json = api.render(ctx);
        Http.link(ctx, api.origin(ctx), page);
        Http.json(ctx, page.items().stream().map(json::status).toList());
    }

    private void list(Context ctx, boolean followers) {
        long id = id(ctx);
        Page<Account> page = followers ? api.social().follows().followers(id, Http.longPageRequest(ctx))
                : api.social().follows().following(id, Http.longPageRequest(ctx));
        MastodonJson json = api.render(ctx);
        Http.link(ctx, api.origin(ctx), page);
        Http.json(ctx, page.items().stream().map(json::account).toList());
    }

    private void follow(Context ctx) {
        long me = api.auth().user(ctx, "write:follows").accountId();
        Params p = Params.of(ctx);
        Boolean notify = p.string("notify") == null ? null : p.bool("notify", false); // absent: unchanged
        Http.json(ctx, api.render(ctx).relationship(api.social().follows().follow(me, id(ctx), notify)));
    }

    private void unfollow(Context ctx) {
        long me = api.auth().user(ctx, "write:follows").accountId();
        Http.json(ctx, api.render(ctx).relationship(api.social().follows().unfollow(me, id(ctx))));
    }
}
