package dev.colossus.social.store;

import dev.colossus.social.PageRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code mutes} table: who mutes whom, whether their notifications too, and until when. A mute whose
 * {@code expires_at} has passed counts as gone: every read here takes the current time and leaves it out. Each method
 * runs on the connection of the caller's transaction.
 */
public final class MuteRows {

    private static final String ACTIVE = " AND (expires_at IS NULL OR expires_at > ?)";

    private MuteRows() {
    }

    /** One live mute: its id (which orders the list), the muted account, and its settings. */
    public record Row(long muteId, long accountId, boolean notifications, Long expiresAt) {
    }

    /**
     * Mutes {@code target} for {@code account}, replacing the settings of an earlier mute (which keeps its id);
     * {@code expiresAt} null: until unmuted.
     */
    public static void put(Connection c, long id, long account, long target, boolean notifications, Long expiresAt)
            throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE mutes SET notifications = ?, expires_at = ? WHERE account_id = ? AND target_account_id = ?")) {
            bindSettings(ps, notifications, expiresAt);
            ps.setLong(3, account);
            ps.setLong(4, target);
            updated = ps.executeUpdate();
        }
        if (updated > 0) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO mutes (notifications, expires_at, id, account_id, "
                + "target_account_id) VALUES (?, ?, ?, ?, ?)")) {
            bindSettings(ps, notifications, expiresAt);
            ps.setLong(3, id);
            ps.setLong(4, account);
            ps.setLong(5, target);
            ps.executeUpdate();
        }
    }

    private static void bindSettings(PreparedStatement ps, boolean notifications, Long expiresAt) throws SQLException {
        ps.setInt(1, notifications ? 1 : 0);
        if (expiresAt == null) ps.setNull(2, Types.BIGINT);
        else ps.setLong(2, expiresAt);
    }

    /** Removes the mute {@code account -> target} (live or lapsed); whether there was a live one. */
    public static boolean delete(Connection c, long account, long target, long now) throws SQLException {
        boolean live = Sql.exists(c, "SELECT 1 FROM mutes WHERE account_id = ? AND target_account_id = ?" + ACTIVE,
                account, target, now);
        Sql.update(c, "DELETE FROM mutes WHERE account_id = ? AND target_account_id = ?", account, target);
        return live;
    }

    /** The live mutes by {@code account} of any of {@code targets}, by muted account. */
    public static Map<Long, Row> among(Connection c, long account, Collection<Long> targets, long now) throws SQLException {
        Map<Long, Row> out = new HashMap<>();
        if (targets.isEmpty()) return out;
        List<Object> params = new ArrayList<>();
        params.add(account);
        params.add(now);
        params.addAll(targets);
        for (Row r : query(c, "SELECT id, target_account_id, notifications, expires_at FROM mutes WHERE account_id = ?"
                + ACTIVE + " AND target_account_id IN (" + Sql.placeholders(targets.size()) + ")", params.toArray())) {
            out.put(r.accountId(), r);
        }
        return out;
    }

    /** A page of the live mutes by {@code account}, most recent first. */
    public static List<Row> page(Connection c, long account, long now, PageRequest request) throws SQLException {
        Paging paging = Paging.on("id", request);
        return query(c, "SELECT id, target_account_id, notifications, expires_at FROM mutes WHERE account_id = ?"
                + ACTIVE + paging.where() + paging.orderBy(), paging.withLeading(account, now));
    }

    /** Removes every mute by or of {@code account} (inside its deletion). */
    static void deleteAllOf(Connection c, long account) throws SQLException {
        Sql.update(c, "DELETE FROM mutes WHERE account_id = ? OR target_account_id = ?", account, account);
    }

    private static List<Row> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<Row> out = new ArrayList<>();
                while (rs.next()) {
                    long expires = rs.getLong(4);
                    Long expiresAt = rs.wasNull() ? null : expires;
                    out.add(new Row(rs.getLong(1), rs.getLong(2), rs.getInt(3) != 0, expiresAt));
                }
                return out;
            }
        }
    }
}
