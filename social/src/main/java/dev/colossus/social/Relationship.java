package dev.colossus.social;

/**
 * How the viewer and another account are related (Mastodon's Relationship).
 *
 * @param blocking            the viewer blocks the account
 * @param blockedBy           the account blocks the viewer
 * @param muting              the viewer mutes the account (a mute past its expiry no longer counts)
 * @param mutingNotifications the viewer's mute hides the account's notifications too
 */
public record Relationship(long accountId, boolean following, boolean followedBy, boolean blocking, boolean blockedBy,
                           boolean muting, boolean mutingNotifications) {
}
