package dev.colossus.app.http;

import dev.colossus.social.Poll;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;

/**
 * Mastodon's polls: {@code GET /api/v1/polls/:id} (as the post is seen: 404 when it is hidden from the caller; a token
 * is optional) and {@code POST /api/v1/polls/:id/votes} with {@code choices[]}, option indexes from 0 (a user token
 * with {@code write:statuses}; 400 without choices, 422 for a poll that ended, one's own poll, a second vote, an
 * index out of range or repeated, or several choices on a single-choice poll). Both answer the poll as the caller
 * sees it.
 */
final class PollRoutes {

    private final ApiContext api;

    PollRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/polls/{id}", ctx -> answer(ctx, api.social().polls().get(id(ctx), api.auth().viewer(ctx))));
        r.post("/api/v1/polls/{id}/votes", this::vote);
    }

    private void vote(Context ctx) {
        long me = api.auth().user(ctx, "write:statuses").accountId();
        List<String> choices = Params.of(ctx).list("choices");
        if (choices.isEmpty()) throw ApiError.badRequest("param is missing or the value is empty: choices");
        answer(ctx, api.social().polls().vote(me, id(ctx), choices.stream().map(PollRoutes::choice).toList()));
    }

    private static int choice(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new ApiError(422, "Validation failed: The chosen vote option does not exist");
        }
    }

    private static long id(Context ctx) {
        return Params.parseId(ctx.pathParam("id"), "id");
    }

    private void answer(Context ctx, Poll poll) {
        Http.json(ctx, api.render(ctx).poll(poll));
    }
}
