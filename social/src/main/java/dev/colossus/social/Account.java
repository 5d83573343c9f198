package dev.colossus.social;

import java.time.Instant;

/**
 * A local account as the API shows it. Counters are kept in step with the posts and follows by the store.
 *
 * @param lastPostAt when the account last posted, or null if never
 */
public record Account(long id, String username, String displayName, String note, boolean bot, Instant createdAt,
                      long postsCount, long followersCount, long followingCount, Instant lastPostAt) {
}
