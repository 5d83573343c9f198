package dev.colossus.social.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A post as the search index sees it: what the store hands to {@link SearchIndex#indexPost} and to a rebuild.
 *
 * <p>{@code text} is the plain text of the post (no HTML), with its content warning ({@link #searchable}). {@code tags} are the hashtags parsed from it, with or
 * without the leading {@code #}; the index folds them to lower case. Posts whose visibility is not
 * {@link Visibility#isSearchable() searchable} are never indexed.
 *
 * @param id        the store's post id (positive; ids of later posts are larger, which catch-up after a restart relies on)
 * @param authorId  the store's account id of the author
 * @param text      plain text, never null (may be empty for a media-only post)
 * @param createdAt when the post was created
 * @param visibility who may see the post
 * @param likes     current like count, at least 0
 * @param reposts   current repost count, at least 0
 * @param inReplyTo id of the post this replies to, or 0 when it is not a reply
 * @param tags      hashtags in the post, never null
 */
public record IndexedPost(long id, long authorId, String text, Instant createdAt, Visibility visibility,
                          int likes, int reposts, long inReplyTo, List<String> tags) {

    public IndexedPost {
        if (id <= 0) throw new IllegalArgumentException("post id must be positive: " + id);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(visibility, "visibility");
        if (likes < 0 || reposts < 0) throw new IllegalArgumentException("counts must not be negative");
        tags = List.copyOf(tags);
    }

    /**
     * The text to index for a post with a content warning (empty for none) and a text: both, the warning first, as
     * Mastodon searches them.
     */
    public static String searchable(String spoilerText, String text) {
        return spoilerText.isEmpty() ? text : spoilerText + "\n\n" + text;
    }

    /** Mastodon's four visibilities; only public and unlisted posts are searchable. */
    public enum Visibility {
        PUBLIC, UNLISTED, PRIVATE, DIRECT;

        /** True for the visibilities the index holds (public and unlisted). */
        public boolean isSearchable() {
            return this == PUBLIC || this == UNLISTED;
        }
    }
}
