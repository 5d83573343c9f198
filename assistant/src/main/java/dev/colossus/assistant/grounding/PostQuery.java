package dev.colossus.assistant.grounding;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to look for: full-text {@code text}, restricted to a time window, to or away from some accounts, and to
 * posts with at least {@code minLikes} likes; at most {@code maxResults} posts, most relevant first.
 *
 * @param from            earliest creation time, inclusive, or null
 * @param to              latest creation time, inclusive, or null
 * @param includeHandles  only posts by these handles (without {@code @}); empty means everyone
 * @param excludeHandles  never posts by these handles
 */
public record PostQuery(String text, Instant from, Instant to, List<String> includeHandles,
                        List<String> excludeHandles, long minLikes, int maxResults) {

    public PostQuery {
        Objects.requireNonNull(text, "text");
        includeHandles = includeHandles == null ? List.of() : List.copyOf(includeHandles);
        excludeHandles = excludeHandles == null ? List.of() : List.copyOf(excludeHandles);
        if (maxResults < 1) throw new IllegalArgumentException("maxResults must be at least 1");
        if (minLikes < 0) throw new IllegalArgumentException("minLikes must not be negative");
    }
}
