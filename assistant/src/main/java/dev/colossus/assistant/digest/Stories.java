package dev.colossus.assistant.digest;

import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.grounding.PostSearch;
import dev.colossus.assistant.grounding.SourcePost;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.social.PostQuery;

import java.lang.System.Logger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stories: for each of the top trending hashtags, a short cited summary of what people are saying.
 *
 * <p>Each tag's story is kept until it is older than the time-to-live; a tag that starts trending gets its story
 * written, and stories of tags that stopped trending are dropped. Stories are written by one background writer, so a
 * slow model never holds many requests: a request waits for the writing it started at most {@code wait}, then gets
 * the stories written so far (a stale story is served until its new one is ready). Thread-safe.
 */
public final class Stories implements AutoCloseable {

    /**
     * One story.
     *
     * @param tag       the hashtag, lower case, without {@code #}
     * @param brief     the summary and the posts it cites
     * @param updatedAt when it was written
     */
    public record Story(String tag, Brief brief, Instant updatedAt) {
    }

    private static final Logger LOG = System.getLogger(Stories.class.getName());
    private static final int POSTS_PER_STORY = 5;
    private final Assistant assistant;
    private final GenerationQueue turns;
    private final Persona persona;
    private final int count;
    private final Duration ttl;
    private final Duration wait;
    private final Clock clock;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("colossus-stories").factory());
    private final Map<String, Story> cache = new HashMap<>(); // guarded by this
    private Future<?> writing; // guarded by this

    /**
     * @param count how many trending tags get a story
     * @param ttl   how long a story is served before it is written again
     * @param wait  longest a request waits for stories being written
     */
    public Stories(Assistant assistant, GenerationQueue turns, Persona persona, int count, Duration ttl, Duration wait,
                   Clock clock) {
        if (count < 1) throw new IllegalArgumentException("stories count must be at least 1");
        this.assistant = assistant;
        this.turns = turns;
        this.persona = persona;
        this.count = count;
        this.ttl = ttl;
        this.wait = wait;
        this.clock = clock;
    }

    /** The stories of the tags trending now, hottest first; a tag with no posts found, or none written yet, has none. */
    public List<Story> current() throws InterruptedException {
        List<String> tags = assistant.trends().risingTags(count);
        Future<?> pending;
        synchronized (this) {
            cache.keySet().retainAll(tags);
            Instant now = clock.instant();
            List<String> due = tags.stream()
                    .filter(t -> !cache.containsKey(t) || !cache.get(t).updatedAt().plus(ttl).isAfter(now)).toList();
            if (!due.isEmpty() && (writing == null || writing.isDone())) {
                writing = writer.submit(() -> {
                    write(due);
                    return null;
                });
            }
            pending = writing;
        }
        if (pending != null) {
            try {
                pending.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Still writing: serve what is ready; the next request gets the rest.
            } catch (ExecutionException e) {
                LOG.log(Logger.Level.WARNING, "could not write stories: " + e.getCause().getMessage());
            }
        }
        synchronized (this) {
            List<Story> out = new ArrayList<>();
            for (String tag : tags) {
                Story story = cache.get(tag);
                if (story != null && !story.brief().text().isEmpty()) out.add(story);
            }
            return out;
        }
    }

    /** Writes the stories of these tags one by one, each into the cache as soon as it is ready. */
    private void write(List<String> tags) throws InterruptedException {
        for (String tag : tags) {
            Instant now = clock.instant();
            PostSearch search = assistant.search();
            PostQuery query = PostSearch.about(tag, POSTS_PER_STORY).withExcludeAuthors(
                    search.accountId(assistant.identity().handle()).map(Set::of).orElse(Set.of()));
            List<SourcePost> posts = search.search(query);
            // Nothing found yet (the tag's posts not yet indexed): no story, and the next request looks again.
            if (posts.isEmpty()) continue;
            Brief brief = Briefs.write(assistant, turns, persona, "In two or three sentences, tell what people on the network "
                    + "are saying about #" + tag + ", citing the posts by number like [1].", posts,
                    "People are posting about #" + tag + ":");
            synchronized (this) {
                cache.put(tag, new Story(tag, brief, now));
            }
        }
    }

    /** Stops the writer, interrupting a story being written. */
    @Override
    public void close() {
        writer.shutdownNow();
    }
}
