package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Post;
import dev.colossus.social.Relationship;
import dev.colossus.social.SocialException;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.BlockRows;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.FollowRequestRows;
import dev.colossus.social.store.FollowRows;
import dev.colossus.social.store.Hiding;
import dev.colossus.social.store.NotificationRows;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Blocks, as Mastodon has them: blocking an account ends the follows and follow requests between the two either
 * way and the notifications each had from the other, and from then on neither can follow the other, the blocked account cannot
 * see the blocker's posts nor reply to them, and the blocker sees nothing of the blocked account in timelines,
 * threads, search results, notifications or streams (its profile stays reachable). Thread-safe.
 */
public final class BlockService {

    private final Database db;
    private final Snowflakes ids;
    private final EventBus bus;
    private final FollowService follows;
    private final Clock clock;

    /** @param clock decides whether a mute has lapsed ({@link #hides}) */
    public BlockService(Database db, Snowflakes ids, EventBus bus, FollowService follows, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.bus = bus;
        this.follows = follows;
        this.clock = clock;
    }

    /**
     * Makes {@code actor} block {@code target} (idempotent); returns the relationship now.
     *
     * @throws SocialException.NotFound  for an unknown target
     * @throws SocialException.Forbidden when blocking oneself
     */
    public Relationship block(long actor, long target) {
        if (actor == target) throw new SocialException.Forbidden("This action is not allowed");
        boolean unfollowed = db.write(c -> {
            if (Accounts.byId(c, target).isEmpty()) throw SocialException.notFound();
            if (BlockRows.exists(c, actor, target)) return false;
            BlockRows.insert(c, ids.next(), actor, target);
            boolean changed = false;
            for (long[] pair : new long[][]{{actor, target}, {target, actor}}) {
                if (FollowRows.delete(c, pair[0], pair[1])) {
                    Accounts.addFollow(c, pair[0], pair[1], -1);
                    changed = true;
                }
                FollowRequestRows.withdraw(c, pair[0], pair[1]);
            }
            NotificationRows.deleteBetween(c, actor, target);
            return changed;
        });
        if (unfollowed) {
            for (long id : List.of(actor, target)) {
                db.read(c -> Accounts.byId(c, id)).ifPresent(a -> bus.publish(new SocialEvent.AccountChanged(a)));
            }
        }
        return follows.relationship(actor, target);
    }

    /** Ends {@code actor}'s block of {@code target} (idempotent). @throws SocialException.NotFound for an unknown target */
    public Relationship unblock(long actor, long target) {
        db.write(c -> {
            if (Accounts.byId(c, target).isEmpty()) throw SocialException.notFound();
            return BlockRows.delete(c, actor, target);
        });
        return follows.relationship(actor, target);
    }

    /**
     * Whether {@code viewerId}'s blocks and mutes hide {@code post} now: it is by, or reblogs a post by, an account
     * the viewer blocks, mutes or is blocked by. False without a viewer. Reads the database: for live streams, which
     * ask per post.
     */
    public boolean hides(Long viewerId, Post post) {
        if (viewerId == null) return false;
        Set<Long> hidden = db.read(c -> Hiding.hiddenFrom(c, viewerId, clock.millis()));
        return hidden.contains(post.account().id()) || (post.reblog() != null && hidden.contains(post.reblog().account().id()));
    }

    /** Whom {@code accountId} blocks, most recent block first; paged by block id. */
    public Page<Account> blocks(long accountId, PageRequest request) {
        return db.read(c -> {
            Page<BlockRows.Row> page = Page.of(request, BlockRows.page(c, accountId, request), BlockRows.Row::blockId);
            List<Long> accountIds = page.items().stream().map(BlockRows.Row::accountId).toList();
            return new Page<>(Accounts.inOrder(c, accountIds), page.nextMaxId(), page.prevMinId());
        });
    }
}
