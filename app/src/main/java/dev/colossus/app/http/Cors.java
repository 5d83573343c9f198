package dev.colossus.app.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.List;

/**
 * Cross-origin access as Mastodon allows it, so that web clients served from other origins can use the API: any
 * origin, any request header (bearer tokens in {@code Authorization} included), never cookies (no
 * {@code Access-Control-Allow-Credentials}, so a browser never sends this site's cookies along). Covers {@link #PATHS}:
 * the Mastodon API, the token and revocation endpoints (not the sign-in page), the OpenAI-compatible API, the
 * well-known documents and NodeInfo. Paging and rate-limit headers are exposed to scripts.
 *
 * <p>A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered 204 at once, before rate
 * limits and access checks, allowing the asked method and headers for a day.
 */
final class Cors {

    /** Where cross-origin requests are allowed (Javalin path patterns). */
    static final List<String> PATHS = List.of("/api/*", "/oauth/token", "/oauth/revoke", "/v1/*", "/.well-known/*",
            "/nodeinfo/*");
    static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String EXPOSED_HEADERS = "Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, "
            + "X-Request-Id, Idempotency-Key, Retry-After";
    private static final String MAX_AGE = Integer.toString(24 * 3600);

    private Cors() {
    }

    /** Registers the CORS handlers; call before any other {@code before} handler of these paths. */
    static void register(RoutesConfig r) {
        for (String path : PATHS) r.before(path, Cors::handle);
    }

    private static void handle(Context ctx) {
        if (ctx.header("Origin") == null) return;
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        String asked = ctx.header("Access-Control-Request-Method");
        if (ctx.method() != HandlerType.OPTIONS || asked == null) return;
        ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
        String headers = ctx.header("Access-Control-Request-Headers");
        ctx.header("Access-Control-Allow-Headers", headers == null || headers.isBlank() ? "Authorization, Content-Type" : headers);
        ctx.header("Access-Control-Max-Age", MAX_AGE);
        ctx.status(204);
        ctx.skipRemainingHandlers();
    }
}
