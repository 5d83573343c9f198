package dev.colossus.social.importer;

import dev.colossus.social.Storage;
import dev.colossus.social.search.IndexBuild;
import dev.colossus.social.search.IndexedPost;
import dev.colossus.social.search.SearchIndex;
import dev.colossus.social.service.SearchService;
import dev.colossus.social.store.BulkLoader;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.store.StoreIndexSource;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * A bulk import of posts into a network whose server is stopped ({@code colossus import}). Opening it empties the
 * search index and holds it, so no server can open it meanwhile and, however the import ends, the next opening
 * rebuilds the index from the store; {@link #rebuildIndex} does that at once. Opened to index while loading, it
 * builds the index alongside the writing instead (see {@link IndexBuild}), and {@link #rebuildIndex} only completes
 * it. Posts are written in bulk (see
 * {@code BulkLoader}): a crash mid-load may lose the load's last commits, never earlier data, and loading the same
 * posts again skips those already stored. One thread drives it.
 */
public final class PostImport implements AutoCloseable {

    private final Database db;
    private final Path searchDir;
    private Closeable hold;
    /** The index being built while loading, or null. */
    private IndexBuild build;
    /** Replies threaded at the end of the load that the build was first given as not replies. */
    private List<Long> threadedLate = List.of();

    private PostImport(Database db, Path searchDir, Closeable hold, IndexBuild build) {
        this.db = db;
        this.searchDir = searchDir;
        this.hold = hold;
        this.build = build;
    }

    /**
     * Takes and empties the search index in {@code searchDir}, then opens the database.
     *
     * @throws SearchService.IndexInUseException when a server (or another import) holds the index
     * @throws IOException                       when the index directory cannot be used
     */
    public static PostImport open(Storage storage, Path searchDir) throws IOException {
        Closeable hold = SearchService.invalidate(searchDir);
        try {
            return new PostImport(Database.open(storage), searchDir, hold, null);
        } catch (RuntimeException e) {
            hold.close();
            throw e;
        }
    }

    /**
     * Opens as {@link #open(Storage, Path)} does; with {@code indexWhileLoading}, the index is built while the posts
     * are written, from the posts the store holds now on, and {@link #rebuildIndex} then only completes it.
     *
     * @throws SearchService.IndexInUseException when a server (or another import) holds the index
     * @throws IOException                       when the index directory cannot be used
     */
    public static PostImport open(Storage storage, Path searchDir, boolean indexWhileLoading) throws IOException {
        if (!indexWhileLoading) return open(storage, searchDir);
        SearchService.invalidate(searchDir).close(); // tells a running server apart from other failures
        IndexBuild build = IndexBuild.start(searchDir);
        try {
            Database db = Database.open(storage);
            PostImport opened = new PostImport(db, searchDir, null, build);
            try (Stream<IndexedPost> stored = new StoreIndexSource(db).posts(0)) {
                build.add(stored);
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            build.close();
            throw e;
        }
    }

    /** A post ready to load: its text's mentions and hashtags are found by {@link #prepare}, on the caller's thread. */
    public static final class Prepared {
        private final BulkLoader.Post post;

        private Prepared(BulkLoader.Post post) {
            this.post = post;
        }
    }

    /**
     * Prepares a post for {@link #load}; call it on a thread that reads ahead of the loading one, as parsing the text
     * costs about as much as writing it. Thread-safe.
     */
    public static Prepared prepare(ImportedPost p) {
        return new Prepared(BulkLoader.Post.of(p.sourceId(), p.author(), p.text(), p.createdAt(), p.replyTo(),
                p.likes(), null));
    }

    /**
     * Writes the posts (unknown authors become accounts nobody can log in as; replies are threaded, also to parents
     * loaded later); {@code progress} is told how many posts were read so far.
     */
    public LoadReport load(Iterator<Prepared> posts, LongConsumer progress) {
        Iterator<BulkLoader.Post> loaderPosts = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return posts.hasNext();
            }

            @Override
            public BulkLoader.Post next() {
                return posts.next().post;
            }
        };
        if (build == null) return new BulkLoader(db, new Snowflakes()).posts(loaderPosts, progress);
        return new BulkLoader(db, new Snowflakes()).posts(loaderPosts, progress, new BulkLoader.Written() {
            @Override
            public void posts(List<IndexedPost> posts) {
                try {
                    build.add(posts.stream());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void threadedLate(List<Long> replyIds) {
                threadedLate = replyIds;
            }
        });
    }

    /** How many posts the store holds: what a rebuild of the index feeds. */
    public long postCount() {
        return new StoreIndexSource(db).postCount();
    }

    /**
     * Lets go of the index and rebuilds it from the store now, rather than at the next server start; when it was
     * built while loading, completes and commits it instead.
     */
    public void rebuildIndex(SearchService.Progress progress) throws IOException {
        if (build != null) {
            StoreIndexSource source = new StoreIndexSource(db);
            List<IndexedPost> changed = source.posts(threadedLate);
            long posts = source.postCount();
            IndexBuild finishing = build;
            build = null; // released by finish, whatever happens
            finishing.finish(changed, source);
            progress.update(posts, posts);
            return;
        }
        release();
        // Opening the emptied index rebuilds it; closing commits it.
        SearchIndex.open(searchDir, new StoreIndexSource(db), SearchIndex.Options.DEFAULT, progress::update).close();
    }

    private void release() throws IOException {
        if (build != null) {
            IndexBuild b = build;
            build = null;
            b.close();
        }
        if (hold != null) {
            Closeable h = hold;
            hold = null;
            h.close();
        }
    }

    /** Lets go of the index (rebuilt at the next opening when {@link #rebuildIndex} was not called) and the store. */
    @Override
    public void close() throws IOException {
        try {
            release();
        } finally {
            db.close();
        }
    }
}
