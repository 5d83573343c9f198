package dev.colossus.app.http;

import io.javalin.http.Context;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Password checks made over HTTP (the {@code password} grant, a password change), held to one {@link PasswordGuard}
 * per client address and per account: a check that must wait is answered 429 with {@code Retry-After} before any
 * password is compared. Clients on loopback are held to it unless loopback is exempt from limits. Thread-safe.
 */
final class PasswordChecks {

    /** What a finished check found. */
    enum Outcome { PASSED, WRONG_PASSWORD, NOT_CHECKED }

    private final PasswordGuard guard;
    private final boolean limitLoopback;

    PasswordChecks(PasswordGuard guard, boolean limitLoopback) {
        this.guard = guard;
        this.limitLoopback = limitLoopback;
    }

    /** The account key of a sign-in by email (case and surrounding blanks ignored, as the lookup does). */
    static String emailKey(String email) {
        return "email:" + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    /** The account key of a signed-in user. */
    static String accountKey(long accountId) {
        return "account:" + accountId;
    }

    /**
     * Runs {@code check} for a request from the client of {@code ctx} against {@code account}, unless that client or
     * account must wait.
     *
     * @param judge         what a returned value means
     * @param wrongPassword which thrown errors mean a wrong password (any other error means no password was compared)
     * @throws ApiError 429 with {@code Retry-After} when the client or the account must wait
     */
    <T> T run(Context ctx, String account, Supplier<T> check, Function<T, Outcome> judge,
              Predicate<RuntimeException> wrongPassword) {
        String ip = ctx.ip();
        PasswordGuard.Keys keys = new PasswordGuard.Keys(
                !limitLoopback && RateLimiter.isLoopback(ip) ? null : RateLimiter.clientKey(ip), account);
        Optional<Duration> wait = guard.attempt(keys, System.currentTimeMillis());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            throw new ApiError(429, "Too many failed password attempts, try again in " + seconds + " s");
        }
        Outcome outcome = Outcome.NOT_CHECKED;
        try {
            T value = check.get();
            outcome = judge.apply(value);
            return value;
        } catch (RuntimeException e) {
            if (wrongPassword.test(e)) outcome = Outcome.WRONG_PASSWORD;
            throw e;
        } finally {
            switch (outcome) {
                case PASSED -> guard.succeeded(keys);
                case NOT_CHECKED -> guard.released(keys);
                case WRONG_PASSWORD -> guard.failed(keys, System.currentTimeMillis());
            }
        }
    }
}
