package dev.colossus.social.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The {@code status_pins} table: posts their authors pinned to their profiles. Stateless. */
public final class PinRows {

    private PinRows() {
    }

    /** Pins post {@code postId} of {@code accountId} with this id; whether it was not pinned before. */
    public static boolean insert(Connection c, long id, long accountId, long postId) throws SQLException {
        if (Sql.exists(c, "SELECT 1 FROM status_pins WHERE status_id = ?", postId)) return false;
        Sql.update(c, "INSERT INTO status_pins (id, account_id, status_id) VALUES (?, ?, ?)", id, accountId, postId);
        return true;
    }

    /** Unpins the post; whether it was pinned. */
    public static boolean delete(Connection c, long postId) throws SQLException {
        return Sql.update(c, "DELETE FROM status_pins WHERE status_id = ?", postId) > 0;
    }

    /** How many posts {@code accountId} has pinned. */
    public static int count(Connection c, long accountId) throws SQLException {
        return Sql.longs(c, "SELECT COUNT(*) FROM status_pins WHERE account_id = ?", accountId).getFirst().intValue();
    }

    /** Those of {@code postIds} that are pinned. */
    public static Set<Long> among(Connection c, Collection<Long> postIds) throws SQLException {
        if (postIds.isEmpty()) return Set.of();
        return Set.copyOf(Sql.longs(c, "SELECT status_id FROM status_pins WHERE status_id IN ("
                + Sql.placeholders(postIds.size()) + ")", postIds.toArray()));
    }

    /** The posts {@code accountId} pinned, most recently pinned first. */
    public static List<Long> ofAccount(Connection c, long accountId) throws SQLException {
        return Sql.longs(c, "SELECT status_id FROM status_pins WHERE account_id = ? ORDER BY id DESC", accountId);
    }
}
