package dev.colossus.social.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What goes from the personal tables (bookmarks, pins, conversations, follow requests, preferences) when a post or an
 * account goes, inside the caller's transaction.
 */
public final class PersonalRows {

    private PersonalRows() {
    }

    /** Removes post {@code postId} from bookmarks, pins and its conversation ({@link ConversationRows#forgetPost}). */
    static void deleteForPost(Connection c, long postId) throws SQLException {
        Sql.update(c, "DELETE FROM bookmarks WHERE status_id = ?", postId);
        Sql.update(c, "DELETE FROM status_pins WHERE status_id = ?", postId);
        ConversationRows.forgetPost(c, postId);
    }

    /**
     * Removes everything {@code accountId} kept (bookmarks, pins, its views of conversations, preferences) and the
     * follow requests from and to it. Its posts are deleted separately (each through {@link PostRows#delete}).
     */
    public static void deleteAccount(Connection c, long accountId) throws SQLException {
        Sql.update(c, "DELETE FROM bookmarks WHERE account_id = ?", accountId);
        Sql.update(c, "DELETE FROM status_pins WHERE account_id = ?", accountId);
        Sql.update(c, "DELETE FROM account_conversations WHERE account_id = ?", accountId);
        Sql.update(c, "DELETE FROM account_preferences WHERE account_id = ?", accountId);
        Sql.update(c, "DELETE FROM follow_requests WHERE account_id = ? OR target_account_id = ?", accountId, accountId);
    }
}
