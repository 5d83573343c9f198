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
import dev.colossus.social.store.FollowRequestRows;
import dev.colossus.social.store.FollowRows;
import dev.colossus.social.store.MuteRows;
import dev.colossus.social.store.NotificationRows;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows and the lists they make: a follow of an unlocked account takes effect at once and is published on the bus
 * ({@link SocialEvent.AccountFollowed}); one of a locked account waits as a request ({@link FollowRequestService}).
 * Thread-safe.
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

    /** As {@link #follow(long, long, Boolean)} keeping whether {@code actor} is notified of new posts. */
    public Relationship follow(long actor, long target) {
        return follow(actor, target, null);
    }

    /**
     * Makes {@code actor} follow {@code target} (idempotent); when {@code target} is locked, asks to instead
     * ({@link SocialEvent.FollowRequested} for a new request) and the follow begins when the target approves
     * ({@link FollowRequestService#authorize}).
     *
     * @param notify whether {@code actor} is notified of {@code target}'s new posts ({@code status} notifications);
     *               null keeps what an existing follow or request has (off for a new one)
     * @throws SocialException.NotFound  for an unknown target
     * @throws SocialException.Forbidden when following oneself, or when either account blocks the other
     */
    public Relationship follow(long actor, long target, Boolean notify) {
        if (actor == target) throw new SocialException.Forbidden("This action is not allowed");
        SocialEvent event = db.write(c -> {
            Account account = Accounts.byId(c, target).orElseThrow(SocialException::notFound);
            if (BlockRows.eitherWay(c, actor, target)) throw new SocialException.Forbidden("This action is not allowed");
            if (FollowRows.exists(c, actor, target)) {
                if (notify != null) FollowRows.setNotify(c, actor, target, notify);
                return null;
            }
            long id = ids.next();
            Instant at = Instant.ofEpochMilli(Snowflakes.millisOf(id));
            if (account.locked()) {
                return FollowRequestRows.insert(c, id, actor, target, notify)
                        ? new SocialEvent.FollowRequested(actor, target, at) : null;
            }
            FollowRows.insert(c, id, actor, target);
            if (Boolean.TRUE.equals(notify)) FollowRows.setNotify(c, actor, target, true);
            Accounts.addFollow(c, actor, target, 1);
            return new SocialEvent.AccountFollowed(actor, target, at);
        });
        if (event != null) bus.publish(event);
        return relationship(actor, target);
    }

    /**
     * Stops following, or withdraws a request to follow (idempotent).
     *
     * @throws SocialException.NotFound for an unknown target
     */
    public Relationship unfollow(long actor, long target) {
        db.write(c -> {
            if (Accounts.byId(c, target).isEmpty()) throw SocialException.notFound();
            if (FollowRows.delete(c, actor, target)) {
                Accounts.addFollow(c, actor, target, -1);
                NotificationRows.deleteCausedBy(c, target, Notification.Type.FOLLOW, actor, null);
            }
            FollowRequestRows.withdraw(c, actor, target);
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
            Set<Long> requested = FollowRequestRows.requestedAmong(c, viewer, targets);
            Set<Long> requestedBy = FollowRequestRows.requestersAmong(c, viewer, targets);
            Set<Long> notifying = new HashSet<>(FollowRows.notifyingAmong(c, viewer, targets));
            notifying.addAll(FollowRequestRows.notifyingAmong(c, viewer, targets));
            List<Relationship> out = new ArrayList<>();
            for (Long t : targets) {
                if (!existing.containsKey(t)) continue;
                MuteRows.Row mute = muting.get(t);
                out.add(new Relationship(t, following.contains(t), followedBy.contains(t), blocking.contains(t),
                        blockedBy.contains(t), mute != null, mute != null && mute.notifications(),
                        requested.contains(t), requestedBy.contains(t), notifying.contains(t)));
            }
            return out;
        });
    }

    /** The viewer's relationship to one account. @throws SocialException.NotFound for an unknown account */
    public Relationship relationship(long viewer, long target) {
        return relationships(viewer, List.of(target)).stream().findFirst().orElseThrow(SocialException::notFound);
    }

    /**
     * Whom {@code viewer} might follow: up to {@code limit} accounts that have posted, the most recently active first,
     * never the viewer itself, an account it already follows, nor one it blocks, mutes or is blocked by.
     *
     * @throws IllegalArgumentException when {@code limit} is under 1
     */
    public List<Account> suggestions(long viewer, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1: " + limit);
        return db.read(c -> Accounts.suggestedTo(c, viewer, clock.millis(), limit));
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
