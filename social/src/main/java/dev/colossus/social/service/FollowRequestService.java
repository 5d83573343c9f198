package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Relationship;
import dev.colossus.social.SocialException;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.FollowRequestRows;
import dev.colossus.social.store.FollowRows;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.store.Sql;

import java.util.List;

/**
 * Locked accounts and the follow requests they approve or reject. A request is made by
 * {@link FollowService#follow} when the target is locked; until it is approved the asker is no follower (sees no
 * followers-only posts). Approving makes the follow (keeping whether the asker wanted {@code status} notifications)
 * and, as Mastodon, notifies nobody; approving, rejecting or withdrawing removes the {@code follow_request}
 * notification. Thread-safe.
 */
public final class FollowRequestService {

    private final Database db;
    private final Snowflakes ids;
    private final FollowService follows;

    public FollowRequestService(Database db, Snowflakes ids, FollowService follows) {
        this.db = db;
        this.ids = ids;
        this.follows = follows;
    }

    /**
     * Locks or unlocks {@code accountId} (what {@code update_credentials} sets as {@code locked}). Unlocking leaves
     * waiting requests waiting, as Mastodon does, until they are approved or rejected.
     *
     * @throws SocialException.NotFound for an unknown account
     */
    public void setLocked(long accountId, boolean locked) {
        db.write(c -> {
            if (Accounts.byId(c, accountId).isEmpty()) throw SocialException.notFound();
            Accounts.setLocked(c, accountId, locked);
            return null;
        });
    }

    /** Who asked to follow {@code accountId}, most recent request first; paged by request id. */
    public Page<Account> list(long accountId, PageRequest request) {
        return db.read(c -> {
            Page<Sql.Pair> page = Page.of(request, FollowRequestRows.page(c, accountId, request), Sql.Pair::id);
            List<Long> askers = page.items().stream().map(Sql.Pair::target).toList();
            return new Page<>(Accounts.inOrder(c, askers), page.nextMaxId(), page.prevMinId());
        });
    }

    /** How many requests wait for {@code accountId} (the credential account's {@code follow_requests_count}). */
    public long count(long accountId) {
        return db.read(c -> FollowRequestRows.count(c, accountId));
    }

    /**
     * {@code accountId} approves {@code askerId}'s request: the asker now follows it. Returns {@code accountId}'s
     * relationship to the asker ({@code followed_by}).
     *
     * @throws SocialException.NotFound when there is no such request
     */
    public Relationship authorize(long accountId, long askerId) {
        db.write(c -> {
            boolean notify = FollowRequestRows.withdraw(c, askerId, accountId).orElseThrow(SocialException::notFound);
            if (!FollowRows.exists(c, askerId, accountId)) {
                FollowRows.insert(c, ids.next(), askerId, accountId);
                if (notify) FollowRows.setNotify(c, askerId, accountId, true);
                Accounts.addFollow(c, askerId, accountId, 1);
            }
            return null;
        });
        return follows.relationship(accountId, askerId);
    }

    /**
     * {@code accountId} rejects {@code askerId}'s request. Returns {@code accountId}'s relationship to the asker.
     *
     * @throws SocialException.NotFound when there is no such request
     */
    public Relationship reject(long accountId, long askerId) {
        db.write(c -> FollowRequestRows.withdraw(c, askerId, accountId).orElseThrow(SocialException::notFound));
        return follows.relationship(accountId, askerId);
    }
}
