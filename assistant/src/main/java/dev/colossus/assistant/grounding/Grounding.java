package dev.colossus.assistant.grounding;

import java.util.List;

/**
 * What an answer is grounded in: posts (numbered {@code [1]}, {@code [2]}... in the prompt, in this order) and the
 * hashtags trending now (may be empty).
 */
public record Grounding(List<SourcePost> posts, List<String> trendingTags) {

    public static final Grounding NONE = new Grounding(List.of(), List.of());

    public Grounding {
        posts = List.copyOf(posts);
        trendingTags = List.copyOf(trendingTags);
    }

    public static Grounding of(List<SourcePost> posts) {
        return new Grounding(posts, List.of());
    }

    /** These trends with the given posts. */
    public Grounding withPosts(List<SourcePost> others) {
        return new Grounding(others, trendingTags);
    }
}
