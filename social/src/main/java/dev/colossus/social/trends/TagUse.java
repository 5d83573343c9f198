package dev.colossus.social.trends;

/**
 * A hashtag used in a public post.
 *
 * @param tag       the hashtag, with or without {@code #}, any case
 * @param accountId who posted it
 * @param at        when (the post's creation time)
 */
public record TagUse(String tag, long accountId, java.time.Instant at) {
}
