package dev.colossus.app;

import dev.colossus.app.http.Auth;
import dev.colossus.app.http.ColossusRoutes;
import dev.colossus.app.http.MastodonApi;
import dev.colossus.app.http.GracefulStop;
import dev.colossus.app.http.Health;
import dev.colossus.app.http.Metrics;
import dev.colossus.app.web.WebUi;
import dev.colossus.assistant.digest.PostExplainer;
import dev.colossus.assistant.digest.Stories;
import dev.colossus.assistant.grounding.NetworkPostSearch;
import dev.colossus.assistant.grounding.TrendSource;
import dev.colossus.assistant.backend.LocalBackend;
import dev.colossus.assistant.mention.MentionResponder;
import dev.colossus.assistant.store.AssistantDatabase;
import dev.colossus.assistant.store.MentionLog;
import dev.colossus.social.Account;
import dev.colossus.social.Social;
import dev.colossus.social.Storage;
import dev.colossus.social.demo.DemoGenerator;
import dev.colossus.social.demo.DemoLiveFeed;
import dev.colossus.social.demo.DemoNetwork;
import dev.colossus.social.media.MediaFiles;
import dev.colossus.social.service.SearchService;
import dev.colossus.social.service.TrendService;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.trends.TrendTracker;
import dev.colossus.social.trends.TrendingTag;
import io.javalin.Javalin;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The composition root: builds every part of Colossus by hand from a {@link Config} and owns their lifecycle.
 * Nothing else in the code base wires modules together.
 */
public final class Colossus implements AutoCloseable {

    private static final long DEMO_SEED = 2026;
    /** Connections waiting to be accepted (capped by the kernel's {@code net.core.somaxconn}). */
    private static final int ACCEPT_QUEUE = 4096;
    /**
     * How many trending tags get a story, how long a story is served before it is written again, and how long a
     * request waits for stories being written.
     */
    private static final int STORIES = 5;
    private static final Duration STORY_TTL = Duration.ofMinutes(10);
    private static final Duration STORY_WAIT = Duration.ofSeconds(10);
    /** How often uploads left unattached for a day are looked for and deleted. */
    private static final Duration MEDIA_CLEANUP_INTERVAL = Duration.ofHours(1);

    private final Javalin http;
    private final int metricsPort;
    private final Social social;
    private final SearchService search;
    /** Every part started, newest first: closed in this order. */
    private final List<AutoCloseable> parts;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Colossus(Javalin http, int metricsPort, Social social, SearchService search, List<AutoCloseable> parts) {
        this.http = http;
        this.metricsPort = metricsPort;
        this.social = social;
        this.search = search;
        this.parts = parts;
    }

    /** The database the config names: {@code COLOSSUS_DB_URL}, else SQLite in the data directory. */
    public static Storage storage(Config config) {
        Config.Db db = config.db();
        return new Storage(config.dataDir(), db.url(), db.user(), db.password());
    }

    /**
     * Builds everything and starts serving; returns once {@code GET /health} answers 200.
     *
     * @throws UserError before the data directory is created or opened, when a port is taken, the data directory is a
     *                   file, the model file is missing or not GGUF, or the personas file does not read
     */
    public static Colossus start(Config config) {
        return start(config, AssistantConfig.fromEnvironment());
    }

    /** As {@link #start(Config)} with the assistant configured explicitly. */
    public static Colossus start(Config config, AssistantConfig assistantConfig) {
        StartupChecks.run(config, assistantConfig);
        Social social = Social.open(storage(config), new EventBus(), config.maxChars(),
                new MediaFiles(config.mediaDir()), config.media(), config.polls(), Clock.systemUTC());
        // Everything opened so far, closed newest first when a later part fails to start, and on close.
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        opened.push(social);
        try {
            if (config.demo() && social.isEmpty()) seedDemo(config, social);
            opened.push(social.media().startCleanup(MEDIA_CLEANUP_INTERVAL));
            opened.push(social.polls().startExpiry()); // ends at once the polls that expired while stopped
            SearchService search = openSearch(config, social);
            opened.push(search);
            TrendService trends = social.startTrends(Clock.systemUTC(), TrendTracker.Options.DEFAULT);
            opened.push(trends);
            MastodonApi api = new MastodonApi(social, search, trends, config.api());
            // Post URLs in citations use the public URL, else this server's loopback address once its port is known.
            String publicUrl = config.api().publicUrl();
            AtomicReference<String> origin = new AtomicReference<>(
                    publicUrl != null ? publicUrl : "http://localhost:" + config.port());
            NetworkPostSearch posts = new NetworkPostSearch(search, social.accounts(), origin::get);
            TrendSource risingTags = n -> trends.tags(0, Math.clamp(n, 1, 100)).stream().map(TrendingTag::name).toList();
            AssistantDatabase assistantStore = AssistantDatabase.open(storage(config));
            opened.push(assistantStore);
            AssistantParts assistant = AssistantParts.build(config, assistantConfig, posts, risingTags, social,
                    assistantStore, origin::get);
            opened.push(assistant);
            Account assistantAccount = assistant.account();
            Stories stories = new Stories(assistant.assistant(), assistant.queue(), assistant.regular(), STORIES,
                    STORY_TTL, STORY_WAIT, Clock.systemUTC());
            opened.push(stories);
            ColossusRoutes colossusRoutes = new ColossusRoutes(new Auth(social.auth()),
                    new PostExplainer(assistant.assistant(), posts, social.posts(), assistant.queue(), assistant.regular()),
                    stories);
            Metrics metrics = new Metrics(config.ops().metricsToken(), config.ops().metricsPort());
            opened.push(metrics);
            metrics.watchSearch(search::health);
            metrics.watchDatabase(social::databasePool);
            metrics.watchGenerations(assistant.queue());
            if (assistant.backend() instanceof LocalBackend local) metrics.watchModel(local::generatedTokens);
            Health health = new Health(social::checkDatabase, search::health, assistant.queue());
            Javalin http = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                c.concurrency.useVirtualThreads = true;
                c.jetty.modifyServer(Colossus::deepenAcceptQueue);
                c.jetty.modifyServer(GracefulStop.within(config.ops().stopTimeout()));
                health.install(c);
                metrics.install(c);
                api.install(c);
                assistant.install(c);
                colossusRoutes.install(c);
                WebUi.install(c);
            });
            http.start(config.port());
            opened.push(http::stop); // waits for requests in flight, up to the stop timeout
            int metricsPort = metrics.start();
            opened.push(api); // its live streams end before the server stops, which would otherwise wait for them
            if (publicUrl == null) origin.set("http://localhost:" + http.port());
            if (assistantConfig.mentions() != null) {
                MentionResponder mentions = MentionResponder.start(assistant.assistant(), assistant.regular(), social,
                        new MentionLog(assistantStore), assistantAccount,
                        assistant.queue(), assistantConfig.mentions(), Clock.systemUTC());
                opened.push(mentions);
                metrics.watchMentions(mentions::pending);
            }
            if (config.demoLive()) {
                opened.push(social.startLiveDemo(DEMO_SEED, DemoLiveFeed.INTERVAL));
            }
            return new Colossus(http, metricsPort, social, search, List.copyOf(opened));
        } catch (RuntimeException e) {
            while (!opened.isEmpty()) closeQuietly(opened.pop());
            throw e;
        }
    }

    /**
     * A burst of new connections (clients that open one per request while a cold server is still slow) overflows the
     * default accept backlog of 50: the kernel drops their handshakes and clients time out instead of waiting their
     * turn. A deep queue lets them wait.
     */
    private static void deepenAcceptQueue(Server server) {
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof ServerConnector sc) sc.setAcceptQueueSize(ACCEPT_QUEUE);
                }
            }
        });
    }

    /** Seeds the demo network into an empty store; the search index is emptied first so it is rebuilt with it. */
    private static void seedDemo(Config config, Social social) {
        try (Closeable ignored = SearchService.invalidate(config.dataDir().resolve("search"))) {
            DemoNetwork network = DemoGenerator.generate(DEMO_SEED, Instant.now(), DemoGenerator.Size.DEFAULT);
            social.loadDemo(network);
            System.err.printf("colossus: seeded a demo network: %d accounts, %,d posts (start with --no-demo for an empty one)%n",
                    network.accounts().size(), network.posts().size());
        } catch (IOException e) {
            throw new UserError("cannot seed the demo network: " + e.getMessage());
        }
    }

    /** Opens (rebuilding when missing or damaged) the search index under {@code DATA/search}, fed by the bus. */
    private static SearchService openSearch(Config config, Social social) {
        Path dir = config.dataDir().resolve("search");
        try {
            SearchService search = social.openSearch(dir, (done, total) -> {
                if (total >= 10_000) System.err.printf("colossus: indexing posts %,d / %,d%n", done, total);
            });
            if (search.postCount() > 0) {
                search.rebuildReason().ifPresent(why -> System.err.println("colossus: search index rebuilt (" + why + ")"));
            }
            return search;
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

    /** The port of {@code /metrics} when it has one of its own ({@code COLOSSUS_METRICS_PORT}), else -1. */
    public int metricsPort() {
        return metricsPort;
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

    /**
     * Stops serving and closes every part, newest first: live streams get a last event and end, the server stops
     * accepting connections and waits for requests in flight up to the stop timeout ({@code COLOSSUS_STOP_SECONDS}),
     * then the assistant, the search index (committed) and the database are closed. Idempotent only through the
     * shutdown latch: call once.
     */
    @Override
    public void close() {
        parts.forEach(Colossus::closeQuietly);
        stopped.countDown();
    }
}
