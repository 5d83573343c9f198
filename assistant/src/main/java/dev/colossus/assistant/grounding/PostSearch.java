package dev.colossus.assistant.grounding;

import dev.colossus.social.PostQuery;

import java.util.List;
import java.util.Optional;

/**
 * Where the assistant finds posts: the network's search index (full-text relevance with recency and engagement),
 * asked with the network's own {@link PostQuery}. Implementations are thread-safe and fast enough to call once per
 * question.
 */
@FunctionalInterface
public interface PostSearch {

    /** The posts (not reblogs) matching {@code query}, most relevant first, at most {@code query.limit()}. */
    List<SourcePost> search(PostQuery query);

    /**
     * The id of the account with this handle ({@code alice}, {@code @alice} or {@code alice@host}), or empty when
     * the network has none; what a query's author filters are made of. The default knows no account, so a question
     * restricted to some handles finds nothing.
     */
    default Optional<Long> accountId(String handle) {
        return Optional.empty();
    }

    /**
     * A relevance query for a natural-language text: its content words ({@link QuestionTerms}), any of which may
     * match, over public and unlisted posts, at most {@code limit} (1 to {@value PostQuery#MAX_LIMIT}) posts.
     */
    static PostQuery about(String text, int limit) {
        return PostQuery.of(QuestionTerms.of(text)).withMatch(PostQuery.Match.ANY).withPage(0, limit);
    }

    /** A search over nothing: used when no network is attached. */
    PostSearch NONE = query -> List.of();
}
