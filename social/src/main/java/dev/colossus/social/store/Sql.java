package dev.colossus.social.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Small JDBC helpers shared by the table classes. */
public final class Sql {

    private Sql() {
    }

    /** "?, ?, ?" for n parameters. */
    public static String placeholders(int n) {
        return "?" + ", ?".repeat(Math.max(0, n - 1));
    }

    public static void bindLongs(PreparedStatement ps, int from, Collection<Long> values) throws SQLException {
        int i = from;
        for (Long v : values) ps.setLong(i++, v);
    }

    /** Executes an update with positional parameters; returns the affected row count. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            return ps.executeUpdate();
        }
    }

    /** The first column of every row, as longs. */
    public static List<Long> longs(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<Long> out = new ArrayList<>();
                while (rs.next()) out.add(rs.getLong(1));
                return out;
            }
        }
    }

    /** True when the query returns a row. */
    public static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Two longs of one row: a list entry's own id (its paging cursor) and the id it points at. */
    public record Pair(long id, long target) {
    }

    /** The first two columns of every row, as {@link Pair}s. */
    public static List<Pair> pairs(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<Pair> out = new ArrayList<>();
                while (rs.next()) out.add(new Pair(rs.getLong(1), rs.getLong(2)));
                return out;
            }
        }
    }

    /**
     * The longs {@code sqlUpToIn} (a query ending in {@code "IN ("} whose one parameter before the list is
     * {@code first}) returns for {@code ids}; empty for no ids.
     */
    public static Set<Long> among(Connection c, String sqlUpToIn, long first, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) return Set.of();
        Object[] params = new Object[ids.size() + 1];
        params[0] = first;
        int i = 1;
        for (Long id : ids) params[i++] = id;
        return new HashSet<>(longs(c, sqlUpToIn + placeholders(ids.size()) + ")", params));
    }
}
