package dev.colossus.app.http;

import dev.colossus.app.web.WebUi;
import dev.colossus.social.AuthorizationRequest;
import dev.colossus.social.service.AuthService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The authorization-code flow's first half, for third-party Mastodon apps: {@code GET /oauth/authorize} shows a
 * sign-in and consent page for the app's request (parameters {@code client_id}, {@code redirect_uri},
 * {@code response_type=code}, {@code scope}, {@code state}, {@code code_challenge}, {@code code_challenge_method}
 * S256 or plain; {@code force_login} and {@code lang} are accepted: the page always asks for the password and is in
 * English). Its form posts back to {@code POST /oauth/authorize}: with {@code decision=approve}, the email and password
 * are checked (held to the same guessing limits as every password check) and the browser is sent to the app's
 * redirect URI with {@code code} and {@code state}, or shown the code for {@code urn:ietf:wg:oauth:2.0:oob}; with
 * {@code decision=deny} the app gets {@code error=access_denied}. A wrong email or password shows the form again
 * with "Wrong email or password." Requests naming an unknown app or an unregistered redirect URI are never
 * redirected (RFC 6749 section 4.1.2.1); other faults reach the app as OAuth errors at its redirect URI.
 */
final class AuthorizeRoutes {

    private final ApiContext api;
    private final PasswordChecks passwords;

    AuthorizeRoutes(ApiContext api, PasswordChecks passwords) {
        this.api = api;
        this.passwords = passwords;
    }

    void register(RoutesConfig r) {
        r.get("/oauth/authorize", this::show);
        r.post("/oauth/authorize", this::submit);
    }

    private void show(Context ctx) {
        Params p = Params.of(ctx);
        switch (check(p)) {
            case AuthorizationRequest.Valid valid -> consent(ctx, 200, valid, p, null, null);
            case AuthorizationRequest.Refused refused -> refuse(ctx, refused, p.string("state"));
            case AuthorizationRequest.Unusable unusable -> html(ctx, 400, AuthorizePage.problem(unusable.reason()));
        }
    }

    private void submit(Context ctx) {
        Params p = Params.of(ctx);
        AuthorizationRequest.Valid request = switch (check(p)) {
            case AuthorizationRequest.Valid valid -> valid;
            case AuthorizationRequest.Refused refused -> {
                refuse(ctx, refused, p.string("state"));
                yield null;
            }
            case AuthorizationRequest.Unusable unusable -> {
                html(ctx, 400, AuthorizePage.problem(unusable.reason()));
                yield null;
            }
        };
        if (request == null) return;
        String state = p.string("state");
        if (!"approve".equals(p.string("decision"))) {
            refuse(ctx, new AuthorizationRequest.Refused(request.redirectUri(), "access_denied",
                    "The resource owner or authorization server denied the request."), state);
            return;
        }
        String email = p.string("email");
        String password = p.string("password");
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            consent(ctx, 422, request, p, email, "Enter your email and password.");
            return;
        }
        OptionalLong account;
        try {
            account = passwords.run(ctx, PasswordChecks.emailKey(email), () -> api.social().auth().signIn(email, password),
                    found -> found.isPresent() ? PasswordChecks.Outcome.PASSED : PasswordChecks.Outcome.WRONG_PASSWORD,
                    e -> false);
        } catch (ApiError e) {
            if (e.status() != 429) throw e;
            consent(ctx, 429, request, p, email, e.getMessage() + ".");
            return;
        }
        if (account.isEmpty()) {
            consent(ctx, 422, request, p, email, "Wrong email or password.");
            return;
        }
        String code = api.social().auth().issueCode(request, account.getAsLong());
        if (request.redirectUri().equals(AuthService.OOB)) {
            html(ctx, 200, AuthorizePage.code(request.app().name(), code));
        } else {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("code", code);
            if (state != null) query.put("state", state);
            redirect(ctx, request.redirectUri(), query);
        }
    }

    private AuthorizationRequest check(Params p) {
        return api.social().auth().authorizationRequest(p.string("client_id"), p.string("redirect_uri"),
                p.string("response_type"), p.string("scope"), p.string("code_challenge"), p.string("code_challenge_method"));
    }

    private static void consent(Context ctx, int status, AuthorizationRequest.Valid request, Params p, String email,
                                String error) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : AuthorizePage.CARRIED) {
            String value = p.string(name);
            if (value != null) fields.put(name, value);
        }
        // The form's answer redirects to the app: browsers hold that redirect to the page's form-action sources.
        ctx.header("Content-Security-Policy", WebUi.contentSecurityPolicy(formTarget(request.redirectUri())));
        html(ctx, status, AuthorizePage.consent(request, fields, email, error));
    }

    /** The CSP source of a redirect URI: its origin for http(s), its scheme for an app's own scheme, else none. */
    static String formTarget(String redirectUri) {
        if (redirectUri.equals(AuthService.OOB)) return "";
        URI uri = URI.create(redirectUri);
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.matches("[a-z][a-z0-9+.-]*")) return "";
        if (!scheme.equals("http") && !scheme.equals("https")) return scheme + ":";
        String host = uri.getHost();
        if (host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) return "";
        return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** Sends an OAuth error to the app's redirect URI, or shows it when the app cannot receive redirects. */
    private static void refuse(Context ctx, AuthorizationRequest.Refused refused, String state) {
        if (refused.redirectUri().equals(AuthService.OOB)) {
            html(ctx, 400, AuthorizePage.problem(refused.description()));
            return;
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("error", refused.error());
        query.put("error_description", refused.description());
        if (state != null) query.put("state", state);
        redirect(ctx, refused.redirectUri(), query);
    }

    /** Redirects to {@code uri} with {@code query} added to its query string (before any fragment). */
    private static void redirect(Context ctx, String uri, Map<String, String> query) {
        int hash = uri.indexOf('#');
        String base = hash < 0 ? uri : uri.substring(0, hash);
        StringBuilder target = new StringBuilder(base);
        char separator = base.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            target.append(separator).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        ctx.header("Cache-Control", "no-store");
        ctx.status(302).header("Location", target.toString());
    }

    private static void html(Context ctx, int status, String page) {
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType("text/html; charset=utf-8").result(page);
    }
}
