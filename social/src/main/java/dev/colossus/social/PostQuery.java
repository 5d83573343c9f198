package dev.colossus.social;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What to look for in posts, with the filters the search API and the assistant need.
 *
 * <p>Build one with {@link #of(String)} and the {@code with...} methods; every method returns a new query.
 * The text uses a forgiving syntax that never fails: words, {@code "quoted phrases"}, {@code -excluded} words and
 * {@code prefix*}. A blank text matches every post (useful with filters and {@link Order#NEWEST}).
 *
 * @param text             the words to find; blank for all posts
 * @param match            whether every word must match ({@link Match#ALL}, the default) or any ({@link Match#ANY})
 * @param from             only posts created at or after this instant, or null
 * @param to               only posts created before this instant, or null
 * @param includeAuthors   only posts by these account ids; empty for no restriction
 * @param excludeAuthors   never posts by these account ids
 * @param minLikes         only posts with at least this many likes
 * @param visibilities     which visibilities to return; the default is public and unlisted (private and direct
 *                         posts are never indexed)
 * @param excludeReplies   leave out replies
 * @param order            ranking order
 * @param offset           hits to skip (paging), at least 0
 * @param limit            page size, 1 to {@value #MAX_LIMIT}
 */
public record PostQuery(String text, Match match, Instant from, Instant to, Set<Long> includeAuthors,
                        Set<Long> excludeAuthors, int minLikes, Set<Visibility> visibilities,
                        boolean excludeReplies, Order order, int offset, int limit) {

    /** The largest page. */
    public static final int MAX_LIMIT = 200;
    /** The deepest hit a query may page to (offset + limit). */
    public static final int MAX_DEPTH = 10_000;

    public PostQuery {
        text = text == null ? "" : text;
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(order, "order");
        includeAuthors = Set.copyOf(includeAuthors);
        excludeAuthors = Set.copyOf(excludeAuthors);
        visibilities = Set.copyOf(visibilities);
        if (minLikes < 0) throw new IllegalArgumentException("minLikes must not be negative");
        if (offset < 0) throw new IllegalArgumentException("offset must not be negative");
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        if (offset + limit > MAX_DEPTH) throw new IllegalArgumentException("offset + limit must be at most " + MAX_DEPTH);
        if (from != null && to != null && !from.isBefore(to)) throw new IllegalArgumentException("from must be before to");
    }

    /** A relevance-ranked query for {@code text}: all words must match, public and unlisted posts, 20 hits. */
    public static PostQuery of(String text) {
        return new PostQuery(text, Match.ALL, null, null, Set.of(), Set.of(), 0,
                Set.of(Visibility.PUBLIC, Visibility.UNLISTED), false, Order.RELEVANCE, 0, 20);
    }

    public PostQuery withMatch(Match m) {
        return new PostQuery(text, m, from, to, includeAuthors, excludeAuthors, minLikes, visibilities, excludeReplies, order, offset, limit);
    }

    /** Restricts to posts created in {@code [from, to)}; either bound may be null. */
    public PostQuery withTimeWindow(Instant f, Instant t) {
        return new PostQuery(text, match, f, t, includeAuthors, excludeAuthors, minLikes, visibilities, excludeReplies, order, offset, limit);
    }

    public PostQuery withIncludeAuthors(Set<Long> ids) {
        return new PostQuery(text, match, from, to, ids, excludeAuthors, minLikes, visibilities, excludeReplies, order, offset, limit);
    }

    public PostQuery withExcludeAuthors(Set<Long> ids) {
        return new PostQuery(text, match, from, to, includeAuthors, ids, minLikes, visibilities, excludeReplies, order, offset, limit);
    }

    public PostQuery withMinLikes(int n) {
        return new PostQuery(text, match, from, to, includeAuthors, excludeAuthors, n, visibilities, excludeReplies, order, offset, limit);
    }

    public PostQuery withVisibilities(Set<Visibility> v) {
        return new PostQuery(text, match, from, to, includeAuthors, excludeAuthors, minLikes, v, excludeReplies, order, offset, limit);
    }

    public PostQuery withExcludeReplies(boolean b) {
        return new PostQuery(text, match, from, to, includeAuthors, excludeAuthors, minLikes, visibilities, b, order, offset, limit);
    }

    public PostQuery withOrder(Order o) {
        return new PostQuery(text, match, from, to, includeAuthors, excludeAuthors, minLikes, visibilities, excludeReplies, o, offset, limit);
    }

    public PostQuery withPage(int off, int lim) {
        return new PostQuery(text, match, from, to, includeAuthors, excludeAuthors, minLikes, visibilities, excludeReplies, order, off, lim);
    }

    /** How the words of the text combine. */
    public enum Match {
        /** Every word must occur (user search). */
        ALL,
        /** Any word may occur; posts with more of them score higher (natural-language questions). */
        ANY
    }

    /** How hits are ordered. */
    public enum Order {
        /** BM25 blended with recency and engagement, see the search index's ranking. */
        RELEVANCE,
        /** Newest first, text only filters. */
        NEWEST
    }
}
