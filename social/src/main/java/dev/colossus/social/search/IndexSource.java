package dev.colossus.social.search;

import java.util.stream.Stream;

/**
 * Where the index gets its documents back from when it rebuilds or catches up: the store.
 *
 * <p>The index closes every stream it opens. Streams should read lazily (a cursor), not load all rows at once.
 */
public interface IndexSource {

    /** How many posts {@link #posts(long) posts(0)} will yield, for progress; an estimate is fine. */
    long postCount();

    /**
     * Posts with an id greater than {@code afterId}, in ascending id order. All visibilities may be included; the index
     * keeps only searchable ones.
     */
    Stream<IndexedPost> posts(long afterId);

    /** Accounts with an id greater than {@code afterId}, in ascending id order. */
    Stream<IndexedAccount> accounts(long afterId);

    /** Reports rebuild progress; called from the thread that opens the index. */
    @FunctionalInterface
    interface Progress {
        /** {@code done} of about {@code total} posts indexed so far. */
        void update(long done, long total);

        Progress NONE = (done, total) -> { };
    }
}
