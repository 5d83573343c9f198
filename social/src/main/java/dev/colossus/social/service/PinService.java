package dev.colossus.social.service;

import dev.colossus.social.Post;
import dev.colossus.social.SocialException;
import dev.colossus.social.Visibility;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.PinRows;
import dev.colossus.social.store.PostVisibility;
import dev.colossus.social.store.Snowflakes;

import java.util.List;

/**
 * Posts pinned to their author's profile: the author's own public or unlisted posts (not reblogs), at most
 * {@value #MAX_PINNED} per account, shown most recently pinned first. Thread-safe.
 */
public final class PinService {

    /** How many posts an account may pin (Mastodon's limit). */
    public static final int MAX_PINNED = 5;

    private final Database db;
    private final Snowflakes ids;

    public PinService(Database db, Snowflakes ids) {
        this.db = db;
        this.ids = ids;
    }

    /**
     * Pins the actor's post {@code id} (idempotent); returns it.
     *
     * @throws SocialException.NotFound when the post is missing or hidden from the actor
     * @throws SocialException.Invalid  for a reblog, someone else's post, a followers-only or direct post, or when
     *                                  {@value #MAX_PINNED} posts are pinned already
     */
    public Post pin(long actorId, long id) {
        db.write(c -> {
            Post post = PostVisibility.visible(c, id, actorId).orElseThrow(SocialException::notFound);
            if (post.reblog() != null) throw SocialException.unprocessable("Validation failed: A boost cannot be pinned");
            if (post.account().id() != actorId) {
                throw SocialException.unprocessable("Validation failed: Someone else's post cannot be pinned");
            }
            if (post.visibility().compareTo(Visibility.UNLISTED) > 0) {
                throw SocialException.unprocessable("Validation failed: Only public and unlisted posts can be pinned");
            }
            if (PinRows.among(c, List.of(post.id())).isEmpty() && PinRows.count(c, actorId) >= MAX_PINNED) {
                throw SocialException.unprocessable("Validation failed: You have already pinned the maximum number of posts");
            }
            return PinRows.insert(c, ids.next(), actorId, post.id());
        });
        return seen(id, actorId);
    }

    /**
     * Unpins the actor's post {@code id} (idempotent); returns it.
     *
     * @throws SocialException.NotFound when the post is missing or hidden from the actor
     */
    public Post unpin(long actorId, long id) {
        db.write(c -> {
            Post post = PostVisibility.visible(c, id, actorId).orElseThrow(SocialException::notFound);
            return post.account().id() == actorId && PinRows.delete(c, post.id());
        });
        return seen(id, actorId);
    }

    /**
     * The posts {@code accountId} pinned that the viewer (nullable) may see, most recently pinned first.
     *
     * @throws SocialException.NotFound for an unknown account
     */
    public List<Post> pinned(Long viewerId, long accountId) {
        return db.read(c -> {
            if (Accounts.byId(c, accountId).isEmpty()) throw SocialException.notFound();
            return PostVisibility.visibleList(c, PinRows.ofAccount(c, accountId), viewerId);
        });
    }

    private Post seen(long postId, long viewerId) {
        return db.read(c -> PostVisibility.visible(c, postId, viewerId)).orElseThrow(SocialException::notFound);
    }
}
