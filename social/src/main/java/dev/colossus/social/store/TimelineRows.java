package dev.colossus.social.store;

import dev.colossus.social.PageRequest;
import dev.colossus.social.Visibility;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
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

    /**
     * The viewer's own posts and those of whom they follow (followers-only included), reblogs included; without
     * what the viewer's blocks and mutes hide at {@code now} ({@link Hiding}).
     */
    public static List<Long> home(Connection c, long viewerId, long now, PageRequest request) throws SQLException {
        Object[] hidden = Hiding.params(viewerId, now);
        return ids(c, "SELECT s.id FROM statuses s WHERE (s.account_id = ? OR s.account_id IN "
                + "(SELECT target_account_id FROM follows WHERE account_id = ? AND target_account_id NOT IN ("
                + Hiding.accounts() + "))) AND (s.visibility <= ? OR s.account_id = ?)" + Hiding.reblogs(),
                Paging.on("s.id", request), with(with(new Object[]{viewerId, viewerId}, hidden),
                        with(new Object[]{PRIVATE, viewerId}, hidden)));
    }

    /** Public posts, no reblogs; with a viewer (nullable), without what its blocks and mutes hide at {@code now}. */
    public static List<Long> publicPosts(Connection c, Long viewerId, long now, PageRequest request) throws SQLException {
        return ids(c, "SELECT s.id FROM statuses s WHERE s.visibility = ? AND s.reblog_of_id IS NULL"
                + hiding(viewerId), Paging.on("s.id", request), with(new Object[]{PUBLIC}, hidingParams(viewerId, now)));
    }

    /** Public posts with the tag; with a viewer (nullable), without what its blocks and mutes hide at {@code now}. */
    public static List<Long> tagged(Connection c, long tagId, Long viewerId, long now, PageRequest request)
            throws SQLException {
        return ids(c, "SELECT st.status_id FROM status_tags st JOIN statuses s ON s.id = st.status_id "
                + "WHERE st.tag_id = ? AND s.visibility = ?" + hiding(viewerId), Paging.on("st.status_id", request),
                with(new Object[]{tagId, PUBLIC}, hidingParams(viewerId, now)));
    }

    private static String hiding(Long viewerId) {
        return viewerId == null ? "" : Hiding.posts();
    }

    private static Object[] hidingParams(Long viewerId, long now) {
        return viewerId == null ? new Object[0] : Hiding.postParams(viewerId, now);
    }

    private static Object[] with(Object[] first, Object[] then) {
        Object[] out = Arrays.copyOf(first, first.length + then.length);
        System.arraycopy(then, 0, out, first.length, then.length);
        return out;
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
