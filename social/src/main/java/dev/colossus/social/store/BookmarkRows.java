package dev.colossus.social.store;

import dev.colossus.social.PageRequest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The {@code bookmarks} table: posts an account kept for later. Stateless; runs on the caller's connection. */
public final class BookmarkRows {

    private BookmarkRows() {
    }

    /** Bookmarks post {@code postId} for {@code accountId} with this id; whether it was not bookmarked before. */
    public static boolean insert(Connection c, long id, long accountId, long postId) throws SQLException {
        if (Sql.exists(c, "SELECT 1 FROM bookmarks WHERE account_id = ? AND status_id = ?", accountId, postId)) return false;
        Sql.update(c, "INSERT INTO bookmarks (id, account_id, status_id) VALUES (?, ?, ?)", id, accountId, postId);
        return true;
    }

    /** Removes the bookmark; whether there was one. */
    public static boolean delete(Connection c, long accountId, long postId) throws SQLException {
        return Sql.update(c, "DELETE FROM bookmarks WHERE account_id = ? AND status_id = ?", accountId, postId) > 0;
    }

    /** Those of {@code postIds} that {@code accountId} bookmarked. */
    public static Set<Long> among(Connection c, long accountId, Collection<Long> postIds) throws SQLException {
        return Sql.among(c, "SELECT status_id FROM bookmarks WHERE account_id = ? AND status_id IN (", accountId, postIds);
    }

    /** A page of {@code accountId}'s bookmarks, in {@link Paging}'s order by bookmark id. */
    public static List<Sql.Pair> page(Connection c, long accountId, PageRequest request) throws SQLException {
        Paging p = Paging.on("id", request);
        return Sql.pairs(c, "SELECT id, status_id FROM bookmarks WHERE account_id = ?" + p.where() + p.orderBy(),
                p.withLeading(accountId));
    }
}
