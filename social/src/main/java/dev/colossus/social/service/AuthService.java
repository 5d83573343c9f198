package dev.colossus.social.service;

import dev.colossus.social.AccessGrant;
import dev.colossus.social.Application;
import dev.colossus.social.AuthorizationRequest;
import dev.colossus.social.IssuedToken;
import dev.colossus.social.PasswordChange;
import dev.colossus.social.SocialException;
import dev.colossus.social.SocialException.FieldError;
import dev.colossus.social.auth.OAuthException;
import dev.colossus.social.auth.PasswordHasher;
import dev.colossus.social.auth.Pkce;
import dev.colossus.social.auth.Scopes;
import dev.colossus.social.auth.Secrets;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.AppRows;
import dev.colossus.social.store.AuthorizationCodeRows;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.store.TokenRows;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * OAuth applications and access tokens, as Mastodon issues them: apps register for a client id and secret; tokens
 * come from the {@code client_credentials} grant (app-only), the {@code password} grant (a user, by email) or the
 * {@code authorization_code} grant (a user who signed in and approved the app, with PKCE). Tokens, secrets and
 * authorization codes are random and stored only as SHA-256 digests; a revoked or expired token stops working at
 * once. A token lives for the lifetime its app asked for, or forever when it asked for none (as Mastodon's tokens).
 * A wrong password takes as long to refuse for an unknown email as for a known one. Thread-safe.
 */
public final class AuthService {

    /** The redirect URI of apps that cannot receive redirects. */
    public static final String OOB = "urn:ietf:wg:oauth:2.0:oob";
    /** How long an authorization code may be traded for a token. */
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    /** Expired codes are kept this long (a code presented again revokes its token), then deleted. */
    private static final Duration KEEP_EXPIRED_CODES = Duration.ofDays(1);
    private static final String INVALID_GRANT = "The provided authorization grant is invalid, expired, revoked, does not "
            + "match the redirection URI used in the authorization request, or was issued to another client.";

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
        Application app = new Application(id, name.strip(), website, redirect, scope, clientId, clientSecret);
        db.write(c -> {
            AppRows.insert(c, app, Secrets.digest(clientSecret), System.currentTimeMillis());
            return null;
        });
        return app;
    }

    private static boolean isAbsoluteUri(String s) {
        try {
            return URI.create(s).isAbsolute();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The application with this client id (without its secret), or empty for an unknown one. */
    public Optional<Application> appByClientId(String clientId) {
        if (clientId == null || clientId.isBlank() || clientId.length() > 64) return Optional.empty();
        return db.read(c -> AppRows.byClientId(c, clientId));
    }

    /** The application a token belongs to (without its secret). */
    public Optional<Application> app(long appId) {
        return db.read(c -> AppRows.byId(c, appId));
    }

    /**
     * {@code grant_type=client_credentials}: an app-only token.
     *
     * @param lifetime how long the token works, or null for a token that never expires
     */
    public IssuedToken clientCredentials(String clientId, String clientSecret, String scope, Duration lifetime) {
        AppRows.Client app = client(clientId, clientSecret);
        return issue(app.id(), null, requestedScopes(scope, app.scopes()), lifetime);
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
        AppRows.Client app = client(clientId, clientSecret);
        if (username == null || password == null) {
            throw new OAuthException("invalid_request", "The request is missing a required parameter.");
        }
        OptionalLong account = signIn(username, password);
        if (account.isEmpty()) throw new OAuthException("invalid_grant", INVALID_GRANT);
        return issue(app.id(), account.getAsLong(), requestedScopes(scope, app.scopes()), lifetime);
    }

    /**
     * Checks an email and password: the account's id when they match, else empty (an unknown email, a wrong password,
     * an account without a password). Takes as long for an unknown email as for a known one.
     */
    public OptionalLong signIn(String email, String password) {
        Optional<Accounts.Credentials> login = db.read(c -> Accounts.credentialsByEmail(c, email.strip()));
        if (!passwords.verify(password, login.map(Accounts.Credentials::passwordHash).orElse(null))) return OptionalLong.empty();
        return OptionalLong.of(login.get().accountId());
    }

    /**
     * Checks a request for an authorization code, as {@code GET /oauth/authorize} receives it. The redirect URI must be
     * one the app registered, character for character; {@code scope} defaults to {@code read} and must be within the
     * app's scopes; {@code codeChallengeMethod} defaults to {@code plain} when a challenge is sent (RFC 7636), and
     * {@code S256} or {@code plain} is required.
     */
    public AuthorizationRequest authorizationRequest(String clientId, String redirectUri, String responseType,
                                                     String scope, String codeChallenge, String codeChallengeMethod) {
        Optional<Application> found = appByClientId(clientId);
        if (found.isEmpty()) return new AuthorizationRequest.Unusable("This sign-in link names an app that is not registered here.");
        Application app = found.get();
        if (redirectUri == null || redirectUri.isBlank()) {
            return new AuthorizationRequest.Unusable("This sign-in link does not say where to return to (redirect_uri).");
        }
        if (!Arrays.asList(app.redirectUri().split("\\s+")).contains(redirectUri)) {
            return new AuthorizationRequest.Unusable("This sign-in link returns to an address the app did not register.");
        }
        if (!"code".equals(responseType)) {
            return new AuthorizationRequest.Refused(redirectUri, "unsupported_response_type",
                    "The authorization server does not support this response type.");
        }
        String scopes;
        try {
            scopes = requestedScopes(scope, app.scopes());
        } catch (OAuthException e) {
            return new AuthorizationRequest.Refused(redirectUri, e.code(), e.getMessage());
        }
        boolean hasChallenge = codeChallenge != null && !codeChallenge.isEmpty();
        boolean hasMethod = codeChallengeMethod != null && !codeChallengeMethod.isEmpty();
        if (!hasChallenge) {
            if (hasMethod) return new AuthorizationRequest.Refused(redirectUri, "invalid_request", "code_challenge is missing.");
            return new AuthorizationRequest.Valid(app, redirectUri, scopes, null, null);
        }
        Optional<Pkce.Method> method = hasMethod ? Pkce.Method.named(codeChallengeMethod) : Optional.of(Pkce.Method.PLAIN);
        if (method.isEmpty()) {
            return new AuthorizationRequest.Refused(redirectUri, "invalid_request", "Transform algorithm not supported.");
        }
        if (!Pkce.wellFormed(codeChallenge)) {
            return new AuthorizationRequest.Refused(redirectUri, "invalid_request", "code_challenge is malformed.");
        }
        return new AuthorizationRequest.Valid(app, redirectUri, scopes, codeChallenge, method.get());
    }

    /**
     * Issues an authorization code for a request the user approved: random, usable once, for {@link #CODE_LIFETIME},
     * by the same app with the same redirect URI (and the PKCE verifier when the request carried a challenge).
     *
     * @return the code, in clear (only its digest is stored)
     */
    public String issueCode(AuthorizationRequest.Valid request, long accountId) {
        String code = Secrets.newSecret();
        long now = System.currentTimeMillis();
        db.write(c -> {
            AuthorizationCodeRows.deleteExpired(c, now - KEEP_EXPIRED_CODES.toMillis());
            AuthorizationCodeRows.insert(c, ids.next(), Secrets.digest(code), request.app().id(), accountId,
                    request.redirectUri(), request.scopes(), request.codeChallenge(),
                    request.challengeMethod() == null ? null : request.challengeMethod().wireName(),
                    now, now + CODE_LIFETIME.toMillis());
            return null;
        });
        return code;
    }

    /**
     * {@code grant_type=authorization_code}: trades a code for a user token with the scopes the user granted. The code
     * works once: presenting it spends it whatever the outcome, and presenting a spent code again revokes the token
     * it was traded for (RFC 6749 section 4.1.2).
     *
     * @param codeVerifier the PKCE verifier; required when the code was issued with a challenge, refused otherwise
     * @param lifetime     how long the token works, or null for a token that never expires
     * @throws OAuthException {@code invalid_client} for bad client credentials, {@code invalid_request} without a
     *                        code or redirect URI, {@code invalid_grant} for an unknown, spent or expired code, one of
     *                        another app, another redirect URI, or a verifier that does not match
     */
    public IssuedToken authorizationCode(String clientId, String clientSecret, String code, String redirectUri,
                                         String codeVerifier, Duration lifetime) {
        AppRows.Client app = client(clientId, clientSecret);
        if (code == null || code.isBlank() || redirectUri == null || redirectUri.isBlank()) {
            throw new OAuthException("invalid_request", "The request is missing a required parameter: code and redirect_uri are required.");
        }
        String token = Secrets.newSecret();
        long now = System.currentTimeMillis();
        String scopes = db.write(c -> {
            Optional<AuthorizationCodeRows.Code> found = AuthorizationCodeRows.byHash(c, Secrets.digest(code));
            if (found.isEmpty() || found.get().appId() != app.id()) return null;
            AuthorizationCodeRows.Code row = found.get();
            if (!AuthorizationCodeRows.markUsed(c, row.id(), now)) {
                if (row.tokenId() != null) TokenRows.revokeIfLive(c, row.tokenId(), now);
                return null;
            }
            if (row.expiresAt() <= now || !row.redirectUri().equals(redirectUri) || !pkceHolds(row, codeVerifier)) return null;
            long tokenId = ids.next();
            TokenRows.insert(c, tokenId, Secrets.digest(token), app.id(), row.accountId(), row.scopes(), now,
                    lifetime == null ? null : now + lifetime.toMillis());
            AuthorizationCodeRows.setToken(c, row.id(), tokenId);
            return row.scopes();
        });
        if (scopes == null) throw new OAuthException("invalid_grant", INVALID_GRANT);
        return new IssuedToken(token, scopes, Instant.ofEpochMilli(now),
                lifetime == null ? null : Instant.ofEpochMilli(now + lifetime.toMillis()));
    }

    private static boolean pkceHolds(AuthorizationCodeRows.Code row, String verifier) {
        boolean sent = verifier != null && !verifier.isEmpty();
        if (row.codeChallenge() == null) return !sent;
        Optional<Pkce.Method> method = Pkce.Method.named(row.challengeMethod());
        return sent && method.isPresent() && Pkce.verifies(method.get(), row.codeChallenge(), verifier);
    }

    /** Issues a token that never expires for a user of an app (after sign-up). */
    public IssuedToken issue(long appId, Long accountId, String scopes) {
        return issue(appId, accountId, scopes, null);
    }

    private IssuedToken issue(long appId, Long accountId, String scopes, Duration lifetime) {
        String token = Secrets.newSecret();
        long now = System.currentTimeMillis();
        Long expiresAt = lifetime == null ? null : now + lifetime.toMillis();
        long id = ids.next();
        db.write(c -> {
            TokenRows.insert(c, id, Secrets.digest(token), appId, accountId, scopes, now, expiresAt);
            return null;
        });
        return new IssuedToken(token, scopes, Instant.ofEpochMilli(now), expiresAt == null ? null : Instant.ofEpochMilli(expiresAt));
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
            return TokenRows.revokeOthers(c, accountId, grant.tokenId(), now);
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
        AppRows.Client app = client(clientId, clientSecret);
        if (token == null) throw new OAuthException("invalid_request", "The request is missing a required parameter.");
        db.write(c -> {
            Optional<AccessGrant> grant = TokenRows.live(c, Secrets.digest(token), System.currentTimeMillis());
            if (grant.isEmpty()) return 0;
            if (grant.get().appId() != app.id()) {
                throw new OAuthException("unauthorized_client", "You are not authorized to revoke this token");
            }
            return TokenRows.revoke(c, grant.get().tokenId(), System.currentTimeMillis());
        });
    }

    /** Revokes a token by its own authority (a signed-in user logging out). */
    public void revoke(AccessGrant grant) {
        db.write(c -> TokenRows.revoke(c, grant.tokenId(), System.currentTimeMillis()));
    }

    /** What a bearer token grants, or empty when it is unknown, revoked or expired. */
    public Optional<AccessGrant> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) return Optional.empty();
        return db.read(c -> TokenRows.live(c, Secrets.digest(token), System.currentTimeMillis()));
    }

    private AppRows.Client client(String clientId, String clientSecret) {
        if (clientId == null || clientSecret == null) {
            throw new OAuthException("invalid_client", "Client authentication failed due to unknown client, no client "
                    + "authentication included, or unsupported authentication method.");
        }
        Optional<AppRows.Client> app = db.read(c -> AppRows.client(c, clientId, Secrets.digest(clientSecret)));
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
