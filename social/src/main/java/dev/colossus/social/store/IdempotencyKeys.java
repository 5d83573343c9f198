package dev.colossus.social.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@code idempotency_keys} table: which post an account's {@code Idempotency-Key} (stored as a digest) created.
 * Each method runs on the connection of the caller's transaction.
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** The post this account's key created after {@code after} (epoch ms), if any. */
    public static Optional<Long> postAfter(Connection c, long accountId, String keyHash, long after) throws SQLException {
        return Sql.longs(c, "SELECT status_id FROM idempotency_keys WHERE account_id = ? AND key_hash = ? AND created_at > ?",
                accountId, keyHash, after).stream().findFirst();
    }

    /** Forgets this account's key if it was stored at or before {@code upTo} (epoch ms). */
    public static void deleteExpired(Connection c, long accountId, String keyHash, long upTo) throws SQLException {
        Sql.update(c, "DELETE FROM idempotency_keys WHERE account_id = ? AND key_hash = ? AND created_at <= ?",
                accountId, keyHash, upTo);
    }

    /** Remembers that this account's key created {@code postId} at {@code at} (epoch ms). */
    public static void insert(Connection c, long accountId, String keyHash, long postId, long at) throws SQLException {
        Sql.update(c, "INSERT INTO idempotency_keys (account_id, key_hash, status_id, created_at) VALUES (?, ?, ?, ?)",
                accountId, keyHash, postId, at);
    }
}
