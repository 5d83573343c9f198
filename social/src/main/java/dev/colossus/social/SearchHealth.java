package dev.colossus.social;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether the search index can take writes, and how far behind the network it is.
 *
 * @param writable          true while the index writer works; false from an I/O error (disk full, a damaged segment)
 *                          until the writer has been reopened and has caught up
 * @param reason            why it is not writable (the error), or empty
 * @param failingSince      when it stopped being writable, or null while writable
 * @param unindexedPosts    posts known to be missing from the index, waiting to be fed again
 * @param markPostId        the high-water mark: every post with an id up to it is indexed
 * @param newestPostId      the highest post id handed to the index, indexed or not
 */
public record SearchHealth(boolean writable, String reason, Instant failingSince, long unindexedPosts,
                           long markPostId, long newestPostId) {

    public SearchHealth {
        Objects.requireNonNull(reason, "reason");
    }
}
