package dev.colossus.app.http;

import dev.colossus.assistant.backend.Usage;
import dev.colossus.social.AccessGrant;
import dev.colossus.social.ApiKey;
import dev.colossus.social.auth.Scopes;
import dev.colossus.social.auth.Secrets;
import dev.colossus.social.service.ApiKeyService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Who may call {@code /v1} (the OpenAI-compatible API, which spends the operator's model), decided before any route
 * runs:
 * <ul>
 *   <li>{@code Authorization: Bearer KEY} with a key from {@link Settings#keys()} ({@code COLOSSUS_API_KEYS}) or a
 *       working key a user created ({@link ApiKeyService}), or a signed-in user's Mastodon access token with scope
 *       {@code write} (403 without);</li>
 *   <li>without any of these, only a client on this machine (loopback, and not forwarded by a proxy), and only while
 *       {@code COLOSSUS_API_KEYS} is unset.</li>
 * </ul>
 * Each caller (key, or user for an access token) may make {@link Settings#requestsPerMinute()} requests a minute
 * and spend {@link Settings#tokensPerDay()} model tokens (prompt and completion, from each answer's usage) per UTC
 * day; beyond either the answer is 429. A body larger than the server accepts is 413. Every refusal is in OpenAI's
 * error shape. Thread-safe.
 */
public final class OpenAiAccess {

    /**
     * @param keys              the operator's keys ({@code COLOSSUS_API_KEYS}, comma-separated); empty: none, and
     *                          then clients on loopback need no key
     * @param requestsPerMinute requests per caller per minute ({@code COLOSSUS_API_KEY_RATE_LIMIT}, default 60)
     * @param tokensPerDay      model tokens per caller per UTC day ({@code COLOSSUS_API_KEY_TOKENS_PER_DAY}, default
     *                          200,000; 0: no quota)
     */
    public record Settings(List<String> keys, int requestsPerMinute, long tokensPerDay) {

        public static final Settings DEFAULT = new Settings(List.of(), 60, 200_000);

        public Settings {
            keys = List.copyOf(keys);
            if (requestsPerMinute < 1) throw new IllegalArgumentException("requestsPerMinute must be at least 1");
            if (tokensPerDay < 0) throw new IllegalArgumentException("tokensPerDay must not be negative");
        }
    }

    private static final String CALLER = "colossus.v1.caller";

    /** Who a request comes from: {@code subject} counts its requests and tokens. */
    private record Caller(String subject, ApiKeyService usage) {
    }

    private final Settings settings;
    private final List<byte[]> operatorKeys;
    private final ApiKeyService apiKeys;
    private final Auth auth;
    private final long maxBodyBytes;
    private final RateLimiter limiter;

    /** @param maxBodyBytes the largest request body accepted ({@code COLOSSUS_MAX_BODY_BYTES}) */
    public OpenAiAccess(Settings settings, ApiKeyService apiKeys, Auth auth, long maxBodyBytes) {
        this.settings = settings;
        this.operatorKeys = settings.keys().stream().map(OpenAiAccess::digest).toList();
        this.apiKeys = apiKeys;
        this.auth = auth;
        this.maxBodyBytes = maxBodyBytes;
        this.limiter = new RateLimiter(settings.requestsPerMinute(), Duration.ofMinutes(1));
    }

    /** Checks every request under {@code /v1} before its route runs; a refusal is answered in OpenAI's shape. */
    public void install(JavalinConfig c) {
        c.routes.before("/v1/*", this::check);
        c.routes.exception(OpenAiError.class, (e, ctx) -> OpenAiApi.respond(ctx, e));
    }

    /** One line for the start-up log saying who may call {@code /v1} and how to change it. */
    public String notice() {
        String limits = settings.requestsPerMinute() + " requests a minute"
                + (settings.tokensPerDay() > 0 ? String.format(" and %,d model tokens a day", settings.tokensPerDay()) : "")
                + " per key or user";
        if (operatorKeys.isEmpty()) {
            return "the OpenAI API (/v1) answers clients on this machine only; to open it to others set "
                    + "COLOSSUS_API_KEYS=KEY1,KEY2 (clients send Authorization: Bearer KEY), or let signed-in users send "
                    + "their access token or a key from POST /api/v1/colossus/api_keys (" + limits + ")";
        }
        return "the OpenAI API (/v1) needs a key from COLOSSUS_API_KEYS (" + operatorKeys.size() + " set), a user's "
                + "key or a signed-in user's access token (" + limits + ")";
    }

    /** Adds an answer's tokens to what its caller spent today; nothing for a caller without a key (loopback). */
    static void charge(Context ctx, Usage usage) {
        Caller caller = ctx.attribute(CALLER);
        if (caller != null && usage != null) caller.usage().spend(caller.subject(), usage.totalTokens());
    }

    private void check(Context ctx) {
        if (ctx.method() == HandlerType.OPTIONS) return;
        if (ctx.req().getContentLengthLong() > maxBodyBytes) {
            throw new OpenAiError(413, "invalid_request_error", null, "request_too_large",
                    "The request body is larger than this server accepts (" + maxBodyBytes
                            + " bytes, COLOSSUS_MAX_BODY_BYTES).");
        }
        String subject = subject(ctx);
        if (subject == null) return;
        long now = System.currentTimeMillis();
        RateLimiter.Decision d = limiter.hit("v1:" + subject, now);
        ctx.header("x-ratelimit-limit-requests", Integer.toString(d.limit()));
        ctx.header("x-ratelimit-remaining-requests", Integer.toString(d.remaining()));
        long retry = Math.max(1, (d.reset().toEpochMilli() - now + 999) / 1000);
        ctx.header("x-ratelimit-reset-requests", retry + "s");
        if (!d.allowed()) {
            ctx.header("Retry-After", Long.toString(retry));
            throw new OpenAiError(429, "requests", null, "rate_limit_exceeded", "Rate limit reached: "
                    + d.limit() + " requests per minute for this key (COLOSSUS_API_KEY_RATE_LIMIT). Try again in "
                    + retry + " s.");
        }
        if (settings.tokensPerDay() > 0 && ctx.method() == HandlerType.POST
                && apiKeys.tokensToday(subject) >= settings.tokensPerDay()) {
            throw new OpenAiError(429, "insufficient_quota", null, "insufficient_quota", String.format(
                    "This key has used its %,d model tokens for today (COLOSSUS_API_KEY_TOKENS_PER_DAY); the count "
                            + "starts again at 00:00 UTC.", settings.tokensPerDay()));
        }
        ctx.attribute(CALLER, new Caller(subject, apiKeys));
    }

    /** The caller's subject, or null for a keyless client allowed on loopback. @throws OpenAiError 401 otherwise */
    private String subject(Context ctx) {
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
        if (token.isEmpty()) {
            if (operatorKeys.isEmpty() && local(ctx)) return null;
            throw new OpenAiError(401, "invalid_request_error", null, "missing_api_key",
                    "This server's OpenAI API needs a key: send Authorization: Bearer KEY with a key from its operator "
                            + "(COLOSSUS_API_KEYS) or one you created (POST /api/v1/colossus/api_keys), or your "
                            + "access token when signed in.");
        }
        byte[] given = digest(token);
        for (byte[] key : operatorKeys) {
            if (MessageDigest.isEqual(key, given)) return "env:" + Secrets.digest(token).substring(0, 16);
        }
        if (token.startsWith(ApiKeyService.PREFIX)) {
            Optional<ApiKey> key = apiKeys.authenticate(token);
            if (key.isPresent()) return subject(key.get());
            throw invalidKey();
        }
        Optional<AccessGrant> grant;
        try {
            grant = auth.optional(ctx);
        } catch (ApiError e) {
            throw invalidKey();
        }
        if (grant.isEmpty() || grant.get().accountId() == null) {
            throw new OpenAiError(401, "invalid_request_error", null, "invalid_api_key",
                    "An app's token does not open the OpenAI API: send an API key or a signed-in user's access token.");
        }
        if (!Scopes.allows(grant.get().scopes(), "write")) {
            throw new OpenAiError(403, "invalid_request_error", null, "insufficient_scope",
                    "This access token lacks the scope write, which answers from the model need.");
        }
        return "user:" + grant.get().accountId();
    }

    /** The subject a user's key counts its requests and tokens under. */
    static String subject(ApiKey key) {
        return "key:" + key.id();
    }

    private static OpenAiError invalidKey() {
        return new OpenAiError(401, "invalid_request_error", null, "invalid_api_key",
                "Incorrect API key provided: it is unknown or was revoked.");
    }

    /**
     * A client on this machine: a loopback peer whose request no proxy forwarded (a reverse proxy on this machine
     * passes on other machines' requests, which say so in these headers).
     */
    static boolean local(Context ctx) {
        if (ctx.header("X-Forwarded-For") != null || ctx.header("Forwarded") != null || ctx.header("X-Real-IP") != null) {
            return false;
        }
        try {
            return InetAddress.ofLiteral(ctx.req().getRemoteAddr()).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
