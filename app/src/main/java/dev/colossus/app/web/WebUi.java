package dev.colossus.app.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

/**
 * The web UI: static ES modules from the classpath folder {@code /web}, served at {@code /}.
 *
 * <p>Routes registered on the server win over files. A browser navigating to any other unknown path (one that accepts
 * {@code text/html}, such as {@code /@alice/123}, a post's URL) gets {@code index.html}, whose router renders that
 * view; API clients still get their 404.
 */
public final class WebUi {

    private static final String ROOT = "/web";

    private WebUi() {
    }

    /** Adds the static files and the {@code index.html} fallback to a Javalin configuration. */
    public static void install(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = ROOT;
            files.location = Location.CLASSPATH;
            // Modules change with every release and are small: always revalidate instead of caching stale code.
            files.headers = java.util.Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");
        });
        config.spaRoot.addFile("/", ROOT + "/index.html", Location.CLASSPATH);
    }
}
