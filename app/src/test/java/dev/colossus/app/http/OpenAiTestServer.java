package dev.colossus.app.http;

import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.Limits;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.grounding.PostSearch;
import dev.colossus.assistant.grounding.SourcePost;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Personas;
import dev.colossus.social.PostQuery;
import io.javalin.Javalin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server with the OpenAI API over a small list of posts (words matched case-insensitively). */
final class OpenAiTestServer implements AutoCloseable {

    static final List<SourcePost> POSTS = List.of(
            post("101", "alice", "The rocket launch is set for noon today", 12),
            post("102", "bob", "Launch delayed? Weather looks bad near the pad", 4),
            post("103", "carol", "Baking sourdough bread this weekend", 7));

    /** The account id of each author of {@link #POSTS}. */
    static final Map<String, Long> ACCOUNTS = Map.of("alice", 1L, "bob", 2L, "carol", 3L);

    final List<PostQuery> queries = new CopyOnWriteArrayList<>();
    final Javalin http;

    OpenAiTestServer(ChatBackend backend, GenerationQueue queue) {
        PostSearch search = new PostSearch() {
            @Override
            public List<SourcePost> search(PostQuery q) {
                queries.add(q);
                String[] words = q.text().toLowerCase(Locale.ROOT).split("\\W+");
                return POSTS.stream()
                        .filter(p -> q.includeAuthors().isEmpty() || q.includeAuthors().contains(ACCOUNTS.get(p.handle())))
                        .filter(p -> !q.excludeAuthors().contains(ACCOUNTS.get(p.handle())))
                        .filter(p -> p.likes() >= q.minLikes())
                        .filter(p -> java.util.Arrays.stream(words).anyMatch(w -> w.length() > 3
                                && p.text().toLowerCase(Locale.ROOT).contains(w)))
                        .limit(q.limit()).toList();
            }

            @Override
            public Optional<Long> accountId(String handle) {
                return Optional.ofNullable(ACCOUNTS.get(handle));
            }
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
