package dev.colossus.social;

/** How the viewer and another account are related (Mastodon's Relationship, minus blocks and mutes). */
public record Relationship(long accountId, boolean following, boolean followedBy) {
}
