package dev.colossus.app.http;

import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.Limits;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.grounding.PostQuery;
import dev.colossus.assistant.grounding.PostSearch;
import dev.colossus.assistant.grounding.SourcePost;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Personas;
import io.javalin.Javalin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server with the OpenAI API over a small list of posts (words matched case-insensitively). */
final class OpenAiTestServer implements AutoCloseable {

    static final List<SourcePost> POSTS = List.of(
            post("101", "alice", "The rocket launch is set for noon today", 12),
            post("102", "bob", "Launch delayed? Weather looks bad near the pad", 4),
            post("103", "carol", "Baking sourdough bread this weekend", 7));

    final List<PostQuery> queries = new CopyOnWriteArrayList<>();
    final Javalin http;

    OpenAiTestServer(ChatBackend backend, GenerationQueue queue) {
        PostSearch search = q -> {
            queries.add(q);
            String[] words = q.text().toLowerCase(Locale.ROOT).split("\\W+");
            return POSTS.stream()
                    .filter(p -> q.includeHandles().isEmpty() || q.includeHandles().contains(p.handle()))
                    .filter(p -> !q.excludeHandles().contains(p.handle()))
                    .filter(p -> p.likes() >= q.minLikes())
                    .filter(p -> java.util.Arrays.stream(words).anyMatch(w -> w.length() > 3
                            && p.text().toLowerCase(Locale.ROOT).contains(w)))
                    .limit(q.maxResults()).toList();
        };
        Assistant assistant = new Assistant(Identity.DEFAULT, backend, search,
                new Limits(2048, 256, Duration.ofSeconds(20)), Clock.systemUTC());
        OpenAiApi api = new OpenAiApi(assistant, Personas.builtin(), queue);
        http = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            api.install(c);
        }).start("127.0.0.1", 0);
    }

    OpenAiTestServer() {
        this(null, new GenerationQueue(2, 2, Duration.ofSeconds(5)));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + http.port() + "/v1";
    }

    private static SourcePost post(String id, String handle, String text, long likes) {
        return new SourcePost(id, handle, text, Instant.parse("2026-11-28T11:00:00Z"), likes, 0,
                "http://localhost:8080/@" + handle + "/" + id);
    }

    @Override
    public void close() {
        http.stop();
    }
}
