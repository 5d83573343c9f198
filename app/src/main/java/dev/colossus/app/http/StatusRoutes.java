package dev.colossus.app.http;

import dev.colossus.social.AccessGrant;
import dev.colossus.social.Post;
import dev.colossus.social.Preferences;
import dev.colossus.social.Visibility;
import dev.colossus.social.service.PostService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** Posts under {@code /api/v1/statuses}: create, show, delete, context, reblog and favourite. */
final class StatusRoutes {

    private final ApiContext api;

    StatusRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.post("/api/v1/statuses", this::create);
        r.get("/api/v1/statuses/{id}", ctx -> Http.json(ctx, api.render(ctx).status(
                api.social().posts().get(id(ctx), api.auth().viewer(ctx)))));
        r.delete("/api/v1/statuses/{id}", ctx -> Http.json(ctx, api.render(ctx).deletedStatus(
                api.social().posts().delete(user(ctx, "write:statuses"), id(ctx)))));
        r.get("/api/v1/statuses/{id}/context", this::context);
        r.post("/api/v1/statuses/{id}/reblog", ctx -> answer(ctx, api.social().posts().reblog(user(ctx, "write:statuses"), id(ctx))));
        r.post("/api/v1/statuses/{id}/unreblog", ctx -> answer(ctx, api.social().posts().unreblog(user(ctx, "write:statuses"), id(ctx))));
        r.post("/api/v1/statuses/{id}/favourite", ctx -> answer(ctx, api.social().posts().favourite(user(ctx, "write:favourites"), id(ctx))));
        r.post("/api/v1/statuses/{id}/unfavourite", ctx -> answer(ctx, api.social().posts().unfavourite(user(ctx, "write:favourites"), id(ctx))));
    }

    private static long id(Context ctx) {
        return Params.parseId(ctx.pathParam("id"), "id");
    }

    private long user(Context ctx, String scope) {
        return api.auth().user(ctx, scope).accountId();
    }

    private void answer(Context ctx, Post post) {
        Http.json(ctx, api.render(ctx).status(post));
    }

    private void create(Context ctx) {
        AccessGrant grant = api.auth().user(ctx, "write:statuses");
        Params p = Params.of(ctx);
        String visibility = p.string("visibility");
        String language = p.string("language");
        Preferences defaults = api.social().preferences().get(grant.accountId()); // for what the request leaves out
        PostService.NewPost post = new PostService.NewPost(p.string("status"), p.id("in_reply_to_id"),
                visibility == null || visibility.isEmpty() ? defaults.postingVisibility() : Visibility.parse(visibility),
                p.string("spoiler_text"), p.bool("sensitive", defaults.postingSensitive()),
                language == null || language.isEmpty() ? defaults.postingLanguage() : language,
                p.list("media_ids").stream().map(StatusRoutes::mediaId).toList(), PollParams.read(p));
        String key = ctx.header("Idempotency-Key");
        if (key != null && key.length() > 200) throw ApiError.badRequest("Idempotency-Key is too long");
        answer(ctx, api.social().posts().create(grant.accountId(), grant.appId(), post, key));
    }

    /** A media id; one that is not a number cannot be an upload of the poster's. */
    static long mediaId(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new ApiError(422, "Validation failed: media_ids must be ids of your uploads");
        }
    }

    private void context(Context ctx) {
        PostService.Context thread = api.social().posts().context(id(ctx), api.auth().viewer(ctx));
        MastodonJson json = api.render(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ancestors", thread.ancestors().stream().map(json::status).toList());
        body.put("descendants", thread.descendants().stream().map(json::status).toList());
        Http.json(ctx, body);
    }
}
