package dev.colossus.app.http;

import dev.colossus.social.AccessGrant;
import dev.colossus.social.Application;
import dev.colossus.social.IssuedToken;
import dev.colossus.social.auth.OAuthException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Map;

/** Client applications and OAuth tokens: {@code /api/v1/apps}, {@code /oauth/token}, {@code /oauth/revoke}. */
final class OAuthRoutes {

    private final ApiContext api;

    OAuthRoutes(ApiContext api) {
        this.api = api;
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
        IssuedToken token = switch (grantType == null ? "" : grantType) {
            case "client_credentials" -> api.social().auth().clientCredentials(p.string("client_id"), p.string("client_secret"), p.string("scope"), null);
            case "password" -> api.social().auth().passwordGrant(p.string("client_id"), p.string("client_secret"),
                    p.string("username"), p.string("password"), p.string("scope"), null);
            case "" -> throw new OAuthException("invalid_request", "The request is missing a required parameter: grant_type.");
            default -> throw new OAuthException("unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
        };
        Http.json(ctx, MastodonJson.token(token));
    }

    private void revoke(Context ctx) {
        Params p = Params.of(ctx);
        api.social().auth().revoke(p.string("client_id"), p.string("client_secret"), p.string("token"));
        Http.json(ctx, Map.of());
    }
}
