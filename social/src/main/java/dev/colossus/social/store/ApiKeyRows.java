package dev.colossus.social.store;

import dev.colossus.social.ApiKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code api_keys} and {@code api_usage} tables (migration V8). */
public final class ApiKeyRows {

    private static final String COLUMNS = "id, account_id, name, key_hint, created_at, last_used_at";

    private ApiKeyRows() {
    }

    public static void insert(Connection c, ApiKey key, String keyHash) throws SQLException {
        Sql.update(c, "INSERT INTO api_keys (id, account_id, name, key_hash, key_hint, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                key.id(), key.accountId(), key.name(), keyHash, key.hint(), key.createdAt().toEpochMilli());
    }

    /** How many keys of the account work (are not revoked). */
    public static int countActive(Connection c, long accountId) throws SQLException {
        return Sql.longs(c, "SELECT COUNT(*) FROM api_keys WHERE account_id = ? AND revoked_at IS NULL", accountId)
                .getFirst().intValue();
    }

    /** The account's working keys, newest first. */
    public static List<ApiKey> active(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM api_keys WHERE account_id = ? AND revoked_at IS NULL ORDER BY id DESC")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                List<ApiKey> out = new ArrayList<>();
                while (rs.next()) out.add(key(rs));
                return out;
            }
        }
    }

    /** The working key with this digest. */
    public static Optional<ApiKey> byHash(Connection c, String keyHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")) {
            ps.setString(1, keyHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(key(rs)) : Optional.empty();
            }
        }
    }

    /** Revokes the account's working key {@code id}; false when it has none by that id. */
    public static boolean revoke(Connection c, long accountId, long id, long now) throws SQLException {
        return Sql.update(c, "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL",
                now, id, accountId) == 1;
    }

    public static void touch(Connection c, long id, long now) throws SQLException {
        Sql.update(c, "UPDATE api_keys SET last_used_at = ? WHERE id = ?", now, id);
    }

    /** Tokens the subject spent on {@code day} (days since the epoch, UTC). */
    public static long tokens(Connection c, String subject, long day) throws SQLException {
        List<Long> rows = Sql.longs(c, "SELECT tokens FROM api_usage WHERE subject = ? AND day = ?", subject, day);
        return rows.isEmpty() ? 0 : rows.getFirst();
    }

    /** Adds tokens to the subject's count for {@code day}. */
    public static void addTokens(Connection c, String subject, long day, long tokens) throws SQLException {
        Sql.update(c, "INSERT INTO api_usage (subject, day, tokens) VALUES (?, ?, ?) ON CONFLICT (subject, day) "
                + "DO UPDATE SET tokens = api_usage.tokens + excluded.tokens", subject, day, tokens);
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        long lastUsed = rs.getLong(6);
        return new ApiKey(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), rs.wasNull() ? null : Instant.ofEpochMilli(lastUsed));
    }
}
