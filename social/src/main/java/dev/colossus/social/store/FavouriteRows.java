package dev.colossus.social.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The {@code favourites} table: which account liked which post. Each method runs on the connection of the caller's
 * transaction and leaves the post's counter to {@link PostRows#addCounter}.
 */
public final class FavouriteRows {

    private FavouriteRows() {
    }

    public static boolean exists(Connection c, long accountId, long postId) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM favourites WHERE account_id = ? AND status_id = ?", accountId, postId);
    }

    public static void insert(Connection c, long id, long accountId, long postId) throws SQLException {
        Sql.update(c, "INSERT INTO favourites (id, account_id, status_id) VALUES (?, ?, ?)", id, accountId, postId);
    }

    /** Removes the like; whether there was one. */
    public static boolean delete(Connection c, long accountId, long postId) throws SQLException {
        return Sql.update(c, "DELETE FROM favourites WHERE account_id = ? AND status_id = ?", accountId, postId) > 0;
    }
}
