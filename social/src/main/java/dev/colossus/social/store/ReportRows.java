package dev.colossus.social.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The {@code reports} and {@code report_statuses} tables. Each method runs on the caller's connection. */
public final class ReportRows {

    private ReportRows() {
    }

    /** Stores a report by {@code account} of {@code target} and the posts it names. */
    public static void insert(Connection c, long id, long account, long target, String category, String comment,
                              List<Long> postIds, long createdAt) throws SQLException {
        Sql.update(c, "INSERT INTO reports (id, account_id, target_account_id, category, comment, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", id, account, target, category, comment, createdAt);
        for (long post : postIds) {
            Sql.update(c, "INSERT INTO report_statuses (report_id, status_id) VALUES (?, ?)", id, post);
        }
    }

    /** Those of {@code postIds} that are posts by {@code accountId}. */
    public static List<Long> postsBy(Connection c, long accountId, List<Long> postIds) throws SQLException {
        if (postIds.isEmpty()) return List.of();
        Object[] params = new Object[postIds.size() + 1];
        params[0] = accountId;
        for (int i = 0; i < postIds.size(); i++) params[i + 1] = postIds.get(i);
        return Sql.longs(c, "SELECT id FROM statuses WHERE account_id = ? AND id IN (" + Sql.placeholders(postIds.size())
                + ")", params);
    }
}
