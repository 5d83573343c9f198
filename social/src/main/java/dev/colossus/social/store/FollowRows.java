package dev.colossus.social.store;

import dev.colossus.social.PageRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code follows} table: who follows whom. Each method runs on the connection of the caller's transaction and
 * leaves the accounts' counters to {@link Accounts#addFollow}.
 */
public final class FollowRows {

    private FollowRows() {
    }

    /** One follow: its id (which orders the lists) and the account at the other end. */
    public record Edge(long followId, long accountId) {
    }

    /** Adds the follow {@code follower -> target} with this id. */
    public static void insert(Connection c, long id, long follower, long target) throws SQLException {
        Sql.update(c, "INSERT INTO follows (id, account_id, target_account_id) VALUES (?, ?, ?)", id, follower, target);
    }

    /** Removes the follow {@code follower -> target}, and the target from the follower's lists; whether there was one. */
    public static boolean delete(Connection c, long follower, long target) throws SQLException {
        boolean deleted = Sql.update(c, "DELETE FROM follows WHERE account_id = ? AND target_account_id = ?", follower, target) > 0;
        if (deleted) ListRows.leaveWithFollow(c, follower, target);
        return deleted;
    }

    public static boolean exists(Connection c, long follower, long target) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM follows WHERE account_id = ? AND target_account_id = ?", follower, target);
    }

    /** Sets whether {@code follower} is notified of {@code target}'s new posts. */
    public static void setNotify(Connection c, long follower, long target, boolean notify) throws SQLException {
        Sql.update(c, "UPDATE follows SET notify = ? WHERE account_id = ? AND target_account_id = ?", notify ? 1 : 0,
                follower, target);
    }

    /** The followers of {@code target} who asked to be notified of its new posts. */
    public static List<Long> notifiedFollowers(Connection c, long target) throws SQLException {
        return Sql.longs(c, "SELECT account_id FROM follows WHERE target_account_id = ? AND notify = 1", target);
    }

    /** Those of {@code accounts} that {@code follower} follows with notifications of their new posts. */
    public static Set<Long> notifyingAmong(Connection c, long follower, Collection<Long> accounts) throws SQLException {
        return Sql.among(c, "SELECT target_account_id FROM follows WHERE notify = 1 AND account_id = ? AND "
                + "target_account_id IN (", follower, accounts);
    }

    /** Those of {@code accounts} that {@code follower} follows. */
    public static Set<Long> followedAmong(Connection c, long follower, Collection<Long> accounts) throws SQLException {
        return among(c, "SELECT target_account_id FROM follows WHERE account_id = ? AND target_account_id IN (",
                follower, accounts);
    }

    /** Those of {@code accounts} that follow {@code target}. */
    public static Set<Long> followersAmong(Connection c, long target, Collection<Long> accounts) throws SQLException {
        return among(c, "SELECT account_id FROM follows WHERE target_account_id = ? AND account_id IN (", target, accounts);
    }

    /** A page of the follows of {@code target} (their followers), most recent follow first. */
    public static List<Edge> followers(Connection c, long target, PageRequest request) throws SQLException {
        return edges(c, "SELECT id, account_id FROM follows WHERE target_account_id = ?", target, request);
    }

    /** A page of the follows by {@code follower} (whom it follows), most recent follow first. */
    public static List<Edge> following(Connection c, long follower, PageRequest request) throws SQLException {
        return edges(c, "SELECT id, target_account_id FROM follows WHERE account_id = ?", follower, request);
    }

    private static Set<Long> among(Connection c, String sql, long account, Collection<Long> accounts) throws SQLException {
        if (accounts.isEmpty()) return Set.of();
        Object[] params = new Object[accounts.size() + 1];
        params[0] = account;
        int i = 1;
        for (Long a : accounts) params[i++] = a;
        return new HashSet<>(Sql.longs(c, sql + Sql.placeholders(accounts.size()) + ")", params));
    }

    private static List<Edge> edges(Connection c, String sql, long account, PageRequest request) throws SQLException {
        Paging paging = Paging.on("id", request);
        List<Edge> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql + paging.where() + paging.orderBy())) {
            Object[] params = paging.withLeading(account);
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new Edge(rs.getLong(1), rs.getLong(2)));
            }
        }
        return rows;
    }
}
