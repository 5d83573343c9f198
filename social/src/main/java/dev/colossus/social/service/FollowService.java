package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Notification;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Relationship;
import dev.colossus.social.SocialException;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.BlockRows;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.FollowRows;
import dev.colossus.social.store.MuteRows;
import dev.colossus.social.store.NotificationRows;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows (accounts are never locked here, so a follow takes effect at once) and the lists they make; a new follow is
 * published on the bus ({@link SocialEvent.AccountFollowed}). Thread-safe.
 */
public final class FollowService {

    private final Database db;
    private final Snowflakes ids;
    private final EventBus bus;
    private final Clock clock;

    /** @param clock decides whether a mute has expired */
    public FollowService(Database db, Snowflakes ids, EventBus bus, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.bus = bus;
        this.clock = clock;
    }

    /**
     * Makes {@code actor} follow {@code target} (idempotent).
     *
     * @throws SocialException.NotFound  for an unknown target
     * @throws SocialException.Forbidden when following oneself
     */
    public Relationship follow(long actor, long target) {
        if (actor == target) throw new SocialException.Forbidden("This action is not allowed");
        Long followId = db.write(c -> {
            if (Accounts.byId(c, target).isEmpty()) throw SocialException.notFound();
            if (BlockRows.eitherWay(c, actor, target)) throw new SocialException.Forbidden("This action is not allowed");
            if (FollowRows.exists(c, actor, target)) return null;
            long id = ids.next();
            FollowRows.insert(c, id, actor, target);
            Accounts.addFollow(c, actor, target, 1);
            return id;
        });
        if (followId != null) {
            bus.publish(new SocialEvent.AccountFollowed(actor, target, Instant.ofEpochMilli(Snowflakes.millisOf(followId))));
        }
        return relationship(actor, target);
    }

    /** Stops following (idempotent). @throws SocialException.NotFound for an unknown target */
    public Relationship unfollow(long actor, long target) {
        db.write(c -> {
            if (Accounts.byId(c, target).isEmpty()) throw SocialException.notFound();
            if (FollowRows.delete(c, actor, target)) {
                Accounts.addFollow(c, actor, target, -1);
                NotificationRows.deleteCausedBy(c, target, Notification.Type.FOLLOW, actor, null);
            }
            return null;
        });
        return relationship(actor, target);
    }

    public boolean isFollowing(long follower, long target) {
        return db.read(c -> FollowRows.exists(c, follower, target));
    }

    /** Relationships of the viewer to each id that exists, in the given order. */
    public List<Relationship> relationships(long viewer, List<Long> targets) {
        if (targets.isEmpty()) return List.of();
        return db.read(c -> {
            Map<Long, Account> existing = Accounts.byIds(c, targets);
            Set<Long> following = FollowRows.followedAmong(c, viewer, targets);
            Set<Long> followedBy = FollowRows.followersAmong(c, viewer, targets);
            Set<Long> blocking = BlockRows.blockedAmong(c, viewer, targets);
            Set<Long> blockedBy = BlockRows.blockersAmong(c, viewer, targets);
            Map<Long, MuteRows.Row> muting = MuteRows.among(c, viewer, targets, clock.millis());
            List<Relationship> out = new ArrayList<>();
            for (Long t : targets) {
                if (!existing.containsKey(t)) continue;
                MuteRows.Row mute = muting.get(t);
                out.add(new Relationship(t, following.contains(t), followedBy.contains(t), blocking.contains(t),
                        blockedBy.contains(t), mute != null, mute != null && mute.notifications()));
            }
            return out;
        });
    }

    /** The viewer's relationship to one account. @throws SocialException.NotFound for an unknown account */
    public Relationship relationship(long viewer, long target) {
        return relationships(viewer, List.of(target)).stream().findFirst().orElseThrow(SocialException::notFound);
    }

    /** Who follows {@code accountId}, most recent follow first; paged by follow id. */
    public Page<Account> followers(long accountId, PageRequest page) {
        return list(accountId, page, true);
    }

    /** Whom {@code accountId} follows, most recent follow first; paged by follow id. */
    public Page<Account> following(long accountId, PageRequest page) {
        return list(accountId, page, false);
    }

    private Page<Account> list(long accountId, PageRequest request, boolean followers) {
        return db.read(c -> {
            if (Accounts.byId(c, accountId).isEmpty()) throw SocialException.notFound();
            List<FollowRows.Edge> rows = followers ? FollowRows.followers(c, accountId, request)
                    : FollowRows.following(c, accountId, request);
            Page<FollowRows.Edge> page = Page.of(request, rows, FollowRows.Edge::followId);
            List<Long> accountIds = page.items().stream().map(FollowRows.Edge::accountId).toList();
            return new Page<>(Accounts.inOrder(c, accountIds), page.nextMaxId(), page.prevMinId());
        });
    }
}
