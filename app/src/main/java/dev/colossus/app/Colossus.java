package dev.colossus.app;

import dev.colossus.app.http.MastodonApi;
import dev.colossus.social.Social;
import dev.colossus.social.store.Database;
import dev.colossus.social.stream.EventBus;
import io.javalin.Javalin;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The composition root: builds every part of Colossus by hand from a {@link Config} and owns their lifecycle.
 * Nothing else in the code base wires modules together.
 */
public final class Colossus implements AutoCloseable {

    private final Javalin http;
    private final Social social;
    private final MastodonApi api;
    private final AssistantParts assistant;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Colossus(Javalin http, Social social, MastodonApi api, AssistantParts assistant) {
        this.http = http;
        this.social = social;
        this.api = api;
        this.assistant = assistant;
    }

    /** Opens the database named by the config: {@code COLOSSUS_DB_URL}, else SQLite in the data directory. */
    public static Database openDatabase(Config config) {
        Config.Db db = config.db();
        return db.url() == null ? Database.sqlite(config.dataDir()) : Database.open(db.url(), db.user(), db.password());
    }

    /** Builds everything and starts serving; returns once {@code GET /health} answers 200. */
    public static Colossus start(Config config) {
        return start(config, AssistantConfig.fromEnvironment());
    }

    /** As {@link #start(Config)} with the assistant configured explicitly. */
    public static Colossus start(Config config, AssistantConfig assistantConfig) {
        Social social = Social.over(openDatabase(config), new EventBus(), config.maxChars());
        MastodonApi api = new MastodonApi(social, config.api());
        AssistantParts assistant;
        try {
            assistant = AssistantParts.build(config, assistantConfig,
                    dev.colossus.assistant.grounding.PostSearch.NONE);
        } catch (RuntimeException e) {
            social.close();
            throw e;
        }
        Javalin http;
        try {
            http = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                c.concurrency.useVirtualThreads = true;
                c.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
                api.install(c);
                assistant.api().install(c);
                dev.colossus.app.web.WebUi.install(c);
            });
            http.start(config.port());
        } catch (RuntimeException e) {
            assistant.close();
            social.close();
            throw e;
        }
        return new Colossus(http, social, api, assistant);
    }

    public int port() {
        return http.port();
    }

    /** The network (accounts, posts, timelines, events) this server runs. */
    public Social social() {
        return social;
    }

    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        api.close();
        http.stop();
        assistant.close();
        social.close();
        stopped.countDown();
    }
}
