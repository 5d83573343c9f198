package dev.colossus.social.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Builds the search index from nothing while the store is being filled (a bulk import), instead of rebuilding it from
 * the store afterwards: posts are handed over as they are written and indexed on one worker per core alongside the
 * writing, and nothing is read back from the store but what the load already held and the accounts.
 *
 * <p>{@link #start} empties the directory and holds its write lock until {@link #finish} or {@link #close}. Nothing is
 * committed before {@link #finish}, so a build that is closed unfinished (or a process that dies) leaves an index that
 * the next {@link SearchIndex#open} rebuilds from the store. Not thread-safe: one thread drives it.
 */
public final class IndexBuild implements AutoCloseable {

    private final Directory directory;
    private final IndexWriter writer;
    private final ParallelFeeder feeder;
    private long maxPost;
    private boolean done;

    private IndexBuild(Directory directory, IndexWriter writer) {
        this.directory = directory;
        this.writer = writer;
        this.feeder = new ParallelFeeder(writer, true);
    }

    /**
     * Empties the index in {@code dir} (created when missing) and takes it for building.
     *
     * @throws LockObtainFailedException when another writer, such as a running server, holds the index
     */
    public static IndexBuild start(Path dir) throws IOException {
        Files.createDirectories(dir);
        Directory directory = FSDirectory.open(dir);
        try {
            IndexHealth.wipe(directory);
            return new IndexBuild(directory, SearchIndex.openWriter(directory, SearchIndex.Options.DEFAULT, true));
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /**
     * Indexes posts the store holds, each once: call it with what the store held before the load, then with each
     * batch the load writes. Returns when the posts are queued; a failure of an earlier batch is thrown here or by
     * {@link #finish}.
     */
    public void add(Stream<IndexedPost> posts) throws IOException {
        for (IndexedPost p : (Iterable<IndexedPost>) posts::iterator) {
            feeder.add(p);
            maxPost = Math.max(maxPost, p.id());
        }
    }

    /**
     * Waits for the queued posts, replaces {@code changed} (posts added earlier whose indexed fields changed since,
     * such as a reply threaded only at the end of the load), indexes every account of {@code source} and commits.
     * The index is then what {@link SearchIndex#open} would have rebuilt from the store. On failure nothing is
     * committed, and the next opening rebuilds the index. Either way the index is released.
     */
    public void finish(List<IndexedPost> changed, IndexSource source) throws IOException {
        done = true;
        try (directory) {
            try {
                feeder.close();
                for (IndexedPost p : changed) {
                    if (p.visibility().isSearchable()) writer.updateDocument(Documents.postTerm(p.id()), Documents.post(p));
                    else writer.deleteDocuments(Documents.postTerm(p.id()));
                    maxPost = Math.max(maxPost, p.id());
                }
                long maxAccount = 0;
                try (Stream<IndexedAccount> accounts = source.accounts(0)) {
                    for (IndexedAccount a : (Iterable<IndexedAccount>) accounts::iterator) {
                        writer.addDocument(Documents.account(a));
                        maxAccount = Math.max(maxAccount, a.id());
                    }
                }
                SearchIndex.commit(writer, maxPost, maxAccount);
                writer.close();
            } catch (IOException | RuntimeException e) {
                try {
                    writer.rollback();
                } catch (IOException | RuntimeException suppressed) {
                    if (suppressed != e) e.addSuppressed(suppressed); // a tragic error is rethrown by rollback too
                }
                throw e;
            }
        }
    }

    /** Releases the index; unless {@link #finish} committed it, it stays empty, to be rebuilt at the next opening. */
    @Override
    public void close() throws IOException {
        if (done) return;
        done = true;
        try (directory) {
            try {
                feeder.close();
            } finally {
                writer.rollback();
            }
        }
    }
}
