package dev.colossus.social.store;

import dev.colossus.social.Notification;
import dev.colossus.social.PageRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The {@code notifications} table. A post's rows go with it ({@link PostRows#delete}). */
public final class NotificationRows {

    private static final String COLUMNS = "id, type, created_at, from_account_id, status_id";

    private NotificationRows() {
    }

    /**
     * One stored notification; {@code postId} is the mentioning post, the reblog (not its original) or the
     * favourited post, null for a follow.
     */
    public record Row(long id, Notification.Type type, long createdAt, long fromAccountId, Long postId) {
    }

    /**
     * Stores a notification for {@code accountId}, unless {@code postId} names a post that is gone (deleted while
     * its notification was on its way) or {@code accountId} takes no notifications from the sender (a block either
     * way, or a mute of the sender's notifications at the notification's time; see {@link Hiding}). Returns whether it
     * was stored.
     */
    public static boolean insert(Connection c, long accountId, Row row) throws SQLException {
        if (row.postId() != null && !Sql.exists(c, "SELECT 1 FROM statuses WHERE id = ?", row.postId())) return false;
        if (Hiding.silenced(c, accountId, row.fromAccountId(), row.createdAt())) return false;
        Sql.update(c, "INSERT INTO notifications (id, account_id, from_account_id, type, status_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", row.id(), accountId, row.fromAccountId(), row.type().apiName(),
                row.postId(), row.createdAt());
        return true;
    }

    /**
     * A page of {@code accountId}'s notifications of the given types (none: an empty page), optionally only those
     * {@code fromAccountId} caused, in {@code request}'s order (see {@link Paging}); those from accounts whose
     * notifications {@code accountId} does not take at {@code now} (see {@link Hiding}) are left out.
     */
    public static List<Row> page(Connection c, long accountId, Collection<Notification.Type> types, Long fromAccountId,
                                 long now, PageRequest request) throws SQLException {
        if (types.isEmpty()) return List.of();
        List<Object> leading = new ArrayList<>();
        String where = where(accountId, types, fromAccountId, now, leading);
        Paging paging = Paging.on("id", request);
        return query(c, "SELECT " + COLUMNS + " FROM notifications" + where + paging.where() + paging.orderBy(),
                paging.withLeading(leading.toArray()));
    }

    /**
     * How many of the notifications {@link #page} would list (same types, sender and hiding) are newer than
     * {@code afterId}, counting at most {@code limit}.
     */
    public static int countAfter(Connection c, long accountId, Collection<Notification.Type> types, Long fromAccountId,
                                 long now, long afterId, int limit) throws SQLException {
        if (types.isEmpty()) return 0;
        List<Object> params = new ArrayList<>();
        String where = where(accountId, types, fromAccountId, now, params);
        params.add(afterId);
        params.add(limit);
        return Sql.longs(c, "SELECT id FROM notifications" + where + " AND id > ? ORDER BY id DESC LIMIT ?",
                params.toArray()).size();
    }

    /** The WHERE clause shared by {@link #page} and {@link #countAfter}; its parameters are added to {@code params}. */
    private static String where(long accountId, Collection<Notification.Type> types, Long fromAccountId, long now,
                                List<Object> params) {
        params.add(accountId);
        StringBuilder sql = new StringBuilder(" WHERE account_id = ?");
        sql.append(" AND type IN (").append(Sql.placeholders(types.size())).append(")");
        for (Notification.Type t : types) params.add(t.apiName());
        if (fromAccountId != null) {
            sql.append(" AND from_account_id = ?");
            params.add(fromAccountId);
        }
        sql.append(Hiding.notifications());
        params.addAll(List.of(Hiding.params(accountId, now)));
        return sql.toString();
    }

    /** {@code accountId}'s notification {@code id}, if it has one. */
    public static Optional<Row> byId(Connection c, long accountId, long id) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM notifications WHERE account_id = ? AND id = ?", accountId, id)
                .stream().findFirst();
    }

    /** Removes {@code accountId}'s notification {@code id}; returns whether there was one. */
    public static boolean delete(Connection c, long accountId, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM notifications WHERE account_id = ? AND id = ?", accountId, id) > 0;
    }

    /** Removes every notification of {@code accountId}. */
    public static void clear(Connection c, long accountId) throws SQLException {
        Sql.update(c, "DELETE FROM notifications WHERE account_id = ?", accountId);
    }

    /**
     * Removes the {@code type} notification of {@code accountId} that {@code fromAccountId}'s action about
     * {@code postId} (null: about no post, a follow) made, inside the transaction that undoes the action.
     */
    public static void deleteCausedBy(Connection c, long accountId, Notification.Type type, long fromAccountId,
                                      Long postId) throws SQLException {
        String sql = "DELETE FROM notifications WHERE account_id = ? AND type = ? AND from_account_id = ? AND ";
        if (postId == null) {
            Sql.update(c, sql + "status_id IS NULL", accountId, type.apiName(), fromAccountId);
        } else {
            Sql.update(c, sql + "status_id = ?", accountId, type.apiName(), fromAccountId, postId);
        }
    }

    /** Removes the notifications either of two accounts had from the other (inside a block). */
    public static void deleteBetween(Connection c, long a, long b) throws SQLException {
        Sql.update(c, "DELETE FROM notifications WHERE (account_id = ? AND from_account_id = ?)"
                + " OR (account_id = ? AND from_account_id = ?)", a, b, b, a);
    }

    /** Removes the notifications about post {@code postId} (inside the post's own deletion). */
    static void deleteForPost(Connection c, long postId) throws SQLException {
        Sql.update(c, "DELETE FROM notifications WHERE status_id = ?", postId);
    }

    private static List<Row> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<Row> out = new ArrayList<>();
                while (rs.next()) {
                    long post = rs.getLong(5);
                    Long postId = rs.wasNull() ? null : post;
                    out.add(new Row(rs.getLong(1), Notification.Type.fromApiName(rs.getString(2)).orElseThrow(),
                            rs.getLong(3), rs.getLong(4), postId));
                }
                return out;
            }
        }
    }
}
