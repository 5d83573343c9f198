package dev.colossus.social.trends;

/**
 * A like or repost of a public post.
 *
 * @param postId    the post engaged with
 * @param accountId who liked or reposted it
 * @param at        when
 */
public record Engagement(long postId, long accountId, java.time.Instant at) {
}
