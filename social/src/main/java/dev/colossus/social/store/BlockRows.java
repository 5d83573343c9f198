package dev.colossus.social.store;

import dev.colossus.social.PageRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code blocks} table: who blocks whom. Each method runs on the connection of the caller's transaction. */
public final class BlockRows {

    private BlockRows() {
    }

    /** One block: its id (which orders the list) and the blocked account. */
    public record Row(long blockId, long accountId) {
    }

    /** Adds the block {@code account -> target} with this id. */
    public static void insert(Connection c, long id, long account, long target) throws SQLException {
        Sql.update(c, "INSERT INTO blocks (id, account_id, target_account_id) VALUES (?, ?, ?)", id, account, target);
    }

    /** Removes the block {@code account -> target}; whether there was one. */
    public static boolean delete(Connection c, long account, long target) throws SQLException {
        return Sql.update(c, "DELETE FROM blocks WHERE account_id = ? AND target_account_id = ?", account, target) > 0;
    }

    public static boolean exists(Connection c, long account, long target) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM blocks WHERE account_id = ? AND target_account_id = ?", account, target);
    }

    /** Whether either of the two accounts blocks the other. */
    public static boolean eitherWay(Connection c, long a, long b) throws SQLException {
        return exists(c, a, b) || exists(c, b, a);
    }

    /** Those of {@code accounts} that {@code account} blocks. */
    public static Set<Long> blockedAmong(Connection c, long account, Collection<Long> accounts) throws SQLException {
        return among(c, "SELECT target_account_id FROM blocks WHERE account_id = ? AND target_account_id IN (", account, accounts);
    }

    /** Those of {@code accounts} that block {@code target}. */
    public static Set<Long> blockersAmong(Connection c, long target, Collection<Long> accounts) throws SQLException {
        return among(c, "SELECT account_id FROM blocks WHERE target_account_id = ? AND account_id IN (", target, accounts);
    }

    /** Every account that blocks {@code target}. */
    public static Set<Long> blockersOf(Connection c, long target) throws SQLException {
        return new HashSet<>(Sql.longs(c, "SELECT account_id FROM blocks WHERE target_account_id = ?", target));
    }

    /** A page of the blocks by {@code account}, most recent first. */
    public static List<Row> page(Connection c, long account, PageRequest request) throws SQLException {
        Paging paging = Paging.on("id", request);
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, target_account_id FROM blocks WHERE account_id = ?"
                + paging.where() + paging.orderBy())) {
            Object[] params = paging.withLeading(account);
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new Row(rs.getLong(1), rs.getLong(2)));
            }
        }
        return rows;
    }

    /** Removes every block by or of {@code account} (inside its deletion). */
    static void deleteAllOf(Connection c, long account) throws SQLException {
        Sql.update(c, "DELETE FROM blocks WHERE account_id = ? OR target_account_id = ?", account, account);
    }

    static Set<Long> among(Connection c, String sql, long account, Collection<Long> accounts) throws SQLException {
        if (accounts.isEmpty()) return Set.of();
        Object[] params = new Object[accounts.size() + 1];
        params[0] = account;
        int i = 1;
        for (Long a : accounts) params[i++] = a;
        return new HashSet<>(Sql.longs(c, sql + Sql.placeholders(accounts.size()) + ")", params));
    }
}
