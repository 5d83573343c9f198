package dev.colossus.social;

/** What the author wrote for a post, for editing it (Mastodon's StatusSource): plain text, not HTML. */
public record PostSource(long id, String text, String spoilerText) {
}
