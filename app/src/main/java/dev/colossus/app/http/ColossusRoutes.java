package dev.colossus.app.http;

import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.backend.BackendException;
import dev.colossus.assistant.digest.Brief;
import dev.colossus.assistant.digest.PostExplainer;
import dev.colossus.assistant.digest.Stories;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The assistant's endpoints beside the Mastodon API (same token handling, rate limits and {@code {"error"}} bodies):
 * <ul>
 * <li>{@code POST /api/v1/colossus/explain} with {@code status_id} (JSON or form): the post's context and background
 * from related posts, {@code {"text", "citations": [{"number", "status_id", "acct", "url"}], "extractive"}}. It spends
 * the model, so it needs a signed-in user's token (scope {@code read}; 401 without); posts hidden from the caller are
 * 404, a missing {@code status_id} is 422.</li>
 * <li>{@code GET /api/v1/colossus/stories}: {@code {"stories": [{"tag", "text", "citations", "updated_at"}]}}, one
 * per trending hashtag, hottest first (stories still being written come with a later request).</li>
 * </ul>
 * When the model has no turn free for an explanation the answer is 429 (queue full) or 503 (waited too long).
 */
public final class ColossusRoutes {

    private final Auth auth;
    private final PostExplainer explainer;
    private final Stories stories;

    public ColossusRoutes(Auth auth, PostExplainer explainer, Stories stories) {
        this.auth = auth;
        this.explainer = explainer;
        this.stories = stories;
    }

    public void install(JavalinConfig c) {
        c.routes.post("/api/v1/colossus/explain", this::explain);
        c.routes.get("/api/v1/colossus/stories", this::stories);
    }

    private void explain(Context ctx) throws InterruptedException {
        long viewer = auth.user(ctx, "read").accountId();
        Params p = Params.of(ctx);
        String raw = p.string("status_id");
        if (raw == null || raw.isBlank()) throw new ApiError(422, "Missing required parameter: status_id");
        long id = Params.parseId(raw, "status_id");
        Brief brief = generate(() -> explainer.explain(id, viewer));
        Map<String, Object> body = brief(brief);
        body.put("extractive", brief.extractive());
        Http.json(ctx, body);
    }

    private void stories(Context ctx) throws InterruptedException {
        List<Map<String, Object>> list = stories.current().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tag", s.tag());
            m.putAll(brief(s.brief()));
            m.put("updated_at", MastodonJson.time(s.updatedAt()));
            return m;
        }).toList();
        Http.json(ctx, Map.of("stories", list));
    }

    private static Map<String, Object> brief(Brief brief) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", brief.text());
        m.put("citations", brief.citations().stream().map(CitationJson::of).toList());
        return m;
    }

    private interface Generation<T> {
        T run() throws InterruptedException;
    }

    /** Runs work that may need the model, turning a busy or failing model into an API error. */
    private static <T> T generate(Generation<T> work) throws InterruptedException {
        try {
            return work.run();
        } catch (GenerationQueue.Busy e) {
            throw new ApiError(e.queueFull() ? 429 : 503, e.getMessage());
        } catch (BackendException e) {
            throw new ApiError(e.kind().httpStatus(), "The assistant could not answer: " + e.getMessage());
        }
    }
}
