package dev.colossus.social.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * What a viewer's blocks and mutes hide, as SQL conditions for the timeline and notification queries and as a set
 * for filtering loaded lists. Hidden from a viewer are the accounts it blocks, those that block it, and those it
 * mutes (while the mute lasts); a mute hides an account's notifications only when it says so.
 *
 * <p>Each condition compares an account column with one uncorrelated subquery ({@code NOT IN}), which both SQLite and
 * PostgreSQL evaluate once per query as a hashed set, so a timeline page costs a set lookup per row it reads.
 */
public final class Hiding {

    /** The accounts hidden from a viewer; parameters: viewer, viewer, viewer, now. */
    private static final String HIDDEN = "SELECT target_account_id FROM blocks WHERE account_id = ?"
            + " UNION SELECT account_id FROM blocks WHERE target_account_id = ?"
            + " UNION SELECT target_account_id FROM mutes WHERE account_id = ? AND (expires_at IS NULL OR expires_at > ?)";
    /** The accounts whose notifications a viewer does not get; parameters as {@link #HIDDEN}'s. */
    private static final String SILENCED = "SELECT target_account_id FROM blocks WHERE account_id = ?"
            + " UNION SELECT account_id FROM blocks WHERE target_account_id = ?"
            + " UNION SELECT target_account_id FROM mutes WHERE account_id = ? AND notifications = 1"
            + " AND (expires_at IS NULL OR expires_at > ?)";

    private Hiding() {
    }

    /**
     * " AND ..." leaving out posts by hidden accounts and reblogs of their posts, on the posts table aliased
     * {@code s}; bind {@link #postParams} after the parameters before it.
     */
    public static String posts() {
        return " AND s.account_id NOT IN (" + HIDDEN + ")" + reblogs();
    }

    /** The parameters of {@link #posts()}. */
    public static Object[] postParams(long viewer, long now) {
        return new Object[]{viewer, viewer, viewer, now, viewer, viewer, viewer, now};
    }

    /**
     * The accounts hidden from a viewer, as a subquery for {@code NOT IN (...)} (a home timeline leaves them out of
     * the followed accounts, once per follow rather than once per post); bind {@link #params}.
     */
    public static String accounts() {
        return HIDDEN;
    }

    /**
     * " AND ..." leaving out reblogs of hidden accounts' posts, on the posts table aliased {@code s}; bind
     * {@link #params}.
     */
    public static String reblogs() {
        return " AND (s.reblog_of_id IS NULL OR (SELECT r.account_id FROM statuses r WHERE r.id = s.reblog_of_id)"
                + " NOT IN (" + HIDDEN + "))";
    }

    /** " AND ..." leaving out notifications from accounts whose notifications the viewer does not get. */
    static String notifications() {
        return " AND from_account_id NOT IN (" + SILENCED + ")";
    }

    /** The parameters of {@link #notifications()}, {@link #accounts()} and {@link #reblogs()}. */
    public static Object[] params(long viewer, long now) {
        return new Object[]{viewer, viewer, viewer, now};
    }

    /** The accounts hidden from {@code viewer} at {@code now}. */
    public static Set<Long> hiddenFrom(Connection c, long viewer, long now) throws SQLException {
        return new HashSet<>(Sql.longs(c, HIDDEN, params(viewer, now)));
    }

    /** Whether {@code viewer} gets no notifications from {@code from} at {@code now}. */
    public static boolean silenced(Connection c, long viewer, long from, long now) throws SQLException {
        return BlockRows.eitherWay(c, viewer, from) || Sql.exists(c, "SELECT 1 FROM mutes WHERE account_id = ?"
                + " AND target_account_id = ? AND notifications = 1 AND (expires_at IS NULL OR expires_at > ?)", viewer, from, now);
    }
}
