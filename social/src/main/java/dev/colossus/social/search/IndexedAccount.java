package dev.colossus.social.search;

import java.util.Objects;

/**
 * An account as the search index sees it.
 *
 * @param id          the store's account id (positive; later accounts have larger ids)
 * @param username    the unique username (without {@code @})
 * @param displayName the display name, may be empty
 * @param followers   follower count, used to order accounts that match equally well
 */
public record IndexedAccount(long id, String username, String displayName, long followers) {

    public IndexedAccount {
        if (id <= 0) throw new IllegalArgumentException("account id must be positive: " + id);
        Objects.requireNonNull(username, "username");
        displayName = displayName == null ? "" : displayName;
    }
}
