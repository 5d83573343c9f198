package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Relationship;
import dev.colossus.social.SocialException;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.Paging;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.store.Sql;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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

    public FollowService(Database db, Snowflakes ids, EventBus bus) {
        this.db = db;
        this.ids = ids;
        this.bus = bus;
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
            if (isFollowing(c, actor, target)) return null;
            long id = ids.next();
            Sql.update(c, "INSERT INTO follows (id, account_id, target_account_id) VALUES (?, ?, ?)", id, actor, target);
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
            if (Sql.update(c, "DELETE FROM follows WHERE account_id = ? AND target_account_id = ?", actor, target) > 0) {
                Accounts.addFollow(c, actor, target, -1);
            }
            return null;
        });
        return relationship(actor, target);
    }

    public boolean isFollowing(long follower, long target) {
        return db.read(c -> isFollowing(c, follower, target));
    }

    static boolean isFollowing(Connection c, long follower, long target) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM follows WHERE account_id = ? AND target_account_id = ?", follower, target);
    }

    /** Relationships of the viewer to each id that exists, in the given order. */
    public List<Relationship> relationships(long viewer, List<Long> targets) {
        if (targets.isEmpty()) return List.of();
        return db.read(c -> {
            Map<Long, Account> existing = Accounts.byIds(c, targets);
            Set<Long> following = new HashSet<>(Sql.longs(c, "SELECT target_account_id FROM follows WHERE account_id = ?"
                    + " AND target_account_id IN (" + Sql.placeholders(targets.size()) + ")", prepend(viewer, targets)));
            Set<Long> followedBy = new HashSet<>(Sql.longs(c, "SELECT account_id FROM follows WHERE target_account_id = ?"
                    + " AND account_id IN (" + Sql.placeholders(targets.size()) + ")", prepend(viewer, targets)));
            List<Relationship> out = new ArrayList<>();
            for (Long t : targets) {
                if (existing.containsKey(t)) out.add(new Relationship(t, following.contains(t), followedBy.contains(t)));
            }
            return out;
        });
    }

    private Relationship relationship(long viewer, long target) {
        return relationships(viewer, List.of(target)).getFirst();
    }

    /** Who follows {@code accountId}, most recent follow first; paged by follow id. */
    public Page<Account> followers(long accountId, PageRequest page) {
        return list("SELECT id, account_id FROM follows WHERE target_account_id = ?", accountId, page);
    }

    /** Whom {@code accountId} follows, most recent follow first; paged by follow id. */
    public Page<Account> following(long accountId, PageRequest page) {
        return list("SELECT id, target_account_id FROM follows WHERE account_id = ?", accountId, page);
    }

    private Page<Account> list(String sql, long accountId, PageRequest request) {
        Paging paging = Paging.on("id", request);
        return db.read(c -> {
            if (Accounts.byId(c, accountId).isEmpty()) throw SocialException.notFound();
            List<long[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql + paging.where() + paging.orderBy())) {
                Object[] params = paging.withLeading(accountId);
                for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows.add(new long[]{rs.getLong(1), rs.getLong(2)});
                }
            }
            Page<long[]> page = paging.page(rows, r -> r[0]);
            List<Long> accountIds = page.items().stream().map(r -> r[1]).toList();
            return new Page<>(Accounts.inOrder(c, accountIds), page.nextMaxId(), page.prevMinId());
        });
    }

    private static Object[] prepend(long first, List<Long> rest) {
        Object[] out = new Object[rest.size() + 1];
        out[0] = first;
        for (int i = 0; i < rest.size(); i++) out[i + 1] = rest.get(i);
        return out;
    }
}
