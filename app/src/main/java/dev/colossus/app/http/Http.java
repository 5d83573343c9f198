package dev.colossus.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Response helpers shared by the route classes: JSON bodies, the public origin, paging and Link headers. */
public final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    private Http() {
    }

    /** Writes {@code body} as JSON with the given status. */
    public static void json(Context ctx, int status, Object body) {
        jsonBytes(ctx, status, toJsonBytes(body));
    }

    /** Writes a body already serialised as JSON with the given status. */
    static void jsonBytes(Context ctx, int status, byte[] body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(body);
    }

    static byte[] toJsonBytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unserialisable response", e);
        }
    }

    /** The most of a refused body read and thrown away before the refusal is sent (see {@link #discardBody}). */
    static final long DISCARD_LIMIT = 64L << 20;

    /**
     * Reads and throws away what is left of the request body, up to {@link #DISCARD_LIMIT} bytes, before a refusal
     * such as 413 is written. A server that answers while the client is still sending and then closes the connection
     * makes the kernel reset it, and the client loses the answer with the unread bytes; reading them first lets the
     * answer arrive and the connection live on. A body larger still is cut off as before. Never throws.
     */
    static void discardBody(Context ctx) {
        if (ctx.res().isCommitted()) return;
        try (var in = ctx.req().getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            long left = DISCARD_LIMIT;
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) left -= n;
        } catch (java.io.IOException | RuntimeException e) {
            // the client went away or the stream was already read: nothing more to discard
        }
    }

    public static void json(Context ctx, Object body) {
        json(ctx, 200, body);
    }

    public static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unserialisable response", e);
        }
    }

    /** What a Host header may hold to be echoed in links (compiled once: every API request reads it). */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]+");

    /**
     * The origin clients reach this server at: {@code publicUrl} when configured, else the request's scheme and
     * Host header.
     */
    public static String origin(Context ctx, String publicUrl) {
        if (publicUrl != null && !publicUrl.isBlank()) return publicUrl;
        String host = ctx.host();
        if (host == null || host.isBlank() || !HOST.matcher(host).matches()) host = "localhost";
        return ctx.scheme() + "://" + host;
    }

    /** max_id, since_id, min_id and limit from the request, for a page of posts (limit 20, at most 40). */
    public static PageRequest pageRequest(Context ctx) {
        return pageRequest(ctx, PageRequest.DEFAULT_LIMIT, PageRequest.MAX_LIMIT);
    }

    /** The same for a page of notifications or accounts (limit 40, at most 80, as Mastodon pages them). */
    public static PageRequest longPageRequest(Context ctx) {
        return pageRequest(ctx, PageRequest.LONG_DEFAULT_LIMIT, PageRequest.LONG_MAX_LIMIT);
    }

    private static PageRequest pageRequest(Context ctx, int defaultLimit, int maxLimit) {
        Params p = Params.of(ctx);
        return PageRequest.of(p.id("max_id"), p.id("since_id"), p.id("min_id"), p.integer("limit"), defaultLimit, maxLimit);
    }

    /**
     * Sets Mastodon's {@code Link} header for a page: {@code rel="next"} (older, {@code max_id}) and
     * {@code rel="prev"} (newer, {@code min_id}), keeping the request's other query parameters. None for an empty page.
     */
    public static void link(Context ctx, String origin, Page<?> page) {
        String link = linkHeader(ctx, origin, page);
        if (link != null) ctx.header("Link", link);
    }

    /** The {@code Link} header {@link #link} sets, or null for an empty page. */
    static String linkHeader(Context ctx, String origin, Page<?> page) {
        if (page.items().isEmpty()) return null;
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            String k = e.getKey();
            if (k.equals("max_id") || k.equals("min_id") || k.equals("since_id") || k.equals("access_token")) continue;
            for (String v : e.getValue()) kept.add(enc(k) + "=" + enc(v));
        }
        String base = origin + ctx.path() + "?" + (kept.isEmpty() ? "" : String.join("&", kept) + "&");
        return "<" + base + "max_id=" + page.nextMaxId() + ">; rel=\"next\", <"
                + base + "min_id=" + page.prevMinId() + ">; rel=\"prev\"";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
