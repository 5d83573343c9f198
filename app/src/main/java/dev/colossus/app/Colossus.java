package dev.colossus.app;

import io.javalin.Javalin;

import java.util.concurrent.CountDownLatch;

/**
 * The composition root: builds every part of Colossus by hand from a {@link Config} and owns their lifecycle.
 * Nothing else in the code base wires modules together.
 */
public final class Colossus implements AutoCloseable {

    private final Javalin http;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Colossus(Javalin http) {
        this.http = http;
    }

    /** Builds everything and starts serving; returns once {@code GET /health} answers 200. */
    public static Colossus start(Config config) {
        Javalin http = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.get("/health", ctx -> ctx.json(java.util.Map.of("status", "ok")));
            dev.colossus.app.web.WebUi.install(c);
        });
        http.start(config.port());
        return new Colossus(http);
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
        stopped.countDown();
    }
}
