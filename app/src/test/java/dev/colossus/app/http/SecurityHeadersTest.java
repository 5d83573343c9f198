package dev.colossus.app.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The web UI is served with a Content-Security-Policy it works under, and may not be framed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersTest {

    private final TestServer server = new TestServer();

    @AfterAll
    void stop() {
        server.close();
    }

    private static void assertSecured(TestServer.Response r) {
        assertThat(r.header("Content-Security-Policy"))
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                        "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void pagesScriptsAndApiAnswersCarryTheSecurityHeaders() {
        var page = server.send("GET", "/", null, null, null, Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertSecured(page);
        var postPage = server.send("GET", "/@someone/123", null, null, null, Map.of("Accept", "text/html"));
        assertThat(postPage.status()).isEqualTo(200);
        assertSecured(postPage);
        var script = server.get("/js/app.js", null);
        assertThat(script.status()).isEqualTo(200);
        assertSecured(script);
        assertSecured(server.get("/api/v1/instance", null));
    }

    @Test
    void thePageHasNoInlineScriptStyleOrHandlerThePolicyWouldBlock() {
        String html = server.send("GET", "/", null, null, null, Map.of("Accept", "text/html")).raw().body();
        assertThat(html).containsPattern("<script[^>]*\\bsrc=\"/js/app.js\"");
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(html).doesNotContainPattern("<style");
        assertThat(html).doesNotContainPattern("\\sstyle=");
        assertThat(html).doesNotContainPattern("\\son[a-z]+=");
    }
}
