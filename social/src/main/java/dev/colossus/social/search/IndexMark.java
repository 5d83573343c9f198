package dev.colossus.social.search;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The high-water mark of one kind of document (posts or accounts): the highest id such that every document with an id
 * up to it that was handed to the index is in it. It is what a commit records, and what reopening catches up from.
 *
 * <p>A document whose indexing failed holds the mark below its id until it is fed again: a later document's success
 * never hides it. Documents handed over since the last commit are remembered too, because losing the writer (a
 * tragic I/O error) discards them: {@link #writerLost} turns them into failures.
 *
 * <p>Thread-safe. Memory grows with the documents waiting for a commit or a re-feed, not with the index.
 */
final class IndexMark {

    private long highest;
    private final TreeSet<Long> failed = new TreeSet<>();
    private Set<Long> sinceCommit = new HashSet<>();

    /** Starts at {@code committed}, the mark the index's last commit recorded (0 for an empty index). */
    IndexMark(long committed) {
        this.highest = committed;
    }

    /** {@code id} is about to be written; it counts as indexed once the next commit succeeds. */
    synchronized void handedOver(long id) {
        highest = Math.max(highest, id);
        sinceCommit.add(id);
    }

    /** Writing {@code id} failed: it waits for a re-feed, and the mark stays below it until then. */
    synchronized void failed(long id) {
        highest = Math.max(highest, id);
        sinceCommit.remove(id);
        failed.add(id);
    }

    /** Every document with an id up to {@code id} in the source was fed (a rebuild or catch-up reached it). */
    synchronized void fedThrough(long id) {
        highest = Math.max(highest, id);
    }

    /** The high-water mark: every document handed over with an id up to it is indexed. */
    synchronized long mark() {
        return failed.isEmpty() ? highest : Math.min(highest, failed.first() - 1);
    }

    /** The highest id ever handed over, failed or not. */
    synchronized long highest() {
        return highest;
    }

    /** How many documents are known not to be in the index: failed and waiting for a re-feed. */
    synchronized int unindexed() {
        return failed.size();
    }

    /** Whether any document waits for a re-feed. */
    synchronized boolean hasFailures() {
        return !failed.isEmpty();
    }

    /** The documents waiting for a re-feed, to pass to {@link #refed} once a feed from {@link #refeedFrom} covered them. */
    synchronized List<Long> failures() {
        return List.copyOf(failed);
    }

    /**
     * Where a re-feed must start (exclusive) so that it covers every failure: {@code committed} (what the index
     * durably holds), or lower when an earlier failure waits.
     */
    synchronized long refeedFrom(long committed) {
        return failed.isEmpty() ? committed : Math.min(committed, failed.first() - 1);
    }

    /** A feed from {@link #refeedFrom} re-indexed {@code ids} (or found them gone from the source). */
    synchronized void refed(Collection<Long> ids) {
        failed.removeAll(ids);
    }

    /**
     * A commit is starting: the documents handed over so far are in it. Returns them, to give back through
     * {@link #commitFailed} should the commit fail.
     */
    synchronized Set<Long> commitStarting() {
        Set<Long> committing = sinceCommit;
        sinceCommit = new HashSet<>();
        return committing;
    }

    /** The commit that {@link #commitStarting} began failed: its documents are not durable. */
    synchronized void commitFailed(Set<Long> committing) {
        sinceCommit.addAll(committing);
    }

    /** The writer was rolled back to its last commit: every document handed over since is lost and must be re-fed. */
    synchronized void writerLost() {
        failed.addAll(sinceCommit);
        sinceCommit = new HashSet<>();
    }
}
