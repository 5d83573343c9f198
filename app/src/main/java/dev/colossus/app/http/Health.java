package dev.colossus.app.http;

import dev.colossus.assistant.GenerationQueue;
import dev.colossus.social.SearchHealth;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health}: checks the database (one cheap query), the search index writer and the generation queue, and
 * answers 200 with each part's state when all are well, or 503 with the same body naming the failing parts and why:
 *
 * <pre>{"status": "failing", "failing": ["search"], "reason": "search: IOException: No space left on device",
 *  "parts": {"database": {"status": "ok"}, "search": {"status": "failing", "reason": "...", ...}, "model": {...}}}</pre>
 *
 * The generation queue fails while every waiting place is taken (new questions are turned away). Thread-safe; each
 * request runs the checks anew.
 */
public final class Health {

    /** One part's state: ok, or failing with a reason, and figures worth showing either way. */
    record Part(String name, String reason, Map<String, Object> figures) {

        boolean ok() {
            return reason == null;
        }

        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", ok() ? "ok" : "failing");
            if (!ok()) out.put("reason", reason);
            out.putAll(figures);
            return out;
        }
    }

    private final Runnable database;
    private final Supplier<SearchHealth> search;
    private final GenerationQueue generations;

    /**
     * @param database    runs a cheap query, throwing when the database does not answer
     * @param search      the search index's state
     * @param generations the queue every model answer takes a turn from
     */
    public Health(Runnable database, Supplier<SearchHealth> search, GenerationQueue generations) {
        this.database = database;
        this.search = search;
        this.generations = generations;
    }

    /** Registers {@code GET /health}. */
    public void install(JavalinConfig c) {
        c.routes.get("/health", this::answer);
    }

    private void answer(Context ctx) {
        List<Part> parts = List.of(database(), search(), model());
        Map<String, Object> body = new LinkedHashMap<>();
        List<String> failing = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Part p : parts) {
            if (!p.ok()) {
                failing.add(p.name());
                reasons.add(p.name() + ": " + p.reason());
            }
        }
        body.put("status", failing.isEmpty() ? "ok" : "failing");
        if (!failing.isEmpty()) {
            body.put("failing", failing);
            body.put("reason", String.join("; ", reasons));
        }
        Map<String, Object> byName = new LinkedHashMap<>();
        parts.forEach(p -> byName.put(p.name(), p.json()));
        body.put("parts", byName);
        ctx.header("Cache-Control", "no-store");
        ctx.status(failing.isEmpty() ? 200 : 503).json(body);
    }

    private Part database() {
        try {
            database.run();
            return new Part("database", null, Map.of());
        } catch (RuntimeException e) {
            return new Part("database", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), Map.of());
        }
    }

    private Part search() {
        SearchHealth h = search.get();
        Map<String, Object> figures = new LinkedHashMap<>();
        if (h.failingSince() != null) figures.put("since", h.failingSince().toString());
        figures.put("unindexed_posts", h.unindexedPosts());
        figures.put("indexed_through_post_id", Long.toString(h.markPostId()));
        return new Part("search", h.writable() ? null : "the index writer failed: " + h.reason(), figures);
    }

    private Part model() {
        int waiting = generations.waiting();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("running", generations.running());
        figures.put("waiting", waiting);
        String reason = generations.maxWaiting() > 0 && waiting >= generations.maxWaiting()
                ? "the generation queue is full (" + waiting + " waiting); new questions are turned away" : null;
        return new Part("model", reason, figures);
    }
}
