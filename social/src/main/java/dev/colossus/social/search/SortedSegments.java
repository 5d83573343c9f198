package dev.colossus.social.search;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Writes posts handed over in any order as whole segments, each already in the index's order (newest first), for
 * {@link IndexBuild} to add to its index as they are: posts gather into chunks, and each chunk is sorted and written on
 * a worker by a writer of its own into memory, while the next chunk gathers.
 *
 * <p>Why: Lucene sorts a segment at flush only when its documents did not come in the index's order, and that sort
 * (every term's postings, positions included, read back and reordered) cost about a fifth of indexing; an import's
 * posts come oldest first, the opposite order. One writer per chunk also keeps a chunk's documents in one segment,
 * where threads sharing a writer would interleave theirs. Chunks are large, so a network of a million posts ends in a
 * handful of segments, each spanning its own stretch of time, which the newest-first search visits in order.
 *
 * <p>{@link #add} blocks while as many chunks as there are workers are being written, so a fast source cannot fill
 * the heap. One thread drives it; a failure of a worker is thrown by a later {@link #add} or by {@link #finish}.
 */
final class SortedSegments implements AutoCloseable {

    /** Posts per segment written while posts still arrive: about 60 MB of indexing buffer, a few seconds of work. */
    static final int CHUNK = 250_000;
    /** Enough indexing buffer for a chunk, so that each chunk is written as one segment. */
    private static final double CHUNK_RAM_MB = 512;
    private static final Comparator<IndexedPost> NEWEST_FIRST =
            Comparator.comparing(IndexedPost::createdAt).reversed();

    private final int chunk;
    private final int threads;
    private final ExecutorService workers;
    private final Semaphore inFlight;
    private final List<Future<Directory>> segments = new ArrayList<>();
    private List<IndexedPost> pending = new ArrayList<>();

    /** Segments of {@code chunk} posts, at most one being written per core. */
    SortedSegments(int chunk) {
        this.chunk = chunk;
        this.threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "colossus-search-build");
            t.setDaemon(true);
            return t;
        });
        this.inFlight = new Semaphore(threads);
    }

    /** Takes a post to index; posts that are not searchable are left out. */
    void add(IndexedPost post) throws IOException {
        if (!post.visibility().isSearchable()) return;
        if (pending.size() == chunk) { // written once more come, so that the last chunk is always shared out
            List<IndexedPost> full = pending;
            pending = new ArrayList<>();
            write(full);
        }
        pending.add(post);
    }

    /**
     * Writes the posts still gathered (up to a chunk), split among the workers (each part a stretch of time of its
     * own), waits for every segment and returns their directories, each holding one committed index. Call it once.
     */
    List<Directory> finish() throws IOException {
        List<IndexedPost> rest = pending;
        pending = new ArrayList<>();
        rest.sort(NEWEST_FIRST);
        int parts = Math.clamp(rest.size() / 10_000, 1, threads);
        for (int i = 0; i < parts && !rest.isEmpty(); i++) {
            write(rest.subList(rest.size() * i / parts, rest.size() * (i + 1) / parts));
        }
        List<Directory> written = new ArrayList<>(segments.size());
        for (Future<Directory> f : segments) written.add(result(f));
        workers.shutdown();
        return written;
    }

    private void write(List<IndexedPost> posts) throws IOException {
        for (Future<Directory> f : segments) {
            if (f.isDone()) result(f); // a failure shows at once
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while indexing");
        }
        segments.add(workers.submit(() -> {
            try {
                return segment(posts);
            } finally {
                inFlight.release();
            }
        }));
    }

    /** Writes the posts, newest first, as one committed segment in memory. */
    private static Directory segment(List<IndexedPost> posts) throws IOException {
        posts.sort(NEWEST_FIRST);
        Directory dir = new ByteBuffersDirectory();
        try (IndexWriter w = SearchIndex.openWriter(dir, SearchIndex.Options.DEFAULT.withRamBufferMb(CHUNK_RAM_MB), true)) {
            for (IndexedPost p : posts) w.addDocument(Documents.post(p));
            w.commit();
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
        return dir;
    }

    private static Directory result(Future<Directory> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while indexing");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IOException(cause);
        }
    }

    /** Stops the workers; the segments in memory go with this object, and what {@link #finish} returned is the caller's. */
    @Override
    public void close() throws IOException {
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(1, TimeUnit.HOURS)) throw new IOException("indexing did not stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while indexing");
        }
    }
}
