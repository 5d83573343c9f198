package dev.colossus.social.store;

import dev.colossus.social.Visibility;
import dev.colossus.social.trends.Engagement;
import dev.colossus.social.trends.TagUse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what trends count from the store, one time range at a time: hashtag uses of public posts, and favourites and
 * reblogs of public posts. Ranges are taken on the rows' ids (time-ordered snowflakes; imported rows get ids of their
 * own time), so each read is a primary-key range scan. Portable SQL (SQLite and PostgreSQL).
 */
public final class StoreTrendSource {

    private static final int PUBLIC = Visibility.PUBLIC.code();
    private final Database db;

    public StoreTrendSource(Database db) {
        this.db = db;
    }

    /** Tags of public posts made in {@code [fromMs, toMs)}, timed by the post's creation. */
    public List<TagUse> tagUses(long fromMs, long toMs) {
        return db.read(c -> rows(c, "SELECT t.name, s.account_id, s.created_at FROM status_tags st "
                        + "JOIN statuses s ON s.id = st.status_id JOIN tags t ON t.id = st.tag_id "
                        + "WHERE s.id >= ? AND s.id < ? AND s.visibility = ?",
                fromMs, toMs, rs -> new TagUse(rs.getString(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3)))));
    }

    /** Favourites and reblogs of public posts made in {@code [fromMs, toMs)}. */
    public List<Engagement> engagements(long fromMs, long toMs) {
        return db.read(c -> {
            // CROSS JOIN: SQLite then reads the favourites' id range first instead of every public post (PostgreSQL
            // plans it as the inner join it is).
            List<Engagement> out = rows(c, "SELECT f.status_id, f.account_id, f.id FROM favourites f "
                            + "CROSS JOIN statuses s WHERE s.id = f.status_id AND f.id >= ? AND f.id < ? AND s.visibility = ?",
                    fromMs, toMs, rs -> new Engagement(rs.getLong(1), rs.getLong(2),
                            Instant.ofEpochMilli(Snowflakes.millisOf(rs.getLong(3)))));
            // A reblog row carries its original's visibility.
            out.addAll(rows(c, "SELECT reblog_of_id, account_id, created_at FROM statuses "
                            + "WHERE id >= ? AND id < ? AND reblog_of_id IS NOT NULL AND visibility = ?",
                    fromMs, toMs, rs -> new Engagement(rs.getLong(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3)))));
            return out;
        });
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs a query whose parameters are an id range and a visibility code. */
    private static <T> List<T> rows(Connection c, String sql, long fromMs, long toMs, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, Snowflakes.floorOf(fromMs));
            ps.setLong(2, Snowflakes.floorOf(toMs));
            ps.setInt(3, PUBLIC);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(mapper.map(rs));
                return out;
            }
        }
    }
}
