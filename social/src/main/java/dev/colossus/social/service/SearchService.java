package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Post;
import dev.colossus.social.search.IndexedAccount;
import dev.colossus.social.search.IndexedPost;
import dev.colossus.social.search.PostHit;
import dev.colossus.social.search.PostQuery;
import dev.colossus.social.search.SearchIndex;
import dev.colossus.social.search.TagHit;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.StoreIndexSource;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;

import java.util.List;

/**
 * Full-text search over the network, kept current from the event bus: every committed post, deletion, engagement
 * change and profile change reaches the {@link SearchIndex} as it is published, so a new post is searchable within
 * the index's refresh interval. Results are re-read from the store and filtered by what the viewer may see.
 * Thread-safe.
 */
public final class SearchService implements AutoCloseable {

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

    public SearchIndex index() {
        return index;
    }

    private void onEvent(SocialEvent event) {
        switch (event) {
            case SocialEvent.PostCreated(Post s) when s.reblog() == null -> index.indexPost(indexed(s));
            case SocialEvent.PostCreated ignored -> { }
            case SocialEvent.PostDeleted(Post s) -> {
                if (s.reblog() == null) index.deletePost(s.id());
            }
            case SocialEvent.PostUpdated(Post s) -> index.updateEngagement(s.id(),
                    (int) Math.min(Integer.MAX_VALUE, s.favouritesCount()), (int) Math.min(Integer.MAX_VALUE, s.reblogsCount()));
            case SocialEvent.AccountChanged(Account a) -> index.indexAccount(
                    new IndexedAccount(a.id(), a.username(), a.displayName(), a.followersCount()));
            case SocialEvent.PostFavourited ignored -> { } // the PostUpdated before it carries the new count
        }
    }

    /** The index's view of a post. */
    public static IndexedPost indexed(Post s) {
        return new IndexedPost(s.id(), s.account().id(), s.text(), s.createdAt(),
                StoreIndexSource.searchVisibility(s.visibility()), (int) Math.min(Integer.MAX_VALUE, s.favouritesCount()),
                (int) Math.min(Integer.MAX_VALUE, s.reblogsCount()), s.inReplyToId() == null ? 0 : s.inReplyToId(), s.tags());
    }

    /** Posts matching the query that the viewer (nullable) may see, best first. */
    public List<Post> posts(PostQuery query, Long viewerId) {
        List<Long> ids = index.searchPosts(query).hits().stream().map(PostHit::postId).toList();
        return posts.visibleList(ids, viewerId);
    }

    /** Accounts whose username or display name starts with {@code prefix}. */
    public List<Account> accounts(String prefix, int offset, int limit) {
        List<Long> ids = index.searchAccounts(prefix, offset, limit).hits().stream().map(h -> h.accountId()).toList();
        return db.read(c -> Accounts.inOrder(c, ids));
    }

    /** Hashtags starting with {@code prefix}, most used first. */
    public List<TagHit> tags(String prefix, int offset, int limit) {
        return index.searchTags(prefix, offset, limit).hits();
    }

    /** Stops listening to the bus and closes the index (committing it). */
    @Override
    public void close() throws java.io.IOException {
        subscription.close();
        index.close();
    }
}
