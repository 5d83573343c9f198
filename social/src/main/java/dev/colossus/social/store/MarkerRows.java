package dev.colossus.social.store;

import dev.colossus.social.Marker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The {@code markers} table: one row per account and timeline. */
public final class MarkerRows {

    private MarkerRows() {
    }

    public static Optional<Marker> get(Connection c, long accountId, String timeline) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_read_id, version, updated_at FROM markers WHERE account_id = ? AND timeline = ?")) {
            ps.setLong(1, accountId);
            ps.setString(2, timeline);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Marker(timeline, rs.getLong(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3))));
            }
        }
    }

    /** Sets the marker, raising its version (1 for a new one); returns it as stored. */
    public static Marker set(Connection c, long accountId, String timeline, long lastReadId, long now) throws SQLException {
        Optional<Marker> before = get(c, accountId, timeline);
        if (before.isPresent()) {
            Sql.update(c, "UPDATE markers SET last_read_id = ?, version = version + 1, updated_at = ?"
                    + " WHERE account_id = ? AND timeline = ?", lastReadId, now, accountId, timeline);
        } else {
            Sql.update(c, "INSERT INTO markers (account_id, timeline, last_read_id, version, updated_at)"
                    + " VALUES (?, ?, ?, 1, ?)", accountId, timeline, lastReadId, now);
        }
        return get(c, accountId, timeline).orElseThrow();
    }
}
