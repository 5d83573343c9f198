package dev.colossus.social.store;

import dev.colossus.social.AccessGrant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@code tokens} table: access tokens, stored as a digest, with their app, account (null for an app-only
 * token), scopes, expiry (epoch ms, null for never) and revocation time. Each method runs on the connection of the
 * caller's transaction.
 */
public final class TokenRows {

    private TokenRows() {
    }

    public static void insert(Connection c, long id, String tokenHash, long appId, Long accountId, String scopes,
                              long createdAt, Long expiresAt) throws SQLException {
        Sql.update(c, "INSERT INTO tokens (id, token_hash, app_id, account_id, scopes, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", id, tokenHash, appId, accountId, scopes, createdAt, expiresAt);
    }

    /** What the token with this digest grants at {@code now}, or empty when unknown, revoked or expired. */
    public static Optional<AccessGrant> live(Connection c, String tokenHash, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, app_id, account_id, scopes FROM tokens "
                + "WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)")) {
            ps.setString(1, tokenHash);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                long account = rs.getLong(3);
                Long accountId = rs.wasNull() ? null : account;
                return Optional.of(new AccessGrant(rs.getLong(1), rs.getLong(2), accountId, rs.getString(4)));
            }
        }
    }

    /** Marks a token revoked at {@code at}; the number of rows changed. */
    public static int revoke(Connection c, long tokenId, long at) throws SQLException {
        return Sql.update(c, "UPDATE tokens SET revoked_at = ? WHERE id = ?", at, tokenId);
    }

    /** Marks a token revoked at {@code at} unless it already was (the first revocation time is kept). */
    public static void revokeIfLive(Connection c, long tokenId, long at) throws SQLException {
        Sql.update(c, "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at, tokenId);
    }

    /**
     * Revokes every working token of the account except {@code keptTokenId} (expired and revoked ones are left as
     * they are); how many.
     */
    public static int revokeOthers(Connection c, long accountId, long keptTokenId, long now) throws SQLException {
        return Sql.update(c, "UPDATE tokens SET revoked_at = ? WHERE account_id = ? AND id <> ? AND revoked_at IS NULL "
                + "AND (expires_at IS NULL OR expires_at > ?)", now, accountId, keptTokenId, now);
    }
}
