package dev.colossus.app;

import dev.colossus.app.http.Auth;
import dev.colossus.app.http.ColossusRoutes;
import dev.colossus.app.http.MastodonApi;
import dev.colossus.app.web.WebUi;
import dev.colossus.assistant.digest.PostExplainer;
import dev.colossus.assistant.digest.Stories;
import dev.colossus.assistant.grounding.NetworkPostSearch;
import dev.colossus.assistant.mention.MentionResponder;
import dev.colossus.social.Account;
import dev.colossus.social.Social;
import dev.colossus.social.search.SearchIndex;
import dev.colossus.social.service.SearchService;
import dev.colossus.social.store.StoreIndexSource;
import dev.colossus.social.store.Database;
import dev.colossus.social.stream.EventBus;
import io.javalin.Javalin;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The composition root: builds every part of Colossus by hand from a {@link Config} and owns their lifecycle.
 * Nothing else in the code base wires modules together.
 */
public final class Colossus implements AutoCloseable {

    /**
     * How many trending tags get a story, how long a story is served before it is written again, and how long a
     * request waits for stories being written.
     */
    private static final int STORIES = 5;
    private static final Duration STORY_TTL = Duration.ofMinutes(10);
    private static final Duration STORY_WAIT = Duration.ofSeconds(10);

    private final Javalin http;
    private final Social social;
    private final SearchService search;
    private final MastodonApi api;
    private final TrackedTrends trends;
    private final AssistantParts assistant;
    private final Stories stories;
    private final MentionResponder mentions;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** @param mentions null when mentions are not answered */
    private Colossus(Javalin http, Social social, SearchService search, MastodonApi api, TrackedTrends trends,
                     AssistantParts assistant, Stories stories, MentionResponder mentions) {
        this.http = http;
        this.social = social;
        this.search = search;
        this.api = api;
        this.trends = trends;
        this.assistant = assistant;
        this.stories = stories;
        this.mentions = mentions;
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
        // Everything opened so far, closed newest first when a later part fails to start.
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        opened.push(social);
        try {
            SearchService search = openSearch(config, social);
            opened.push(search);
            MastodonApi api = new MastodonApi(social, search, config.api());
            TrackedTrends trends = TrackedTrends.start(social, Clock.systemUTC());
            opened.push(trends);
            // Post URLs in citations use the public URL, else this server's loopback address once its port is known.
            String publicUrl = config.api().publicUrl();
            AtomicReference<String> origin = new AtomicReference<>(
                    publicUrl != null ? publicUrl : "http://localhost:" + config.port());
            NetworkPostSearch posts = new NetworkPostSearch(search.index(), social.statuses(), social.accounts(),
                    origin::get);
            AssistantParts assistant = AssistantParts.build(config, assistantConfig, posts, trends);
            opened.push(assistant);
            // Every network has the assistant's account, so that a mention of it is a mention from the first post on.
            Account assistantAccount = MentionResponder.assistantAccount(social.accounts(), assistant.assistant().identity());
            Stories stories = new Stories(assistant.assistant(), assistant.queue(), assistant.regular(), STORIES,
                    STORY_TTL, STORY_WAIT, Clock.systemUTC());
            opened.push(stories);
            ColossusRoutes colossusRoutes = new ColossusRoutes(new Auth(social.auth()),
                    new PostExplainer(assistant.assistant(), posts, social.statuses(), assistant.queue(), assistant.regular()),
                    stories);
            Javalin http = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                c.concurrency.useVirtualThreads = true;
                c.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
                api.install(c);
                assistant.api().install(c);
                colossusRoutes.install(c);
                WebUi.install(c);
            });
            http.start(config.port());
            opened.push(http::stop);
            if (publicUrl == null) origin.set("http://localhost:" + http.port());
            MentionResponder mentions = assistantConfig.mentions() == null ? null
                    : MentionResponder.start(assistant.assistant(), assistant.regular(), social, assistantAccount,
                    assistant.queue(), assistantConfig.mentions(), Clock.systemUTC());
            return new Colossus(http, social, search, api, trends, assistant, stories, mentions);
        } catch (RuntimeException e) {
            while (!opened.isEmpty()) closeQuietly(opened.pop());
            throw e;
        }
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

    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (mentions != null) mentions.close();
        api.close();
        http.stop();
        stories.close();
        assistant.close();
        trends.close();
        closeQuietly(search);
        social.close();
        stopped.countDown();
    }
}
