package dev.colossus.social.trends;

/**
 * One day of a hashtag's use, in Mastodon's {@code history} shape (all values are strings there).
 *
 * @param day      start of the UTC day as UNIX seconds, e.g. {@code "1714521600"}
 * @param uses     how many times the tag was used that day
 * @param accounts how many distinct accounts used it that day
 */
public record DayHistory(String day, String uses, String accounts) {
}
