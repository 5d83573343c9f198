package dev.colossus.social.search;

import dev.colossus.social.PostQuery;

/**
 * One post found by {@link SearchIndex#searchPosts}.
 *
 * @param postId the store's post id; the store may have deleted it since, so callers skip ids it no longer has
 * @param score  the blended ranking score (see {@link Ranking}); for {@link PostQuery.Order#NEWEST} the creation time
 *               in epoch milliseconds
 */
public record PostHit(long postId, double score) {
}
