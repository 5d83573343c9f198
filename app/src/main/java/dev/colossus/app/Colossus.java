package dev.colossus.app;

import io.javalin.Javalin;

import java.util.concurrent.CountDownLatch;

/**
 * The composition root: builds every part of Colossus by hand from a {@link Config} and owns their lifecycle.
 * Nothing else in the code base wires modules together.
 */
public final class Colossus implements AutoCloseable {

    private final Javalin http;
    private final AssistantParts assistant;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Colossus(Javalin http, AssistantParts assistant) {
        this.http = http;
        this.assistant = assistant;
    }

    /** Builds everything and starts serving; returns once {@code GET /health} answers 200. */
    public static Colossus start(Config config) {
        return start(config, AssistantConfig.fromEnvironment());
    }

    /** As {@link #start(Config)} with the assistant configured explicitly. */
    public static Colossus start(Config config, AssistantConfig assistantConfig) {
        AssistantParts assistant = AssistantParts.build(config, assistantConfig,
                dev.colossus.assistant.grounding.PostSearch.NONE);
        Javalin http = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.get("/health", ctx -> ctx.json(java.util.Map.of("status", "ok")));
            assistant.api().install(c);
            dev.colossus.app.web.WebUi.install(c);
        });
        http.start(config.port());
        return new Colossus(http, assistant);
    }

    public int port() {
        return http.port();
    }

    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        http.stop();
        assistant.close();
        stopped.countDown();
    }
}
