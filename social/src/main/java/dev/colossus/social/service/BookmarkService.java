package dev.colossus.social.service;

import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Post;
import dev.colossus.social.SocialException;
import dev.colossus.social.store.BookmarkRows;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.PostVisibility;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.store.Sql;

import java.util.List;

/**
 * Bookmarks, as Mastodon keeps them: private to the account, on a post it may see (a reblog's original), listed most
 * recently bookmarked first. Thread-safe.
 */
public final class BookmarkService {

    private final Database db;
    private final Snowflakes ids;

    public BookmarkService(Database db, Snowflakes ids) {
        this.db = db;
        this.ids = ids;
    }

    /**
     * Bookmarks post {@code id} (a reblog's original) for {@code actorId} (idempotent); returns it as the actor sees it.
     *
     * @throws SocialException.NotFound when the post is missing or hidden from the actor
     */
    public Post bookmark(long actorId, long id) {
        long postId = db.write(c -> {
            Post post = PostVisibility.original(c, id, actorId).orElseThrow(SocialException::notFound);
            BookmarkRows.insert(c, ids.next(), actorId, post.id());
            return post.id();
        });
        return seen(postId, actorId);
    }

    /** Removes the bookmark (idempotent); returns the post. @throws SocialException.NotFound when missing or hidden */
    public Post unbookmark(long actorId, long id) {
        long postId = db.write(c -> {
            Post post = PostVisibility.original(c, id, actorId).orElseThrow(SocialException::notFound);
            BookmarkRows.delete(c, actorId, post.id());
            return post.id();
        });
        return seen(postId, actorId);
    }

    /**
     * A page of {@code accountId}'s bookmarks, most recent bookmark first, paged by bookmark id (the cursors of the
     * page). Posts the account can no longer see are left out (the page may then hold fewer; its cursors still move).
     */
    public Page<Post> list(long accountId, PageRequest request) {
        return db.read(c -> {
            Page<Sql.Pair> page = Page.of(request, BookmarkRows.page(c, accountId, request), Sql.Pair::id);
            List<Long> postIds = page.items().stream().map(Sql.Pair::target).toList();
            return new Page<>(PostVisibility.visibleList(c, postIds, accountId), page.nextMaxId(), page.prevMinId());
        });
    }

    private Post seen(long postId, long viewerId) {
        return db.read(c -> PostVisibility.visible(c, postId, viewerId)).orElseThrow(SocialException::notFound);
    }
}
