package dev.colossus.social;

/**
 * How the viewer and another account are related (Mastodon's Relationship).
 *
 * @param blocking            the viewer blocks the account
 * @param blockedBy           the account blocks the viewer
 * @param muting              the viewer mutes the account (a mute past its expiry no longer counts)
 * @param mutingNotifications the viewer's mute hides the account's notifications too
 * @param requested           the viewer asked to follow the (locked) account and waits for its approval
 * @param requestedBy         the account asked to follow the viewer and waits for the viewer's approval
 * @param notifying           the viewer follows the account (or asked to) and is notified of its new posts
 */
public record Relationship(long accountId, boolean following, boolean followedBy, boolean blocking, boolean blockedBy,
                           boolean muting, boolean mutingNotifications, boolean requested,
                           boolean requestedBy, boolean notifying) {
}
