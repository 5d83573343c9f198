package dev.colossus.app.http;

import dev.colossus.social.AuthorizationRequest;
import dev.colossus.social.text.HtmlRenderer;

import java.util.Map;

/**
 * The HTML of the sign-in and consent page of {@code /oauth/authorize}: the app's name and what it asks for, a
 * sign-in form that approves or denies it, the page showing a code to copy ({@code urn:ietf:wg:oauth:2.0:oob}), and
 * the page explaining why a sign-in link cannot be used. Everything from the request or the app (its name, the
 * state, the email typed) is HTML-escaped; the pages have no script and no inline style, so that they work under the
 * site's Content-Security-Policy. Stateless and thread-safe.
 */
final class AuthorizePage {

    /** The form fields that carry the app's request from the page to its POST. */
    static final String[] CARRIED = {"client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge",
            "code_challenge_method"};

    private AuthorizePage() {
    }

    /**
     * The sign-in and consent form.
     *
     * @param request the app's request, checked
     * @param fields  the request's values of {@link #CARRIED} (absent ones are left out)
     * @param email   the email to fill in, or null
     * @param error   a sign-in error to show, or null
     */
    static String consent(AuthorizationRequest.Valid request, Map<String, String> fields, String email, String error) {
        String app = esc(request.app().name());
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"brand\">Colossus</p>\n<h1>Sign in to authorize ").append(app).append("</h1>\n");
        body.append("<p><strong>").append(app).append("</strong> would like to use your account. It asks to:</p>\n");
        body.append("<ul class=\"scopes\">\n");
        for (String scope : request.scopes().split(" ")) body.append("<li>").append(esc(describe(scope))).append("</li>\n");
        body.append("</ul>\n");
        if (error != null) body.append("<p class=\"form-error\" role=\"alert\">").append(esc(error)).append("</p>\n");
        body.append("<form method=\"post\" action=\"/oauth/authorize\">\n");
        for (String name : CARRIED) {
            String value = fields.get(name);
            if (value != null) {
                body.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(esc(value)).append("\">\n");
            }
        }
        body.append("<label><span>Email</span><input type=\"email\" name=\"email\" autocomplete=\"username\" required")
                .append(email == null ? "" : " value=\"" + esc(email) + "\"").append("></label>\n");
        body.append("<label><span>Password</span><input type=\"password\" name=\"password\" "
                + "autocomplete=\"current-password\" required></label>\n");
        // The first submit button is the one Enter presses: Authorize comes first, the stylesheet shows it last.
        body.append("<div class=\"actions\">\n<button type=\"submit\" name=\"decision\" value=\"approve\" class=\"primary\">"
                + "Authorize</button>\n<button type=\"submit\" name=\"decision\" value=\"deny\" formnovalidate>Deny</button>\n"
                + "</div>\n</form>\n");
        String destination = request.redirectUri().startsWith("urn:") ? "You will be shown a code to copy into the app."
                : "You will then return to " + request.redirectUri() + ".";
        body.append("<p class=\"note\">").append(esc(destination)).append("</p>\n");
        return page("Authorize " + request.app().name(), body.toString());
    }

    /** The page showing the authorization code for an app that cannot receive redirects. */
    static String code(String appName, String code) {
        return page("Authorization code", "<p class=\"brand\">Colossus</p>\n<h1>Authorization code</h1>\n<p>Copy this code "
                + "and paste it into <strong>" + esc(appName) + "</strong>:</p>\n<input class=\"code\" readonly value=\""
                + esc(code) + "\" aria-label=\"Authorization code\">\n<p class=\"note\">It works once, within "
                + "ten minutes.</p>\n");
    }

    /** The page saying why the sign-in cannot go on. */
    static String problem(String message) {
        return page("Cannot sign in", "<p class=\"brand\">Colossus</p>\n<h1>Cannot sign in</h1>\n<p class=\"form-error\">"
                + esc(message) + "</p>\n<p class=\"note\">Go back to the app and try again, or ask its makers for help.</p>\n");
    }

    /** What a scope lets an app do, in words. */
    static String describe(String scope) {
        return switch (scope) {
            case "read" -> "Read everything on your account: posts, timelines, notifications, follows, lists";
            case "write" -> "Post and change everything on your account";
            case "follow" -> "Follow, unfollow, block and mute accounts";
            case "push" -> "Receive push notifications";
            case "profile" -> "See your profile (name and handle) only";
            case "admin:read" -> "Read all data on this server (administrators only)";
            case "admin:write" -> "Moderate this server (administrators only)";
            default -> {
                int colon = scope.lastIndexOf(':');
                String what = scope.substring(colon + 1).replace('_', ' ');
                if (what.equals("statuses")) what = "posts";
                if (what.equals("accounts")) what = "account information";
                String verb = scope.startsWith("admin:") ? (scope.startsWith("admin:read") ? "Read the server's " : "Manage the server's ")
                        : scope.startsWith("read:") ? "Read your " : "Change your ";
                yield verb + what;
            }
        };
    }

    private static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + esc(title)
                + " · Colossus</title>\n<link rel=\"stylesheet\" href=\"/oauth.css\">\n</head>\n<body>\n<main>\n" + body
                + "</main>\n</body>\n</html>\n";
    }

    private static String esc(String s) {
        return HtmlRenderer.escape(s);
    }
}
