package dev.colossus.assistant.digest;

import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.grounding.PostQuery;
import dev.colossus.assistant.grounding.SourcePost;
import dev.colossus.assistant.persona.Persona;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stories: for each of the top trending hashtags, a short cited summary of what people are saying. Each tag's story
 * is kept until it is older than the time-to-live; a tag that starts trending gets its story on the next call, and
 * stories of tags that stopped trending are dropped. Thread-safe (one caller computes at a time).
 */
public final class Stories {

    /**
     * One story.
     *
     * @param tag       the hashtag, lower case, without {@code #}
     * @param brief     the summary and the posts it cites
     * @param updatedAt when it was written
     */
    public record Story(String tag, Brief brief, Instant updatedAt) {
    }

    private static final int POSTS_PER_STORY = 5;
    private final Assistant assistant;
    private final GenerationQueue turns;
    private final Persona persona;
    private final int count;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Story> cache = new HashMap<>();

    /**
     * @param count how many trending tags get a story
     * @param ttl   how long a story is served before it is written again
     */
    public Stories(Assistant assistant, GenerationQueue turns, Persona persona, int count, Duration ttl, Clock clock) {
        if (count < 1) throw new IllegalArgumentException("stories count must be at least 1");
        this.assistant = assistant;
        this.turns = turns;
        this.persona = persona;
        this.count = count;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * The stories of the tags trending now, hottest first; a tag with no posts found has none.
     *
     * @throws GenerationQueue.Busy when the model has no turn free
     */
    public synchronized List<Story> current() throws InterruptedException {
        List<String> tags = assistant.trends().risingTags(count);
        cache.keySet().retainAll(tags);
        List<Story> out = new ArrayList<>();
        Instant now = clock.instant();
        for (String tag : tags) {
            Story story = cache.get(tag);
            if (story == null || !story.updatedAt().plus(ttl).isAfter(now)) {
                story = write(tag, now);
                cache.put(tag, story);
            }
            if (!story.brief().text().isEmpty()) out.add(story);
        }
        return out;
    }

    private Story write(String tag, Instant now) throws InterruptedException {
        List<SourcePost> posts = assistant.search().search(
                new PostQuery(tag, null, null, List.of(), List.of(assistant.identity().handle()), 0, POSTS_PER_STORY));
        if (posts.isEmpty()) return new Story(tag, new Brief("", List.of(), true), now);
        String instruction = "In two or three sentences, tell what people on the network are saying about #" + tag
                + ", citing the posts by number like [1].";
        return new Story(tag, Briefs.write(assistant, turns, persona, instruction, posts,
                "People are posting about #" + tag + ":", 0), now);
    }
}
