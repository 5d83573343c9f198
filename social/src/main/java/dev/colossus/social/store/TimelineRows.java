package dev.colossus.social.store;

import dev.colossus.social.PageRequest;
import dev.colossus.social.Visibility;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The post ids of one page of each timeline, in the order {@link Paging} reads them (hand them to
 * {@link dev.colossus.social.Page#of} with the same request). Reblog rows carry their original's visibility, so the
 * visibility bounds cover reblogs too.
 */
public final class TimelineRows {

    private static final int PUBLIC = Visibility.PUBLIC.code();
    private static final int PRIVATE = Visibility.PRIVATE.code();

    private TimelineRows() {
    }

    /** The viewer's own posts and those of whom they follow (followers-only included), reblogs included. */
    public static List<Long> home(Connection c, long viewerId, PageRequest request) throws SQLException {
        return ids(c, "SELECT s.id FROM statuses s WHERE (s.account_id = ? OR s.account_id IN "
                + "(SELECT target_account_id FROM follows WHERE account_id = ?)) AND (s.visibility <= ? OR s.account_id = ?)",
                Paging.on("s.id", request), viewerId, viewerId, PRIVATE, viewerId);
    }

    /** Public posts, no reblogs. */
    public static List<Long> publicPosts(Connection c, PageRequest request) throws SQLException {
        return ids(c, "SELECT s.id FROM statuses s WHERE s.visibility = ? AND s.reblog_of_id IS NULL",
                Paging.on("s.id", request), PUBLIC);
    }

    /** Public posts with the tag. */
    public static List<Long> tagged(Connection c, long tagId, PageRequest request) throws SQLException {
        return ids(c, "SELECT st.status_id FROM status_tags st JOIN statuses s ON s.id = st.status_id "
                + "WHERE st.tag_id = ? AND s.visibility = ?", Paging.on("st.status_id", request), tagId, PUBLIC);
    }

    /**
     * An account's posts up to {@code widest} visibility; without replies to others when {@code excludeReplies},
     * without reblogs when {@code excludeReblogs}.
     */
    public static List<Long> byAccount(Connection c, long accountId, Visibility widest, boolean excludeReplies,
                                       boolean excludeReblogs, PageRequest request) throws SQLException {
        String sql = "SELECT s.id FROM statuses s WHERE s.account_id = ? AND s.visibility <= ?"
                + (excludeReplies ? " AND (s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id)" : "")
                + (excludeReblogs ? " AND s.reblog_of_id IS NULL" : "");
        return ids(c, sql, Paging.on("s.id", request), accountId, widest.code());
    }

    private static List<Long> ids(Connection c, String sql, Paging p, Object... leading) throws SQLException {
        return Sql.longs(c, sql + p.where() + p.orderBy(), p.withLeading(leading));
    }
}
