package dev.colossus.app.web;

import dev.colossus.app.http.ApiPaths;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.EndpointNotFound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The web UI: static ES modules from the classpath folder {@code /web}, served at {@code /}.
 *
 * <p>Routes registered on the server win over files. A browser navigating to any other unknown path (one that accepts
 * {@code text/html}, such as {@code /@alice/123}, a post's URL) gets {@code index.html}, whose router renders that
 * view; API clients still get their 404, and so does any request to an API path ({@link ApiPaths#isApi}), whatever
 * its {@code Accept} header.
 *
 * <p>Every response carries {@link #SECURITY_HEADERS}: a Content-Security-Policy that allows scripts, styles and
 * connections to this origin only (the UI has no inline script, style or event handler), pictures also from
 * {@code data:} and HTTPS (remote avatars), no plugins, and no framing by any page ({@code frame-ancestors 'none'},
 * with {@code X-Frame-Options: DENY} for older browsers); {@code Referrer-Policy: same-origin};
 * {@code X-Content-Type-Options: nosniff}. Uploaded media and API answers get them too, which keeps an uploaded file
 * from running script when opened directly.
 */
public final class WebUi {

    private static final String ROOT = "/web";

    /** The policy every response is served under. */
    public static final String CONTENT_SECURITY_POLICY = contentSecurityPolicy("");

    /**
     * The policy for a page whose forms may also be sent to {@code formTargets} (CSP source expressions separated by
     * spaces, such as an app's origin a sign-in form redirects to; browsers hold redirects after a form to it too).
     */
    public static String contentSecurityPolicy(String formTargets) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                + "form-action 'self'" + (formTargets.isBlank() ? "" : " " + formTargets.strip()) + "; frame-ancestors 'none'";
    }

    /** The security headers of every response. */
    public static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "same-origin",
            "X-Content-Type-Options", "nosniff");

    private WebUi() {
    }

    /** Adds the static files, the {@code index.html} fallback and the security headers to a Javalin configuration. */
    public static void install(JavalinConfig config) {
        config.routes.before(WebUi::secure);
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = ROOT;
            files.location = Location.CLASSPATH;
            // Modules change with every release and are small: always revalidate instead of caching stale code.
            files.headers = Map.of("Cache-Control", "no-cache");
        });
        byte[] index = indexPage();
        config.spaRoot.addHandler("/", ctx -> {
            if (ApiPaths.isApi(ctx.path())) throw new EndpointNotFound(ctx.method(), ctx.path());
            ctx.contentType("text/html; charset=utf-8").result(index);
        });
    }

    private static byte[] indexPage() {
        try (InputStream in = WebUi.class.getResourceAsStream(ROOT + "/index.html")) {
            if (in == null) throw new IllegalStateException("the web UI's index.html is missing from the classpath");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void secure(Context ctx) {
        SECURITY_HEADERS.forEach(ctx::header);
    }
}
