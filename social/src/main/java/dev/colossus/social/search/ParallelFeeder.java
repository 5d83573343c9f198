package dev.colossus.social.search;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.index.IndexWriter;

/**
 * Indexes posts handed over by one reader thread on one worker per core, in batches, with a bounded backlog so a fast
 * source cannot fill the heap. {@link #close()} waits for the workers, has them write the segments still buffered
 * (each worker one, at once: the commit that follows would write them one after another on one thread) and rethrows
 * the first failure.
 */
final class ParallelFeeder implements AutoCloseable {

    private static final int BATCH = 256;

    private final IndexWriter writer;
    private final boolean fresh;
    private final ExecutorService workers;
    private final int threads;
    private final Semaphore backlog;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private List<IndexedPost> batch = new ArrayList<>(BATCH);

    /** {@code fresh}: the index is being built from nothing, so posts are added without looking for old copies. */
    ParallelFeeder(IndexWriter writer, boolean fresh) {
        this.writer = writer;
        this.fresh = fresh;
        int n = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.workers = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "colossus-search-feed");
            t.setDaemon(true);
            return t;
        });
        this.threads = n;
        this.backlog = new Semaphore(n * 2);
    }

    void add(IndexedPost post) throws IOException {
        batch.add(post);
        if (batch.size() == BATCH) flush();
    }

    private void flush() throws IOException {
        rethrow();
        if (batch.isEmpty()) return;
        List<IndexedPost> work = batch;
        batch = new ArrayList<>(BATCH);
        try {
            backlog.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while indexing");
        }
        workers.execute(() -> {
            try {
                for (IndexedPost p : work) {
                    if (!p.visibility().isSearchable()) continue;
                    if (fresh) writer.addDocument(Documents.post(p));
                    else writer.updateDocument(Documents.postTerm(p.id()), Documents.post(p));
                }
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            } finally {
                backlog.release();
            }
        });
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
            backlog.acquire(threads * 2); // every batch indexed
            if (failure.get() == null) {
                for (int i = 0; i < threads; i++) {
                    workers.execute(() -> {
                        try {
                            while (writer.flushNextBuffer()) {
                                // one buffered segment written
                            }
                        } catch (Exception e) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while indexing");
        } finally {
            workers.shutdown();
            try {
                if (!workers.awaitTermination(1, TimeUnit.HOURS)) throw new IOException("indexing did not finish");
            } catch (InterruptedException e) {
                workers.shutdownNow();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while indexing");
            }
        }
        rethrow();
    }

    private void rethrow() throws IOException {
        Exception e = failure.get();
        if (e instanceof IOException io) throw io;
        if (e instanceof RuntimeException re) throw re;
        if (e != null) throw new IOException(e);
    }
}
