package dev.colossus.social;

import java.time.Instant;
import java.util.List;

/**
 * A local account as the API shows it. Counters are kept in step with the posts and follows by the store.
 *
 * @param lastPostAt   when the account last posted, or null if never
 * @param avatarPath   the media file of the uploaded avatar ({@code MediaService.file}), or null for the default
 * @param headerPath   the media file of the uploaded header, or null for the default
 * @param fields       the profile's name/value pairs, in order (at most {@value #MAX_FIELDS})
 * @param discoverable whether the account agreed to be featured in discovery (suggestions, directories)
 * @param locked       whether the account approves its followers (a follow becomes a request until it does)
 */
public record Account(long id, String username, String displayName, String note, boolean bot, Instant createdAt,
                      long postsCount, long followersCount, long followingCount, Instant lastPostAt, String avatarPath,
                      String headerPath, List<Field> fields, boolean discoverable, boolean locked) {

    /** How many profile fields an account may have (Mastodon's default). */
    public static final int MAX_FIELDS = 4;

    public Account {
        fields = List.copyOf(fields);
    }

    /** One profile field: a label and its value, both plain text. */
    public record Field(String name, String value) {
    }
}
