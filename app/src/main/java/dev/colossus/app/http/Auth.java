package dev.colossus.app.http;

import dev.colossus.social.AccessGrant;
import dev.colossus.social.auth.Scopes;
import dev.colossus.social.service.AuthService;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * Resolves a request's bearer token (the {@code Authorization: Bearer} header or the {@code access_token}
 * parameter) and enforces what an endpoint needs, with Mastodon's errors: 401 for a missing or bad token, 422 when
 * an app token is used where a user is needed, 403 when the token lacks the scope.
 */
public final class Auth {

    private static final String GRANT = "colossus.grant";
    private static final String REFUSED = "colossus.grant.refused";
    private final AuthService auth;

    public Auth(AuthService auth) {
        this.auth = auth;
    }

    /** The token sent with the request, or null. */
    public static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) return header.substring(7).trim();
        return ctx.queryParam("access_token");
    }

    /**
     * The grant of the token sent with the request when it verifies; empty without a token or for an unknown,
     * revoked or expired one. Never throws for a bad token (the rate limiter counts such requests by client address);
     * the answer is kept for the rest of the request.
     */
    public Optional<AccessGrant> verified(Context ctx) {
        AccessGrant cached = ctx.attribute(GRANT);
        if (cached != null) return Optional.of(cached);
        if (ctx.attribute(REFUSED) != null) return Optional.empty();
        String token = bearer(ctx);
        if (token == null || token.isEmpty()) return Optional.empty();
        Optional<AccessGrant> grant = auth.authenticate(token);
        if (grant.isPresent()) ctx.attribute(GRANT, grant.get());
        else ctx.attribute(REFUSED, Boolean.TRUE);
        return grant;
    }

    /** The grant when a token was sent; empty without one. @throws ApiError 401 for an unknown, revoked or expired token */
    public Optional<AccessGrant> optional(Context ctx) {
        Optional<AccessGrant> grant = verified(ctx);
        String token = bearer(ctx);
        if (grant.isEmpty() && token != null && !token.isEmpty()) throw new ApiError(401, "The access token is invalid");
        return grant;
    }

    /** The viewer's account id when a user token was sent, else null (anonymous or app token). */
    public Long viewer(Context ctx) {
        return optional(ctx).map(AccessGrant::accountId).orElse(null);
    }

    /** Any valid token (app or user) with {@code scope}. */
    public AccessGrant app(Context ctx, String scope) {
        AccessGrant grant = optional(ctx).orElseThrow(() -> new ApiError(401, "The access token is invalid"));
        requireScope(grant, scope);
        return grant;
    }

    /** A user token with {@code scope}; returns the grant, whose {@code accountId} is not null. */
    public AccessGrant user(Context ctx, String scope) {
        AccessGrant grant = optional(ctx).orElseThrow(() -> new ApiError(401, "The access token is invalid"));
        if (grant.accountId() == null) throw new ApiError(422, "This method requires an authenticated user");
        requireScope(grant, scope);
        return grant;
    }

    private static void requireScope(AccessGrant grant, String scope) {
        if (!Scopes.allows(grant.scopes(), scope)) throw new ApiError(403, "This action is outside the authorized scopes");
    }
}
