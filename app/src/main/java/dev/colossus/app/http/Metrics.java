package dev.colossus.app.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics} in Prometheus's text format: JVM and process gauges, and one request timer
 * ({@code http_server_requests_seconds}) labelled by method, route template (not the raw path, so that ids do not
 * explode the label space) and status. Thread-safe; one instance per server, closed with it.
 */
public final class Metrics implements AutoCloseable {

    private static final String STARTED = "colossus.metrics.started";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /** Registers the timing hooks and the {@code /metrics} route. */
    public void install(JavalinConfig c) {
        c.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        c.routes.after(this::record);
        c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(registry.scrape()));
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
        gc.close();
        registry.close();
    }
}
