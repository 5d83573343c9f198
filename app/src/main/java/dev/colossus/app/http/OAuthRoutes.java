package dev.colossus.app.http;

import dev.colossus.social.AccessGrant;
import dev.colossus.social.Application;
import dev.colossus.social.IssuedToken;
import dev.colossus.social.auth.OAuthException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.Map;

/**
 * Client applications and OAuth tokens: {@code /api/v1/apps}, {@code /oauth/token}, {@code /oauth/revoke}.
 *
 * <p>{@code POST /oauth/token} takes an optional {@code expires_in} (seconds, a whole number from 1 to
 * {@link #MAX_EXPIRES_IN}): the token then stops working after that time, and the answer carries {@code expires_in}.
 * Without it a token never expires, as Mastodon's. Password grants are held to {@link PasswordChecks}.
 */
final class OAuthRoutes {

    /** The longest lifetime an app may ask for: ten years. */
    static final long MAX_EXPIRES_IN = 10L * 366 * 24 * 3600;

    private final ApiContext api;
    private final PasswordChecks passwords;

    OAuthRoutes(ApiContext api, PasswordChecks passwords) {
        this.api = api;
        this.passwords = passwords;
    }

    void register(RoutesConfig r) {
        r.post("/api/v1/apps", this::createApp);
        r.get("/api/v1/apps/verify_credentials", this::verifyApp);
        r.post("/oauth/token", this::token);
        r.post("/oauth/revoke", this::revoke);
    }

    private void createApp(Context ctx) {
        Params p = Params.of(ctx);
        String redirect = p.string("redirect_uris");
        if (redirect == null && !p.list("redirect_uris").isEmpty()) redirect = String.join("\n", p.list("redirect_uris"));
        Application app = api.social().auth().registerApp(p.string("client_name"), redirect, p.string("scopes"), p.string("website"));
        Http.json(ctx, api.render(ctx).application(app));
    }

    private void verifyApp(Context ctx) {
        AccessGrant grant = api.auth().app(ctx, "read");
        Application app = api.social().auth().app(grant.appId()).orElseThrow(() -> new ApiError(401, "The access token is invalid"));
        Http.json(ctx, api.render(ctx).application(app));
    }

    private void token(Context ctx) {
        Params p = Params.of(ctx);
        String grantType = p.string("grant_type");
        Duration lifetime = lifetime(p.string("expires_in"));
        IssuedToken token = switch (grantType == null ? "" : grantType) {
            case "client_credentials" -> api.social().auth().clientCredentials(p.string("client_id"),
                    p.string("client_secret"), p.string("scope"), lifetime);
            case "password" -> passwords.run(ctx, PasswordChecks.emailKey(p.string("username")),
                    () -> api.social().auth().passwordGrant(p.string("client_id"), p.string("client_secret"),
                            p.string("username"), p.string("password"), p.string("scope"), lifetime),
                    issued -> PasswordChecks.Outcome.PASSED,
                    e -> e instanceof OAuthException o && o.code().equals("invalid_grant"));
            case "" -> throw new OAuthException("invalid_request", "The request is missing a required parameter: grant_type.");
            default -> throw new OAuthException("unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
        };
        Http.json(ctx, MastodonJson.token(token));
    }

    /** The lifetime asked for with {@code expires_in}, or null for a token that never expires. */
    private static Duration lifetime(String expiresIn) {
        if (expiresIn == null || expiresIn.isBlank()) return null;
        try {
            long seconds = Long.parseLong(expiresIn.strip());
            if (seconds >= 1 && seconds <= MAX_EXPIRES_IN) return Duration.ofSeconds(seconds);
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new OAuthException("invalid_request", "expires_in must be a whole number of seconds from 1 to " + MAX_EXPIRES_IN + ".");
    }

    private void revoke(Context ctx) {
        Params p = Params.of(ctx);
        api.social().auth().revoke(p.string("client_id"), p.string("client_secret"), p.string("token"));
        Http.json(ctx, Map.of());
    }
}
