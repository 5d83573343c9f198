package dev.colossus.app.http;

import dev.colossus.assistant.GenerationQueue;
import dev.colossus.social.DatabasePool;
import dev.colossus.social.SearchHealth;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} in Prometheus's text format: JVM and process gauges, one request timer
 * ({@code http_server_requests_seconds}) labelled by method, route template (not the raw path, so that ids do not
 * explode the label space) and status, and what the {@code watch} methods register: generation and mention queue
 * depths, search health and index lag, the database pool, and the model's tokens.
 *
 * <p>Who may read it: with a token, any client sending {@code Authorization: Bearer TOKEN} (others get 401); without
 * one, only clients on this machine (loopback, not forwarded by a proxy; others get 403). With a port of its own,
 * {@link #start} serves it there (same rule) and the main port has no {@code /metrics}.
 *
 * <p>Thread-safe; one instance per server, closed with it (which stops its own port).
 */
public final class Metrics implements AutoCloseable {

    private static final String STARTED = "colossus.metrics.started";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final byte[] token;
    private final Integer port;
    private Javalin own;

    /**
     * @param token a secret scrapers send as a bearer token, or null for clients on this machine only
     * @param port  a port of its own for {@code /metrics} (0: any free one), or null for the main port
     */
    public Metrics(String token, Integer port) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.port = port;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /** The search index: {@code colossus_search_healthy} (1 or 0), its unindexed posts and whether its mark lags. */
    public void watchSearch(Supplier<SearchHealth> search) {
        Gauge.builder("colossus.search.healthy", () -> search.get().writable() ? 1 : 0)
                .description("1 while the search index writer works, 0 while it is down").register(registry);
        Gauge.builder("colossus.search.unindexed.posts", () -> search.get().unindexedPosts())
                .description("index lag: posts known to be missing from the search index, waiting to be fed again")
                .register(registry);
        Gauge.builder("colossus.search.mark.behind", () -> {
                    SearchHealth h = search.get();
                    return h.markPostId() < h.newestPostId() ? 1 : 0;
                })
                .description("1 while the index's high-water mark is below the newest post handed to it")
                .register(registry);
    }

    /** The database connection pool: {@code colossus_db_pool_active}, {@code _idle}, {@code _waiting}, {@code _max}. */
    public void watchDatabase(Supplier<DatabasePool> pool) {
        Gauge.builder("colossus.db.pool.active", () -> pool.get().active()).description("connections in use").register(registry);
        Gauge.builder("colossus.db.pool.idle", () -> pool.get().idle()).description("connections open and free").register(registry);
        Gauge.builder("colossus.db.pool.waiting", () -> pool.get().waiting())
                .description("threads waiting for a connection").register(registry);
        Gauge.builder("colossus.db.pool.max", () -> pool.get().max()).description("the most connections").register(registry);
    }

    /** The generation queue: {@code colossus_generation_running} and {@code colossus_generation_waiting}. */
    public void watchGenerations(GenerationQueue queue) {
        Gauge.builder("colossus.generation.running", queue::running).description("model answers being generated")
                .register(registry);
        Gauge.builder("colossus.generation.waiting", queue::waiting).description("model answers waiting for a turn")
                .register(registry);
    }

    /** Mentions of the assistant waiting for an answer: {@code colossus_mentions_pending}. */
    public void watchMentions(IntSupplier pending) {
        Gauge.builder("colossus.mentions.pending", pending::getAsInt).description("mentions waiting for an answer")
                .register(registry);
    }

    /**
     * The built-in model's output: {@code colossus_model_generated_tokens_total} (a counter: its {@code rate()} is
     * tokens per second over any window) and {@code colossus_model_tokens_per_second} since the previous scrape.
     */
    public void watchModel(LongSupplier generatedTokens) {
        FunctionCounter.builder("colossus.model.generated.tokens", generatedTokens, LongSupplier::getAsLong)
                .description("tokens generated by the built-in model since start").register(registry);
        TokenRate rate = new TokenRate(generatedTokens);
        Gauge.builder("colossus.model.tokens.per.second", rate::perSecond)
                .description("tokens generated per second since the previous scrape").register(registry);
    }

    /** Tokens per second between two readings at least a second apart. */
    private static final class TokenRate {
        private final LongSupplier count;
        private long lastCount;
        private long lastNanos = System.nanoTime();
        private double rate;

        TokenRate(LongSupplier count) {
            this.count = count;
            this.lastCount = count.getAsLong();
        }

        synchronized double perSecond() {
            long now = System.nanoTime();
            if (now - lastNanos >= TimeUnit.SECONDS.toNanos(1)) {
                long c = count.getAsLong();
                rate = (c - lastCount) / ((now - lastNanos) / 1e9);
                lastCount = c;
                lastNanos = now;
            }
            return rate;
        }
    }

    /** Registers the timing hooks, and the {@code /metrics} route unless it has a port of its own. */
    public void install(JavalinConfig c) {
        c.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        c.routes.after(this::record);
        if (port == null) c.routes.get("/metrics", this::scrape);
    }

    /** Starts serving {@code /metrics} on its own port, when it has one; returns that port, or -1. */
    public int start() {
        if (port == null) return -1;
        own = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.get("/metrics", this::scrape);
        });
        own.start(port);
        return own.port();
    }

    private void scrape(Context ctx) {
        if (token != null) {
            String header = ctx.header("Authorization");
            byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
            if (!MessageDigest.isEqual(given, token)) {
                ctx.header("WWW-Authenticate", "Bearer").status(401)
                        .json(Map.of("error", "metrics need the token of COLOSSUS_METRICS_TOKEN as a bearer token"));
                return;
            }
        } else if (!OpenAiAccess.local(ctx)) {
            ctx.status(403).json(Map.of("error", "metrics are served to this machine only; set "
                    + "COLOSSUS_METRICS_TOKEN or COLOSSUS_METRICS_PORT to scrape them from elsewhere"));
            return;
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    private void record(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) return;
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        // Static files have no endpoint of their own.
        String route = endpoint != null ? endpoint.path : ctx.statusCode() == 404 ? "unmatched" : "static";
        Timer.builder("http.server.requests")
                .tag("method", ctx.method().name())
                .tag("route", route)
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(registry)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        if (own != null) own.stop();
        gc.close();
        registry.close();
    }
}
