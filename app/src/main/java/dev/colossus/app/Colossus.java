package dev.colossus.app;

import dev.colossus.app.http.MastodonApi;
import dev.colossus.app.web.WebUi;
import dev.colossus.social.Social;
import dev.colossus.social.search.SearchIndex;
import dev.colossus.social.service.SearchService;
import dev.colossus.social.service.TrendService;
import dev.colossus.social.store.StoreIndexSource;
import dev.colossus.social.store.StoreTrendSource;
import dev.colossus.social.store.Database;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.trends.TrendTracker;
import io.javalin.Javalin;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The composition root: builds every part of Colossus by hand from a {@link Config} and owns their lifecycle.
 * Nothing else in the code base wires modules together.
 */
public final class Colossus implements AutoCloseable {

    private final Javalin http;
    private final Social social;
    private final SearchService search;
    private final TrendService trends;
    private final MastodonApi api;
    private final AssistantParts assistant;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Colossus(Javalin http, Social social, SearchService search, TrendService trends, MastodonApi api,
                     AssistantParts assistant) {
        this.http = http;
        this.social = social;
        this.search = search;
        this.trends = trends;
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
        SearchService search;
        try {
            search = openSearch(config, social);
        } catch (RuntimeException e) {
            social.close();
            throw e;
        }
        TrendService trends;
        try {
            trends = TrendService.start(new StoreTrendSource(social.db()), social.statuses(), social.bus(),
                    Clock.systemUTC(), TrendTracker.Options.DEFAULT);
        } catch (RuntimeException e) {
            closeQuietly(search);
            social.close();
            throw e;
        }
        MastodonApi api = new MastodonApi(social, search, trends, config.api());
        AssistantParts assistant;
        try {
            assistant = AssistantParts.build(config, assistantConfig,
                    dev.colossus.assistant.grounding.PostSearch.NONE);
        } catch (RuntimeException e) {
            trends.close();
            closeQuietly(search);
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
                WebUi.install(c);
            });
            http.start(config.port());
        } catch (RuntimeException e) {
            assistant.close();
            trends.close();
            closeQuietly(search);
            social.close();
            throw e;
        }
        return new Colossus(http, social, search, trends, api, assistant);
    }

    /** Opens (rebuilding when missing or damaged) the search index under {@code DATA/search}, fed by the bus. */
    private static SearchService openSearch(Config config, Social social) {
        Path dir = config.dataDir().resolve("search");
        try {
            SearchIndex index = SearchIndex.open(dir, new StoreIndexSource(social.db()), SearchIndex.Options.DEFAULT,
                    (done, total) -> {
                        if (total >= 10_000) System.err.printf("colossus: indexing posts %,d / %,d%n", done, total);
                    });
            if (index.openReport().rebuilt() && index.openReport().postsFed() > 0) {
                System.err.println("colossus: search index rebuilt (" + index.openReport().reason() + ")");
            }
            return new SearchService(index, social.db(), social.statuses(), social.bus());
        } catch (IOException e) {
            throw new UserError("cannot open the search index in " + dir + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("colossus: while closing: " + e.getMessage());
        }
    }

    public int port() {
        return http.port();
    }

    /** The network (accounts, posts, timelines, events) this server runs. */
    public Social social() {
        return social;
    }

    /** Full-text search over the network, kept current from its events. */
    public SearchService search() {
        return search;
    }

    /** Trending hashtags and posts, kept current from the network's events. */
    public TrendService trends() {
        return trends;
    }

    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        api.close();
        http.stop();
        assistant.close();
        trends.close();
        closeQuietly(search);
        social.close();
        stopped.countDown();
    }
}
