package dev.colossus.assistant.digest;

import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.Limits;
import dev.colossus.assistant.grounding.Citation;
import dev.colossus.assistant.grounding.PostSearch;
import dev.colossus.assistant.grounding.SourcePost;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.social.PostQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Stories are cached per tag: written again after their time-to-live, or when their tag starts trending. */
class StoriesTest {

    private final List<String> trending = new CopyOnWriteArrayList<>(List.of("eclipse"));
    private final List<String> searched = new CopyOnWriteArrayList<>();
    private volatile Instant now = Instant.parse("2026-11-28T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Assistant assistant = new Assistant(Identity.DEFAULT, null, network(this::search), n -> List.copyOf(trending),
            Limits.DEFAULT, clock);
    private final Stories stories = new Stories(assistant, new GenerationQueue(1, 1, Duration.ofSeconds(1)),
            Persona.REGULAR, 5, Duration.ofMinutes(10), Duration.ofMinutes(5), clock);

    @AfterEach
    void stop() {
        stories.close();
    }

    /** A network searched by {@code search} where the assistant's own account has id 7 and no other is known. */
    private static PostSearch network(Function<PostQuery, List<SourcePost>> search) {
        return new PostSearch() {
            @Override
            public List<SourcePost> search(PostQuery q) {
                return search.apply(q);
            }

            @Override
            public Optional<Long> accountId(String handle) {
                return handle.equals("colossus") ? Optional.of(7L) : Optional.empty();
            }
        };
    }

    /** Tags whose posts are not found (yet). */
    private final List<String> quiet = new CopyOnWriteArrayList<>(List.of("quiet"));

    /** One post per search, named after the tag and the search's number; none for the quiet tags. */
    private List<SourcePost> search(PostQuery q) {
        searched.add(q.text());
        assertThat(q.excludeAuthors()).containsExactly(7L);
        List<SourcePost> out = new ArrayList<>();
        if (quiet.contains(q.text())) return out;
        String id = q.text() + searched.size();
        out.add(new SourcePost(id, "ann", "All about #" + q.text(), now, 0, 0, "http://x/@ann/" + id));
        return out;
    }

    @Test
    void aStoryIsServedFromTheCacheUntilItsTimeToLivePasses() throws Exception {
        List<Stories.Story> first = stories.current();
        now = now.plus(Duration.ofMinutes(9));
        assertThat(stories.current()).isEqualTo(first);
        assertThat(searched).containsExactly("eclipse");

        now = now.plus(Duration.ofMinutes(2));
        List<Stories.Story> later = stories.current();
        assertThat(searched).containsExactly("eclipse", "eclipse");
        assertThat(later.getFirst().brief().citations()).extracting(Citation::url).containsExactly("http://x/@ann/eclipse2");
        assertThat(later.getFirst().updatedAt()).isEqualTo(now);
    }

    @Test
    void aNewTrendGetsItsStoryAtOnceInTrendOrderAndATagWithNoPostsHasNone() throws Exception {
        stories.current();
        trending.clear();
        trending.addAll(List.of("comet", "quiet", "eclipse"));

        List<Stories.Story> moved = stories.current();

        assertThat(moved).extracting(Stories.Story::tag).containsExactly("comet", "eclipse");
        assertThat(searched).containsExactly("eclipse", "comet", "quiet");
        assertThat(moved.getFirst().brief().text()).startsWith("People are posting about #comet:").contains("[1]");
    }

    @Test
    void aTagWhosePostsAreNotFoundYetGetsItsStoryOnALaterRequest() throws Exception {
        quiet.add("eclipse");
        assertThat(stories.current()).isEmpty();

        quiet.remove("eclipse");
        List<Stories.Story> later = stories.current();

        assertThat(later).extracting(Stories.Story::tag).containsExactly("eclipse");
        assertThat(searched).containsExactly("eclipse", "eclipse");
    }

    @Test
    void aRequestDoesNotWaitForASlowWriterButGetsTheStoryLater() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Assistant slow = new Assistant(Identity.DEFAULT, null, network(q -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return search(q);
        }), n -> List.copyOf(trending), Limits.DEFAULT, clock);
        try (Stories impatient = new Stories(slow, new GenerationQueue(1, 1, Duration.ofSeconds(1)), Persona.REGULAR,
                5, Duration.ofMinutes(10), Duration.ofMillis(50), clock)) {
            assertThat(impatient.current()).isEmpty(); // returned while the writer is still blocked
            release.countDown();
            List<Stories.Story> later = impatient.current();
            for (int i = 0; i < 1200 && later.isEmpty(); i++) {
                Thread.sleep(50);
                later = impatient.current();
            }
            assertThat(later).extracting(Stories.Story::tag).containsExactly("eclipse");
            assertThat(searched).containsExactly("eclipse");
        }
    }
}
