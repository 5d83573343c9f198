package dev.colossus.social.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** SQL for the {@code authorization_codes} table (migration V10). */
public final class AuthorizationCodeRows {

    /**
     * A stored authorization code (without the code itself, of which only the digest is kept).
     *
     * @param codeChallenge   the PKCE challenge, or null when the app sent none
     * @param challengeMethod {@code S256} or {@code plain}, or null without a challenge
     * @param usedAt          when the code was presented, or null while it is unused
     * @param tokenId         the token issued for it, or null
     */
    public record Code(long id, long appId, long accountId, String redirectUri, String scopes, String codeChallenge,
                       String challengeMethod, long expiresAt, Long usedAt, Long tokenId) {
    }

    private AuthorizationCodeRows() {
    }

    public static void insert(Connection c, long id, String codeHash, long appId, long accountId, String redirectUri,
                              String scopes, String codeChallenge, String challengeMethod, long createdAt, long expiresAt)
            throws SQLException {
        Sql.update(c, "INSERT INTO authorization_codes (id, code_hash, app_id, account_id, redirect_uri, scopes, "
                        + "code_challenge, code_challenge_method, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, codeHash, appId, accountId, redirectUri, scopes, codeChallenge, challengeMethod, createdAt, expiresAt);
    }

    /** The code with this digest, used or not, expired or not. */
    public static Optional<Code> byHash(Connection c, String codeHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, app_id, account_id, redirect_uri, scopes, code_challenge, "
                + "code_challenge_method, expires_at, used_at, token_id FROM authorization_codes WHERE code_hash = ?")) {
            ps.setString(1, codeHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                long used = rs.getLong(9);
                Long usedAt = rs.wasNull() ? null : used;
                long token = rs.getLong(10);
                Long tokenId = rs.wasNull() ? null : token;
                return Optional.of(new Code(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getLong(8), usedAt, tokenId));
            }
        }
    }

    /** Marks an unused code used at {@code now}; false when it was already used (another request got there first). */
    public static boolean markUsed(Connection c, long id, long now) throws SQLException {
        return Sql.update(c, "UPDATE authorization_codes SET used_at = ? WHERE id = ? AND used_at IS NULL", now, id) == 1;
    }

    /** Records the token issued for a code. */
    public static void setToken(Connection c, long id, long tokenId) throws SQLException {
        Sql.update(c, "UPDATE authorization_codes SET token_id = ? WHERE id = ?", tokenId, id);
    }

    /** Deletes codes that expired before {@code before}; returns how many. */
    public static int deleteExpired(Connection c, long before) throws SQLException {
        return Sql.update(c, "DELETE FROM authorization_codes WHERE expires_at < ?", before);
    }
}
