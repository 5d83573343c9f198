package dev.colossus.app.web;

import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class WebUiTest {

    private static Javalin server;
    private static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.get("/api/v1/ping", ctx -> ctx.json(java.util.Map.of("pong", true)));
            WebUi.install(c);
        }).start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Accept", accept).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rootServesTheIndexPage() throws Exception {
        var response = get("/", "text/html");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<script type=\"module\" src=\"/js/app.js\"></script>");
    }

    @Test
    void modulesAreServedAsJavaScript() throws Exception {
        var response = get("/js/app.js", "*/*");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("javascript"));
        assertThat(response.body()).contains("import ");
    }

    @Test
    void aPostUrlOpenedInTheBrowserFallsBackToTheIndexPage() throws Exception {
        var response = get("/@alice/12345", "text/html,application/xhtml+xml");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/js/app.js");
    }

    @Test
    void routesWinOverTheUiAndApiClientsStillGetNotFound() throws Exception {
        assertThat(get("/api/v1/ping", "text/html").body()).contains("pong");
        var missing = get("/api/v1/missing", "application/json");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).doesNotContain("/js/app.js");
    }
}
