package dev.colossus.app.http;

import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which paths belong to the APIs rather than to the web UI, and what a request to one of them that no route takes is
 * answered: a JSON 404 whatever the {@code Accept} header asks for (a browser never gets the web page there) —
 * Mastodon's {@code {"error": "Record not found"}} under {@code /api} and {@code /oauth}, OpenAI's error object under
 * {@code /v1}.
 */
public final class ApiPaths {

    private static final String[] PREFIXES = {"/api", "/oauth", "/v1", "/.well-known", "/nodeinfo"};

    private ApiPaths() {
    }

    /** True for {@code /api}, {@code /oauth}, {@code /v1}, {@code /.well-known}, {@code /nodeinfo} and what lies under them. */
    public static boolean isApi(String path) {
        for (String prefix : PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) return true;
        }
        return false;
    }

    /** Answers a request that no route took with the 404 of its API. */
    static void notFound(Context ctx) {
        String path = ctx.path();
        if (path.equals("/v1") || path.startsWith("/v1/")) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", "Invalid URL (" + ctx.method().name() + " " + path + ")");
            error.put("type", "invalid_request_error");
            error.put("param", null);
            error.put("code", null);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", error);
            Http.json(ctx, 404, body);
        } else {
            Http.json(ctx, 404, Map.of("error", "Record not found"));
        }
    }
}
