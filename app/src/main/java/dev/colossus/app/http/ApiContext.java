package dev.colossus.app.http;

import dev.colossus.social.Social;
import io.javalin.http.Context;

/**
 * What every route class needs: the network, token checks, and the configured public origin (null to take it from
 * each request's Host header).
 */
public record ApiContext(Social social, Auth auth, String publicUrl) {

    public String origin(Context ctx) {
        return Http.origin(ctx, publicUrl);
    }

    /** A JSON renderer whose links point at this request's origin. */
    public MastodonJson render(Context ctx) {
        return new MastodonJson(origin(ctx));
    }
}
