package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Post;
import dev.colossus.social.PostQuery;
import dev.colossus.social.SearchHealth;
import dev.colossus.social.TagHit;
import dev.colossus.social.search.IndexedAccount;
import dev.colossus.social.search.IndexedPost;
import dev.colossus.social.search.PostHit;
import dev.colossus.social.search.SearchIndex;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.StoreIndexSource;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;
import org.apache.lucene.store.LockObtainFailedException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Full-text search over the network, kept current from the event bus: every committed post, deletion, engagement
 * change and profile change reaches the {@link SearchIndex} as it is published, so a new post is searchable within
 * the index's refresh interval. Results are re-read from the store and filtered by what the viewer may see.
 * Thread-safe.
 */
public final class SearchService implements AutoCloseable {

    /** How long opening searches the most common words, so the first searches after a start are not slow ones. */
    private static final Duration WARM_UP = Duration.ofSeconds(2);

    private final SearchIndex index;
    private final Database db;
    private final PostService posts;
    private final EventBus.Subscription subscription;

    public SearchService(SearchIndex index, Database db, PostService posts, EventBus bus) {
        this.index = index;
        this.db = db;
        this.posts = posts;
        this.subscription = bus.subscribe(this::onEvent);
    }

    /** Told how far the feeding of an index being rebuilt or caught up has come. */
    @FunctionalInterface
    public interface Progress {
        /** {@code done} of about {@code total} posts indexed so far. */
        void update(long done, long total);
    }

    /** Another process (a running server, an import) holds the search index. */
    public static final class IndexInUseException extends IOException {
        IndexInUseException(Path dir, Throwable cause) {
            super("the search index in " + dir + " is in use by another process", cause);
        }
    }

    /**
     * Opens the index in {@code dir} over the store (see {@link SearchIndex#open}) and keeps it current from
     * {@code bus}. Blocks until the index is ready.
     *
     * @throws IndexInUseException when another process holds the index
     * @throws IOException         when the directory cannot be used
     */
    public static SearchService open(Path dir, Database db, PostService posts, EventBus bus, Progress progress)
            throws IOException {
        try {
            SearchIndex index = SearchIndex.open(dir, new StoreIndexSource(db), SearchIndex.Options.DEFAULT,
                    progress::update);
            index.warmUp(WARM_UP);
            return new SearchService(index, db, posts, bus);
        } catch (LockObtainFailedException e) {
            throw new IndexInUseException(dir, e);
        }
    }

    /**
     * Empties the index in {@code dir} and holds it until the returned hold is closed, so that the next
     * {@link #open} rebuilds it from the store: call it before changing the store behind the index's back (a bulk
     * load of old-dated posts, which catching up by id would miss). See {@link SearchIndex#invalidate}.
     *
     * @throws IndexInUseException when another process, such as a running server, holds the index
     */
    public static Closeable invalidate(Path dir) throws IOException {
        try {
            return SearchIndex.invalidate(dir);
        } catch (LockObtainFailedException e) {
            throw new IndexInUseException(dir, e);
        }
    }

    /**
     * Makes every change indexed so far searchable now, rather than within the index's refresh interval (about a
     * second): for tools and tests that search right after writing.
     */
    public void refresh() {
        index.refresh();
    }

    /** How many posts the index holds (as of its last refresh). */
    public long postCount() {
        return index.postCount();
    }

    /**
     * Why the index was rebuilt from the store when it was opened (it was missing, damaged or emptied for a bulk
     * load), or empty when the existing index was caught up instead.
     */
    public Optional<String> rebuildReason() {
        SearchIndex.OpenReport report = index.openReport();
        return report.rebuilt() ? Optional.of(report.reason()) : Optional.empty();
    }

    /**
     * Whether the index writer works, why not, and how many posts wait to be indexed again (see
     * {@link SearchHealth}). While it does not, searches answer from the last good view of the index, posts are
     * recorded as missed, and the writer is reopened in the background and fed what it missed. Cheap; thread-safe.
     */
    public SearchHealth health() {
        return index.health();
    }

    private void onEvent(SocialEvent event) {
        switch (event) {
            case SocialEvent.PostCreated(Post s) when s.reblog() == null -> index.indexPost(indexed(s));
            case SocialEvent.PostCreated ignored -> { }
            case SocialEvent.PostEdited(Post s, var newlyMentioned) -> index.indexPost(indexed(s));
            case SocialEvent.PostDeleted(Post s) -> {
                if (s.reblog() == null) index.deletePost(s.id());
            }
            case SocialEvent.PostUpdated(Post s) -> index.updateEngagement(s.id(),
                    (int) Math.min(Integer.MAX_VALUE, s.favouritesCount()), (int) Math.min(Integer.MAX_VALUE, s.reblogsCount()));
            case SocialEvent.AccountChanged(Account a) -> index.indexAccount(
                    new IndexedAccount(a.id(), a.username(), a.displayName(), a.followersCount()));
            case SocialEvent.PostFavourited ignored -> { } // the PostUpdated before it carries the new count
            case SocialEvent.AccountFollowed ignored -> { }
            case SocialEvent.NotificationCreated ignored -> { }
            case SocialEvent.ConversationUpdated ignored -> { }
            case SocialEvent.FollowRequested ignored -> { }
            case SocialEvent.PollEnded ignored -> { }
        }
    }

    /** The index's view of a post. */
    public static IndexedPost indexed(Post s) {
        return new IndexedPost(s.id(), s.account().id(), IndexedPost.searchable(s.spoilerText(), s.text()), s.createdAt(),
                StoreIndexSource.searchVisibility(s.visibility()), (int) Math.min(Integer.MAX_VALUE, s.favouritesCount()),
                (int) Math.min(Integer.MAX_VALUE, s.reblogsCount()), s.inReplyToId() == null ? 0 : s.inReplyToId(), s.tags());
    }

    /**
     * Posts matching the query that the viewer (nullable) may see, best first, without those of accounts it blocks,
     * mutes or is blocked by.
     */
    public List<Post> posts(PostQuery query, Long viewerId) {
        List<Long> ids = index.searchPosts(query).hits().stream().map(PostHit::postId).toList();
        return posts.shownList(ids, viewerId);
    }

    /**
     * Accounts whose username or display name starts with {@code prefix}, without those whose posts the viewer
     * (nullable) does not see ({@link PostService#hiddenAccounts}), so a page may be short.
     */
    public List<Account> accounts(String prefix, int offset, int limit, Long viewerId) {
        List<Long> ids = index.searchAccounts(prefix, offset, limit).hits().stream().map(h -> h.accountId()).toList();
        if (ids.isEmpty()) return List.of();
        Set<Long> hidden = posts.hiddenAccounts(viewerId);
        return db.read(c -> Accounts.inOrder(c, ids.stream().filter(id -> !hidden.contains(id)).toList()));
    }

    /** Hashtags starting with {@code prefix}, most used first. */
    public List<TagHit> tags(String prefix, int offset, int limit) {
        return index.searchTags(prefix, offset, limit).hits();
    }

    /** Stops listening to the bus and closes the index (committing it). */
    @Override
    public void close() throws IOException {
        subscription.close();
        index.close();
    }
}
