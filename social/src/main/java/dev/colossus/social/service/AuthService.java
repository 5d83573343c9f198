package dev.colossus.social.service;

import dev.colossus.social.AccessGrant;
import dev.colossus.social.Application;
import dev.colossus.social.IssuedToken;
import dev.colossus.social.PasswordChange;
import dev.colossus.social.SocialException;
import dev.colossus.social.SocialException.FieldError;
import dev.colossus.social.auth.OAuthException;
import dev.colossus.social.auth.PasswordHasher;
import dev.colossus.social.auth.Scopes;
import dev.colossus.social.auth.Secrets;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.store.Sql;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OAuth applications and access tokens, as Mastodon issues them: apps register for a client id and secret; tokens
 * come from the {@code client_credentials} grant (app-only) or the {@code password} grant (a user, by email).
 * Tokens and secrets are random and stored only as SHA-256 digests; a revoked or expired token stops working at
 * once. A token lives for the lifetime its app asked for, or forever when it asked for none (as Mastodon's tokens).
 * A wrong password takes as long to refuse for an unknown email as for a known one. Thread-safe.
 */
public final class AuthService {

    /** The redirect URI of apps that cannot receive redirects. */
    public static final String OOB = "urn:ietf:wg:oauth:2.0:oob";

    private final Database db;
    private final Snowflakes ids;
    private final PasswordHasher passwords;

    public AuthService(Database db, Snowflakes ids, PasswordHasher passwords) {
        this.db = db;
        this.ids = ids;
        this.passwords = passwords;
    }

    /**
     * Registers an application. {@code scopes} defaults to {@code read}; {@code redirectUris} must be {@link #OOB}
     * or absolute URIs, one per line.
     *
     * @throws SocialException.Invalid for a missing name or a bad redirect URI or scope
     */
    public Application registerApp(String name, String redirectUris, String scopes, String website) {
        if (name == null || name.isBlank()) throw SocialException.invalid("client_name", "Name can't be blank");
        if (name.length() > 200) throw SocialException.invalid("client_name", "Name is too long (maximum is 200 characters)");
        String redirect = redirectUris == null || redirectUris.isBlank() ? OOB : redirectUris.strip();
        for (String uri : redirect.split("\\s+")) {
            if (!uri.equals(OOB) && !isAbsoluteUri(uri)) {
                throw SocialException.invalid("redirect_uri", "Redirect URI must be an absolute URI.");
            }
        }
        Set<String> scopeSet;
        try {
            scopeSet = Scopes.parse(scopes, "read");
        } catch (OAuthException e) {
            throw SocialException.invalid("scopes", "Scopes are invalid");
        }
        String scope = String.join(" ", scopeSet);
        String clientId = Secrets.newSecret();
        String clientSecret = Secrets.newSecret();
        long id = ids.next();
        db.write(c -> Sql.update(c, "INSERT INTO apps (id, name, website, redirect_uri, scopes, client_id, secret_hash, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, name.strip(), website, redirect, scope,
                clientId, Secrets.digest(clientSecret), System.currentTimeMillis()));
        return new Application(id, name.strip(), website, redirect, scope, clientId, clientSecret);
    }

    private static boolean isAbsoluteUri(String s) {
        try {
            return URI.create(s).isAbsolute();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The application a token belongs to (without its secret). */
    public Optional<Application> app(long appId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, website, redirect_uri, scopes, client_id FROM apps WHERE id = ?")) {
                ps.setLong(1, appId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Application(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), null)) : Optional.empty();
                }
            }
        });
    }

    /**
     * {@code grant_type=client_credentials}: an app-only token.
     *
     * @param lifetime how long the token works, or null for a token that never expires
     */
    public IssuedToken clientCredentials(String clientId, String clientSecret, String scope, Duration lifetime) {
        ClientApp app = client(clientId, clientSecret);
        return issue(app.id, null, requestedScopes(scope, app.scopes), lifetime);
    }

    /**
     * {@code grant_type=password}: a user token; {@code username} is the account's email. The password is checked
     * with the same key derivation whether or not the email has an account.
     *
     * @param lifetime how long the token works, or null for a token that never expires
     * @throws OAuthException {@code invalid_grant} for an unknown email or a wrong password (callers count these as
     *                        failed password checks), {@code invalid_client}, {@code invalid_request},
     *                        {@code invalid_scope}
     */
    public IssuedToken passwordGrant(String clientId, String clientSecret, String username, String password, String scope,
                                     Duration lifetime) {
        ClientApp app = client(clientId, clientSecret);
        if (username == null || password == null) {
            throw new OAuthException("invalid_request", "The request is missing a required parameter.");
        }
        Optional<Accounts.Credentials> login = db.read(c -> Accounts.credentialsByEmail(c, username.strip()));
        if (!passwords.verify(password, login.map(Accounts.Credentials::passwordHash).orElse(null))) {
            throw new OAuthException("invalid_grant", "The provided authorization grant is invalid, expired, revoked, "
                    + "does not match the redirection URI used in the authorization request, or was issued to another client.");
        }
        return issue(app.id, login.get().accountId(), requestedScopes(scope, app.scopes), lifetime);
    }

    /** Issues a token that never expires for a user of an app (after sign-up). */
    public IssuedToken issue(long appId, Long accountId, String scopes) {
        return issue(appId, accountId, scopes, null);
    }

    private IssuedToken issue(long appId, Long accountId, String scopes, Duration lifetime) {
        String token = Secrets.newSecret();
        long now = System.currentTimeMillis();
        Long expiresAt = lifetime == null ? null : now + lifetime.toMillis();
        db.write(c -> insertToken(c, appId, accountId, scopes, token, now, expiresAt));
        return new IssuedToken(token, scopes, Instant.ofEpochMilli(now), expiresAt == null ? null : Instant.ofEpochMilli(expiresAt));
    }

    /**
     * Inserts a token row inside the caller's transaction (sign-up creates the account and its token together);
     * {@code expiresAt} (epoch milliseconds) null means never.
     */
    int insertToken(Connection c, long appId, Long accountId, String scopes, String token, long now, Long expiresAt)
            throws SQLException {
        return Sql.update(c, "INSERT INTO tokens (id, token_hash, app_id, account_id, scopes, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", ids.next(), Secrets.digest(token), appId, accountId, scopes, now, expiresAt);
    }

    /**
     * Changes the password of the user behind {@code grant} and revokes every other working token of the account (the
     * one making the change keeps working; expired ones are left as they are). The current password is checked
     * first, with the same key derivation as a login; an account without a password (demo and imported people) never
     * matches.
     *
     * @param grant a user token's grant
     * @return {@link PasswordChange.Changed} with the number of tokens revoked, or {@link PasswordChange.WrongPassword}
     * @throws SocialException.Invalid when the new password is blank, shorter than 8 or longer than 72 characters
     *                                 (field {@code password})
     * @throws IllegalArgumentException for an app-only grant
     */
    public PasswordChange changePassword(AccessGrant grant, String currentPassword, String newPassword) {
        if (grant.accountId() == null) throw new IllegalArgumentException("an app-only token has no password to change");
        long accountId = grant.accountId();
        Map<String, List<FieldError>> errors = new LinkedHashMap<>();
        AccountService.validatePassword("password", newPassword == null ? "" : newPassword, errors);
        if (!errors.isEmpty()) throw AccountService.invalid(errors);
        String stored = db.read(c -> Accounts.passwordHash(c, accountId)).orElse(null);
        if (!passwords.verify(currentPassword == null ? "" : currentPassword, stored)) return new PasswordChange.WrongPassword();
        String hash = passwords.hash(newPassword); // slow on purpose: outside the write lock
        int revoked = db.write(c -> {
            Accounts.setPasswordHash(c, accountId, hash);
            long now = System.currentTimeMillis();
            return Sql.update(c, "UPDATE tokens SET revoked_at = ? WHERE account_id = ? AND id <> ? AND revoked_at IS NULL "
                    + "AND (expires_at IS NULL OR expires_at > ?)", now, accountId, grant.tokenId(), now);
        });
        return new PasswordChange.Changed(revoked);
    }

    /** Password checks that ran the key derivation so far, failed ones for unknown emails included (for metrics). */
    public long passwordChecks() {
        return passwords.checks();
    }

    /**
     * Revokes a token of the given client. Unknown tokens are ignored (RFC 7009).
     *
     * @throws OAuthException {@code invalid_client} for bad client credentials, {@code unauthorized_client} for a
     *                        token of another client
     */
    public void revoke(String clientId, String clientSecret, String token) {
        ClientApp app = client(clientId, clientSecret);
        if (token == null) throw new OAuthException("invalid_request", "The request is missing a required parameter.");
        db.write(c -> {
            Optional<AccessGrant> grant = lookup(c, token);
            if (grant.isEmpty()) return 0;
            if (grant.get().appId() != app.id) {
                throw new OAuthException("unauthorized_client", "You are not authorized to revoke this token");
            }
            return Sql.update(c, "UPDATE tokens SET revoked_at = ? WHERE id = ?", System.currentTimeMillis(), grant.get().tokenId());
        });
    }

    /** Revokes a token by its own authority (a signed-in user logging out). */
    public void revoke(AccessGrant grant) {
        db.write(c -> Sql.update(c, "UPDATE tokens SET revoked_at = ? WHERE id = ?", System.currentTimeMillis(), grant.tokenId()));
    }

    /** What a bearer token grants, or empty when it is unknown, revoked or expired. */
    public Optional<AccessGrant> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) return Optional.empty();
        return db.read(c -> lookup(c, token));
    }

    private static Optional<AccessGrant> lookup(Connection c, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, app_id, account_id, scopes FROM tokens "
                + "WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)")) {
            ps.setString(1, Secrets.digest(token));
            ps.setLong(2, System.currentTimeMillis());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                long account = rs.getLong(3);
                Long accountId = rs.wasNull() ? null : account;
                return Optional.of(new AccessGrant(rs.getLong(1), rs.getLong(2), accountId, rs.getString(4)));
            }
        }
    }

    private record ClientApp(long id, String scopes) {
    }

    private ClientApp client(String clientId, String clientSecret) {
        if (clientId == null || clientSecret == null) {
            throw new OAuthException("invalid_client", "Client authentication failed due to unknown client, no client "
                    + "authentication included, or unsupported authentication method.");
        }
        Optional<ClientApp> app = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, scopes FROM apps WHERE client_id = ? AND secret_hash = ?")) {
                ps.setString(1, clientId);
                ps.setString(2, Secrets.digest(clientSecret));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new ClientApp(rs.getLong(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
        return app.orElseThrow(() -> new OAuthException("invalid_client", "Client authentication failed due to "
                + "unknown client, no client authentication included, or unsupported authentication method."));
    }

    private static String requestedScopes(String requested, String appScopes) {
        Set<String> scopes = Scopes.parse(requested, "read");
        if (!Scopes.within(scopes, appScopes)) {
            throw new OAuthException("invalid_scope", "The requested scope is invalid, unknown, or malformed.");
        }
        return String.join(" ", scopes);
    }
}
