package dev.colossus.app.http;

import dev.colossus.social.AccessGrant;
import dev.colossus.social.Application;
import dev.colossus.social.IssuedToken;
import dev.colossus.social.auth.OAuthException;
import dev.colossus.social.auth.Scopes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client applications and OAuth tokens: {@code /api/v1/apps}, {@code /oauth/token}, {@code /oauth/revoke}, and the
 * server's OAuth metadata at {@code /.well-known/oauth-authorization-server} (RFC 8414, as Mastodon serves it).
 *
 * <p>{@code POST /oauth/token} takes the grants {@code authorization_code} (with {@code code}, {@code redirect_uri}
 * and, for a code asked for with PKCE, {@code code_verifier}; see {@link AuthorizeRoutes}), {@code password} and
 * {@code client_credentials}; the client authenticates with {@code client_id} and {@code client_secret} in the body or
 * with HTTP Basic. It takes an optional {@code expires_in} (seconds, a whole number from 1 to
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
        r.get("/.well-known/oauth-authorization-server", this::metadata);
    }

    private void metadata(Context ctx) {
        String origin = api.origin(ctx);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", origin + "/");
        m.put("service_documentation", "https://docs.joinmastodon.org/");
        m.put("authorization_endpoint", origin + "/oauth/authorize");
        m.put("token_endpoint", origin + "/oauth/token");
        m.put("app_registration_endpoint", origin + "/api/v1/apps");
        m.put("revocation_endpoint", origin + "/oauth/revoke");
        m.put("scopes_supported", Scopes.ALL);
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put("code_challenge_methods_supported", List.of("S256", "plain"));
        m.put("grant_types_supported", List.of("authorization_code", "password", "client_credentials"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        Http.json(ctx, m);
    }

    /** The client's id and secret: from HTTP Basic when sent that way (RFC 6749 section 2.3.1), else from the body. */
    private record Client(String id, String secret) {
        static Client of(Context ctx, Params p) {
            String header = ctx.header("Authorization");
            if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new OAuthException("invalid_client", "Client authentication failed: the Basic credentials are malformed.");
                }
                int colon = decoded.indexOf(':');
                if (colon < 0) throw new OAuthException("invalid_client", "Client authentication failed: the Basic credentials are malformed.");
                return new Client(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
            }
            return new Client(p.string("client_id"), p.string("client_secret"));
        }
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
        Client client = Client.of(ctx, p);
        IssuedToken token = switch (grantType == null ? "" : grantType) {
            case "authorization_code" -> api.social().auth().authorizationCode(client.id(), client.secret(),
                    p.string("code"), p.string("redirect_uri"), p.string("code_verifier"), lifetime);
            case "client_credentials" -> api.social().auth().clientCredentials(client.id(), client.secret(),
                    p.string("scope"), lifetime);
            case "password" -> passwords.run(ctx, PasswordChecks.emailKey(p.string("username")),
                    () -> api.social().auth().passwordGrant(client.id(), client.secret(),
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
        Client client = Client.of(ctx, p);
        api.social().auth().revoke(client.id(), client.secret(), p.string("token"));
        Http.json(ctx, Map.of());
    }
}
