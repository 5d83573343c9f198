package dev.colossus.social.store;

import dev.colossus.social.Notification;
import dev.colossus.social.PageRequest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code follow_requests} table: follows a locked account has not approved yet. Stateless. */
public final class FollowRequestRows {

    private FollowRequestRows() {
    }

    /**
     * Asks, with this id, for {@code follower} to follow {@code target}; an existing request only takes the new
     * {@code notify} (null: keeps its own; off for a new request). Returns whether the request is new.
     */
    public static boolean insert(Connection c, long id, long follower, long target, Boolean notify) throws SQLException {
        if (notify(c, follower, target).isPresent()) {
            if (notify != null) {
                Sql.update(c, "UPDATE follow_requests SET notify = ? WHERE account_id = ? AND target_account_id = ?",
                        notify ? 1 : 0, follower, target);
            }
            return false;
        }
        Sql.update(c, "INSERT INTO follow_requests (id, account_id, target_account_id, notify) VALUES (?, ?, ?, ?)",
                id, follower, target, Boolean.TRUE.equals(notify) ? 1 : 0);
        return true;
    }

    /** Whether the request asked to be notified of new posts; empty when there is no such request. */
    public static Optional<Boolean> notify(Connection c, long follower, long target) throws SQLException {
        return Sql.longs(c, "SELECT notify FROM follow_requests WHERE account_id = ? AND target_account_id = ?",
                follower, target).stream().findFirst().map(n -> n != 0);
    }

    /** Withdraws, approves or rejects a request; whether there was one. */
    public static boolean delete(Connection c, long follower, long target) throws SQLException {
        return Sql.update(c, "DELETE FROM follow_requests WHERE account_id = ? AND target_account_id = ?", follower, target) > 0;
    }

    /**
     * Removes the request of {@code follower} to follow {@code target} and the {@code follow_request} notification it
     * made (approved, rejected or withdrawn); returns whether there was one and whether it asked to be notified of
     * new posts.
     */
    public static Optional<Boolean> withdraw(Connection c, long follower, long target) throws SQLException {
        Optional<Boolean> notify = notify(c, follower, target);
        if (notify.isPresent()) {
            delete(c, follower, target);
            NotificationRows.deleteCausedBy(c, target, Notification.Type.FOLLOW_REQUEST, follower, null);
        }
        return notify;
    }

    /** A page of the requests to {@code target} (request id, who asks), in {@link Paging}'s order. */
    public static List<Sql.Pair> page(Connection c, long target, PageRequest request) throws SQLException {
        Paging p = Paging.on("id", request);
        return Sql.pairs(c, "SELECT id, account_id FROM follow_requests WHERE target_account_id = ?" + p.where()
                + p.orderBy(), p.withLeading(target));
    }

    /** How many requests wait for {@code target}. */
    public static long count(Connection c, long target) throws SQLException {
        return Sql.longs(c, "SELECT COUNT(*) FROM follow_requests WHERE target_account_id = ?", target).getFirst();
    }

    /** Those of {@code targets} that {@code follower} asked to follow. */
    public static Set<Long> requestedAmong(Connection c, long follower, Collection<Long> targets) throws SQLException {
        return Sql.among(c, "SELECT target_account_id FROM follow_requests WHERE account_id = ? AND target_account_id IN (",
                follower, targets);
    }

    /** Those of {@code targets} that {@code follower} asked to follow with notifications of their new posts. */
    public static Set<Long> notifyingAmong(Connection c, long follower, Collection<Long> targets) throws SQLException {
        return Sql.among(c, "SELECT target_account_id FROM follow_requests WHERE notify = 1 AND account_id = ? AND "
                + "target_account_id IN (", follower, targets);
    }

    /** Those of {@code followers} that asked to follow {@code target}. */
    public static Set<Long> requestersAmong(Connection c, long target, Collection<Long> followers) throws SQLException {
        return Sql.among(c, "SELECT account_id FROM follow_requests WHERE target_account_id = ? AND account_id IN (",
                target, followers);
    }
}
