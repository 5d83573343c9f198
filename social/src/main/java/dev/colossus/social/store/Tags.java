package dev.colossus.social.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** SQL for the {@code tags} table (names stored in canonical lower case). */
public final class Tags {

    private Tags() {
    }

    public static Optional<Long> idOf(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tags WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The tag's id, inserting the tag first if it is new (call inside a write transaction). */
    public static long idFor(Connection c, String name, Snowflakes ids) throws SQLException {
        Optional<Long> existing = idOf(c, name);
        if (existing.isPresent()) return existing.get();
        long id = ids.next();
        Sql.update(c, "INSERT INTO tags (id, name, created_at) VALUES (?, ?, ?)", id, name, System.currentTimeMillis());
        return id;
    }
}
