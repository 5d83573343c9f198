package dev.colossus.app.http;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Slows password guessing down with a growing delay per key (a client address, an account), never a lockout.
 *
 * <p>Every password check counts as a failure from the moment it starts (so that parallel guesses cannot all slip
 * through while the first is being checked) until {@link #succeeded} takes it back. A key may fail
 * {@code freeFailures} times without delay; after that each further check must wait {@link #FIRST_DELAY} after the
 * key's last failure, then twice as long after each new failure, up to {@link #MAX_DELAY}. Refused attempts, and
 * checks {@link #released} because they never compared a password, do not count. A success clears the account's failures (the client address keeps its other failures, so that signing in to
 * one's own account cannot hide guesses at others); a key's failures are forgotten {@link #FORGET_AFTER} after its last
 * one. Memory holds the keys that failed within that time (older ones are swept out once there are 100,000 keys).
 * Thread-safe.
 */
public final class PasswordGuard {

    /** The wait after the first failure beyond the free ones. */
    public static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    /** The longest wait: one guess per key per this time is always possible. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** How long after its last failure a key starts afresh. */
    public static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final int PURGE_ABOVE = 100_000;

    /**
     * The keys of one password check.
     *
     * @param client the client address's key, or null when that client is not limited
     * @param account the account's key (its email, or its id once signed in)
     */
    public record Keys(String client, String account) {
        public Keys {
            Objects.requireNonNull(account, "account");
        }

        List<String> both() {
            return client == null ? List.of(account) : List.of(client, account);
        }
    }

    private record Failures(int count, long lastMillis) {
    }

    private final int freeFailures;
    private final Map<String, Failures> failures = new HashMap<>();

    /** @param freeFailures failures per key allowed before delays start (at least 1) */
    public PasswordGuard(int freeFailures) {
        if (freeFailures < 1) throw new IllegalArgumentException("freeFailures must be at least 1, got " + freeFailures);
        this.freeFailures = freeFailures;
    }

    /**
     * Starts a password check at {@code nowMillis}: empty when it may go ahead (it now counts as a failure of both
     * keys until {@link #succeeded}), or how long to wait before the next attempt (nothing is counted then).
     */
    public synchronized Optional<Duration> attempt(Keys keys, long nowMillis) {
        long wait = 0;
        for (String key : keys.both()) wait = Math.max(wait, waitMillis(key, nowMillis));
        if (wait > 0) return Optional.of(Duration.ofMillis(wait));
        if (failures.size() > PURGE_ABOVE) failures.values().removeIf(f -> stale(f, nowMillis));
        for (String key : keys.both()) {
            Failures f = current(key, nowMillis);
            failures.put(key, new Failures(f == null ? 1 : f.count + 1, nowMillis));
        }
        return Optional.empty();
    }

    /** The check started by {@link #attempt} found a wrong password at {@code nowMillis}: the delays count from then. */
    public synchronized void failed(Keys keys, long nowMillis) {
        for (String key : keys.both()) {
            failures.computeIfPresent(key, (k, f) -> new Failures(f.count, Math.max(f.lastMillis, nowMillis)));
        }
    }

    /** The check started by {@link #attempt} found the right password: the account starts afresh. */
    public synchronized void succeeded(Keys keys) {
        failures.remove(keys.account());
        if (keys.client() != null) takeBack(keys.client());
    }

    /** The check started by {@link #attempt} ended before any password was compared (a bad request): it does not count. */
    public synchronized void released(Keys keys) {
        keys.both().forEach(this::takeBack);
    }

    private void takeBack(String key) {
        Failures f = failures.get(key);
        if (f == null) return;
        if (f.count <= 1) failures.remove(key);
        else failures.put(key, new Failures(f.count - 1, f.lastMillis));
    }

    private long waitMillis(String key, long nowMillis) {
        Failures f = current(key, nowMillis);
        if (f == null || f.count < freeFailures) return 0;
        int doublings = Math.min(f.count - freeFailures, 30);
        long delay = Math.min(MAX_DELAY.toMillis(), FIRST_DELAY.toMillis() << doublings);
        return Math.max(0, f.lastMillis + delay - nowMillis);
    }

    private Failures current(String key, long nowMillis) {
        Failures f = failures.get(key);
        if (f != null && stale(f, nowMillis)) {
            failures.remove(key);
            return null;
        }
        return f;
    }

    private static boolean stale(Failures f, long nowMillis) {
        return nowMillis - f.lastMillis > FORGET_AFTER.toMillis();
    }
}
