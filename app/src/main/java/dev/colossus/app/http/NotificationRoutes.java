package dev.colossus.app.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.social.Marker;
import dev.colossus.social.Notification;
import dev.colossus.social.NotificationFilter;
import dev.colossus.social.Page;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Mastodon's notifications and markers: {@code GET /api/v1/notifications} (paging by {@code max_id},
 * {@code since_id}, {@code min_id}, {@code limit} (40, at most 80) with a {@code Link} header; {@code types[]}, {@code exclude_types[]},
 * {@code account_id}), {@code GET /api/v1/notifications/:id}, {@code POST /api/v1/notifications/clear},
 * {@code POST /api/v1/notifications/:id/dismiss}, {@code GET /api/v1/notifications/unread_count} (newer than the
 * notifications marker, with the list's filters; {@code limit}, default 100, at most 1000), and {@code GET/POST /api/v1/markers} (timelines
 * {@code home} and {@code notifications}). Scopes: {@code read:notifications}, {@code write:notifications};
 * markers {@code read:statuses}, {@code write:statuses}, as Mastodon asks. Type names Mastodon has but this network
 * does not make ({@code admin.sign_up}, {@code severed_relationships}, ...) are accepted and match nothing.
 */
final class NotificationRoutes {

    private final ApiContext api;

    NotificationRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/notifications", this::list);
        r.get("/api/v1/notifications/unread_count", ctx -> {
            long me = api.auth().user(ctx, "read:notifications").accountId();
            Params p = Params.of(ctx);
            NotificationFilter filter = filter(p);
            int count = filter == null ? 0 : api.social().notifications().unreadCount(me, filter, p.integer("limit"));
            Http.json(ctx, Map.of("count", count));
        });
        r.post("/api/v1/notifications/clear", ctx -> {
            api.social().notifications().clear(api.auth().user(ctx, "write:notifications").accountId());
            Http.json(ctx, Map.of());
        });
        r.get("/api/v1/notifications/{id}", ctx -> {
            long me = api.auth().user(ctx, "read:notifications").accountId();
            Notification n = api.social().notifications().get(me, Params.parseId(ctx.pathParam("id"), "id"));
            Http.json(ctx, api.render(ctx).notification(n));
        });
        r.post("/api/v1/notifications/{id}/dismiss", ctx -> {
            long me = api.auth().user(ctx, "write:notifications").accountId();
            api.social().notifications().dismiss(me, Params.parseId(ctx.pathParam("id"), "id"));
            Http.json(ctx, Map.of());
        });
        r.get("/api/v1/markers", this::markers);
        r.post("/api/v1/markers", this::setMarkers);
    }

    private void list(Context ctx) {
        long me = api.auth().user(ctx, "read:notifications").accountId();
        NotificationFilter filter = filter(Params.of(ctx));
        Page<Notification> page = filter == null ? new Page<>(List.of(), null, null)
                : api.social().notifications().list(me, filter, Http.longPageRequest(ctx));
        MastodonJson json = api.render(ctx);
        Http.link(ctx, api.origin(ctx), page);
        Http.json(ctx, page.items().stream().map(json::notification).toList());
    }

    /**
     * The request's {@code types[]}, {@code exclude_types[]} and {@code account_id}; null when {@code types[]} names
     * only types never made here, so nothing can match.
     */
    private static NotificationFilter filter(Params p) {
        List<String> typeNames = p.list("types");
        Set<Notification.Type> types = types(typeNames);
        if (!typeNames.isEmpty() && types.isEmpty()) return null;
        return new NotificationFilter(types, types(p.list("exclude_types")), p.id("account_id"));
    }

    private static Set<Notification.Type> types(List<String> names) {
        Set<Notification.Type> out = EnumSet.noneOf(Notification.Type.class);
        for (String name : names) Notification.Type.fromApiName(name).ifPresent(out::add);
        return out;
    }

    private void markers(Context ctx) {
        long me = api.auth().user(ctx, "read:statuses").accountId();
        Map<String, Object> body = new LinkedHashMap<>();
        api.social().markers().get(me, Params.of(ctx).list("timeline"))
                .forEach((timeline, marker) -> body.put(timeline, MastodonJson.marker(marker)));
        Http.json(ctx, body);
    }

    /** Takes {@code home[last_read_id]} and {@code notifications[last_read_id]} (form fields or nested JSON). */
    private void setMarkers(Context ctx) {
        long me = api.auth().user(ctx, "write:statuses").accountId();
        Params p = Params.of(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        for (String timeline : Marker.TIMELINES) {
            lastReadId(p, timeline).ifPresent(id ->
                    body.put(timeline, MastodonJson.marker(api.social().markers().set(me, timeline, id))));
        }
        if (body.isEmpty()) throw ApiError.badRequest("Missing home[last_read_id] or notifications[last_read_id]");
        Http.json(ctx, body);
    }

    private static Optional<Long> lastReadId(Params p, String timeline) {
        String text = p.string(timeline + "[last_read_id]");
        if (text == null && p.string(timeline) != null) {
            try {
                JsonNode nested = Http.JSON.readTree(p.string(timeline)).get("last_read_id");
                text = nested == null || nested.isNull() ? null : nested.asText();
            } catch (JacksonException | RuntimeException e) {
                throw ApiError.badRequest(timeline + " must be an object with last_read_id");
            }
        }
        if (text == null || text.isBlank()) return Optional.empty();
        try {
            long id = Long.parseLong(text.trim());
            if (id < 0) throw new NumberFormatException();
            return Optional.of(id);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(timeline + "[last_read_id] must be an id");
        }
    }
}
