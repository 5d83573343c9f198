package dev.colossus.app.http;

import dev.colossus.social.media.Focus;
import dev.colossus.social.service.EditService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Editing posts as Mastodon 4.x does: {@code PUT /api/v1/statuses/:id} (the author, scope {@code write:statuses};
 * {@code status}, {@code spoiler_text}, {@code sensitive}, {@code language}, {@code media_ids[]} and
 * {@code media_attributes[]} with {@code id}, {@code description}, {@code focus}, {@code poll} as for a new post;
 * every edit is the whole new state: no {@code poll} removes the post's poll), {@code GET /api/v1/statuses/:id/history} (every version, oldest first, as Mastodon's
 * StatusEdit) and {@code GET /api/v1/statuses/:id/source} (the author's plain text, scope {@code read:statuses}).
 */
final class EditRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ATTRIBUTES = "media_attributes";

    private final ApiContext api;

    EditRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.put("/api/v1/statuses/{id}", this::edit);
        r.get("/api/v1/statuses/{id}/history", ctx -> {
            MastodonJson json = api.render(ctx);
            Http.json(ctx, api.social().edits().history(id(ctx), api.auth().viewer(ctx)).stream()
                    .map(json::statusEdit).toList());
        });
        r.get("/api/v1/statuses/{id}/source", ctx -> Http.json(ctx, MastodonJson.statusSource(
                api.social().edits().source(api.auth().user(ctx, "read:statuses").accountId(), id(ctx)))));
    }

    private static long id(Context ctx) {
        return Params.parseId(ctx.pathParam("id"), "id");
    }

    private void edit(Context ctx) {
        long actor = api.auth().user(ctx, "write:statuses").accountId();
        Params p = Params.of(ctx);
        String language = p.string("language");
        EditService.Edit edit = new EditService.Edit(p.string("status"), p.string("spoiler_text"),
                p.bool("sensitive", false), language == null || language.isEmpty() ? null : language,
                p.list("media_ids").stream().map(StatusRoutes::mediaId).toList(), mediaChanges(p), PollParams.read(p));
        Http.json(ctx, api.render(ctx).status(api.social().edits().edit(actor, id(ctx), edit)));
    }

    /**
     * {@code media_attributes}: a JSON array of objects, or the form fields {@code media_attributes[][id]},
     * {@code [description]} and {@code [focus]}, paired by their order.
     */
    private static List<EditService.MediaChange> mediaChanges(Params p) {
        List<EditService.MediaChange> out = new ArrayList<>();
        List<String> ids = p.list(ATTRIBUTES + "[][id]");
        if (!ids.isEmpty()) {
            List<String> descriptions = p.list(ATTRIBUTES + "[][description]");
            List<String> foci = p.list(ATTRIBUTES + "[][focus]");
            for (int i = 0; i < ids.size(); i++) {
                out.add(change(ids.get(i), i < descriptions.size() ? descriptions.get(i) : null,
                        i < foci.size() ? foci.get(i) : null));
            }
            return out;
        }
        for (String item : p.list(ATTRIBUTES)) {
            JsonNode node;
            try {
                node = JSON.readTree(item);
            } catch (JacksonException e) {
                throw ApiError.badRequest("media_attributes must be objects with an id");
            }
            if (node == null || !node.isObject() || !node.hasNonNull("id")) {
                throw ApiError.badRequest("media_attributes must be objects with an id");
            }
            out.add(change(node.get("id").asText(), text(node, "description"), text(node, "focus")));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static EditService.MediaChange change(String id, String description, String focus) {
        return new EditService.MediaChange(StatusRoutes.mediaId(id), description,
                focus == null || focus.isBlank() ? null : Focus.parse(focus));
    }
}
