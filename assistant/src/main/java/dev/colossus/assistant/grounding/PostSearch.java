package dev.colossus.assistant.grounding;

import java.util.List;

/**
 * Where the assistant finds posts: the network's search index (full-text relevance with recency and engagement).
 * Implementations are thread-safe and fast enough to call once per question.
 */
@FunctionalInterface
public interface PostSearch {

    /** The posts matching {@code query}, most relevant first, at most {@code query.maxResults()}. */
    List<SourcePost> search(PostQuery query);

    /** A search over nothing: used when no network is attached. */
    PostSearch NONE = query -> List.of();
}
