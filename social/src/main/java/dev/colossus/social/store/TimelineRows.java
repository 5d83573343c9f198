package dev.colossus.social.store;

import dev.colossus.social.PageRequest;
import dev.colossus.social.Visibility;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
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
     *
     * <p>A page older than a start ({@code max_id} or now) first checks the {@value #SCAN} newest posts below it one
     * by one, which fills it when the followed accounts post often enough; otherwise it reads the followed accounts'
     * posts through their index in widening windows of ids ({@link #inWindows}).
     */
    public static List<Long> home(Connection c, long viewerId, long now, PageRequest request) throws SQLException {
        Object[] hidden = Hiding.params(viewerId, now);
        Object[] followed = with(with(new Object[]{viewerId, viewerId}, hidden), new Object[]{viewerId});
        Object[] params = with(followed, with(new Object[]{PRIVATE, viewerId}, hidden));
        if (request.minId() == null) {
            long lowest = lowest(request);
            List<Long> edge = Sql.longs(c, "SELECT id FROM statuses WHERE id >= ? AND id < ? ORDER BY id DESC LIMIT 1 OFFSET "
                    + (SCAN - 1), lowest, highest(request));
            long bottom = edge.isEmpty() ? lowest : edge.getFirst();
            // The unary + keeps the database off the (account, id) index: it walks the ids down from the start and
            // stops at a full page.
            List<Long> newest = Sql.longs(c, "SELECT s.id FROM statuses s" + homeWhere("+s.account_id")
                    + " AND s.id >= ? AND s.id < ? ORDER BY s.id DESC LIMIT " + request.limit(),
                    with(params, new Object[]{bottom, highest(request)}));
            if (newest.size() == request.limit() || edge.isEmpty()) return newest;
        }
        return inWindows(c, "SELECT s.id FROM statuses s" + homeWhere("s.account_id"), params, request, now);
    }

    /**
     * A home timeline's conditions on the posts aliased {@code s}, naming their author {@code account}: the followed
     * accounts leave out those hidden from the viewer and the members of its exclusive lists.
     */
    private static String homeWhere(String account) {
        return " WHERE (" + account + " = ? OR " + account + " IN "
                + "(SELECT target_account_id FROM follows WHERE account_id = ? AND target_account_id NOT IN ("
                + Hiding.accounts() + ") AND target_account_id NOT IN (" + EXCLUSIVE_MEMBERS + ")))"
                + " AND (s.visibility <= ? OR " + account + " = ?)" + Hiding.reblogs();
    }

    /** The members of a viewer's exclusive lists, whose posts its home leaves to those lists; parameter: viewer. */
    private static final String EXCLUSIVE_MEMBERS = "SELECT la.account_id FROM list_accounts la JOIN lists l"
            + " ON l.id = la.list_id WHERE l.account_id = ? AND l.exclusive = 1";

    /** How many of the newest posts below its start a home page checks one by one before it turns to the index. */
    private static final int SCAN = 2_000;
    /** The ids of the first window a home page reads: an hour of posts. */
    private static final long FIRST_SPAN = Snowflakes.floorOf(3_600_000L);
    /** How much wider each further window is than the one before. */
    private static final int GROWTH = 16;

    /**
     * The page {@code sql} (selecting {@code s.id}; {@code leading} binds its parameters) gives, read in windows of
     * ids that widen from the page's start (now, {@code max_id} or {@code min_id}) until the page is full or the
     * request's bounds are reached. The database reads a followed account's posts in a window from its index on
     * (account, id), so a page costs the posts of the followed accounts in the windows it reads, where one query
     * over all ids would read and sort every post they ever wrote.
     */
    private static List<Long> inWindows(Connection c, String sql, Object[] leading, PageRequest request, long now)
            throws SQLException {
        long lowest = lowest(request);
        long highest = highest(request);
        List<Long> out = new ArrayList<>();
        long span = FIRST_SPAN;
        if (request.minId() != null) {
            for (long bottom = lowest; out.size() < request.limit() && bottom < highest; span = widen(span)) {
                long top = bottom > Long.MAX_VALUE - span ? highest : Math.min(highest, bottom + span);
                out.addAll(window(c, sql, leading, bottom, top, true, request.limit() - out.size()));
                bottom = top;
            }
        } else {
            long start = request.maxId() == null ? Snowflakes.floorOf(now) : highest;
            for (long top = highest; out.size() < request.limit() && top > lowest; span = widen(span)) {
                long bottom = start < Long.MIN_VALUE + span ? lowest : Math.max(lowest, start - span);
                out.addAll(window(c, sql, leading, bottom, top, false, request.limit() - out.size()));
                top = start = bottom;
            }
        }
        return out;
    }

    private static List<Long> window(Connection c, String sql, Object[] leading, long bottom, long top,
                                     boolean ascending, int limit) throws SQLException {
        return Sql.longs(c, sql + " AND s.id >= ? AND s.id < ? ORDER BY s.id " + (ascending ? "ASC" : "DESC")
                + " LIMIT " + limit, with(leading, new Object[]{bottom, top}));
    }

    /** The lowest id a request allows. */
    private static long lowest(PageRequest request) {
        return Math.max(after(request.sinceId()), after(request.minId()));
    }

    /** Above the highest id a request allows. */
    private static long highest(PageRequest request) {
        return request.maxId() == null ? Long.MAX_VALUE : request.maxId();
    }

    /** The smallest id after {@code id} (all ids when null). */
    private static long after(Long id) {
        return id == null ? Long.MIN_VALUE : id == Long.MAX_VALUE ? Long.MAX_VALUE : id + 1;
    }

    private static long widen(long span) {
        return span > Long.MAX_VALUE / GROWTH ? Long.MAX_VALUE : span * GROWTH;
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
