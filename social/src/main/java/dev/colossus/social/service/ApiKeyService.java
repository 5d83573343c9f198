package dev.colossus.social.service;

import dev.colossus.social.ApiKey;
import dev.colossus.social.IssuedApiKey;
import dev.colossus.social.SocialException;
import dev.colossus.social.auth.Secrets;
import dev.colossus.social.store.ApiKeyRows;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.Snowflakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users' keys for the OpenAI-compatible API, and the model tokens each caller spends per day. A key is
 * {@value #PREFIX} followed by 256 random bits; only its SHA-256 digest is stored, so it is shown once, when created.
 * A revoked key stops working at once. Thread-safe.
 */
public final class ApiKeyService {

    /** How every key starts, so that a key is told from an access token at a glance. */
    public static final String PREFIX = "csk-";
    /** Most working keys one account may have. */
    public static final int MAX_KEYS = 20;
    public static final int MAX_NAME = 100;
    /** {@code lastUsedAt} is written at most this often per key. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Database db;
    private final Snowflakes ids;
    private final Clock clock;

    public ApiKeyService(Database db, Snowflakes ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Creates a key for the account.
     *
     * @param name what the key is for (required, at most {@value #MAX_NAME} characters)
     * @throws SocialException.Invalid for a blank or long name, or when the account has {@value #MAX_KEYS} keys
     */
    public IssuedApiKey create(long accountId, String name) {
        if (name == null || name.isBlank()) throw SocialException.invalid("name", "Name can't be blank");
        String n = name.strip();
        if (n.length() > MAX_NAME) {
            throw SocialException.invalid("name", "Name is too long (maximum is " + MAX_NAME + " characters)");
        }
        String secret = PREFIX + Secrets.newSecret();
        ApiKey key = new ApiKey(ids.next(), accountId, n, secret.substring(0, PREFIX.length() + 6),
                Instant.ofEpochMilli(clock.millis()), null);
        db.write(c -> {
            if (ApiKeyRows.countActive(c, accountId) >= MAX_KEYS) {
                throw SocialException.unprocessable("Validation failed: at most " + MAX_KEYS
                        + " API keys per account; revoke one first");
            }
            ApiKeyRows.insert(c, key, Secrets.digest(secret));
            return null;
        });
        return new IssuedApiKey(key, secret);
    }

    /** The account's working keys, newest first. */
    public List<ApiKey> list(long accountId) {
        return db.read(c -> ApiKeyRows.active(c, accountId));
    }

    /** Revokes one of the account's keys. @throws SocialException.NotFound when it has no working key by that id */
    public void revoke(long accountId, long id) {
        if (!db.write(c -> ApiKeyRows.revoke(c, accountId, id, clock.millis()))) throw SocialException.notFound();
    }

    /** The working key a request carries, noting its use; empty for an unknown or revoked key. */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) return Optional.empty();
        Optional<ApiKey> key = db.read(c -> ApiKeyRows.byHash(c, Secrets.digest(secret)));
        long now = clock.millis();
        key.filter(k -> k.lastUsedAt() == null || now - k.lastUsedAt().toEpochMilli() >= TOUCH_EVERY.toMillis())
                .ifPresent(k -> db.write(c -> {
                    ApiKeyRows.touch(c, k.id(), now);
                    return null;
                }));
        return key;
    }

    /** Model tokens {@code subject} spent today (UTC). */
    public long tokensToday(String subject) {
        return db.read(c -> ApiKeyRows.tokens(c, subject, today()));
    }

    /** Adds model tokens to what {@code subject} spent today (UTC). */
    public void spend(String subject, long tokens) {
        if (tokens <= 0) return;
        db.write(c -> {
            ApiKeyRows.addTokens(c, subject, today(), tokens);
            return null;
        });
    }

    private long today() {
        return Math.floorDiv(clock.millis(), Duration.ofDays(1).toMillis());
    }
}
