package dev.colossus.social.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered 64-bit ids as Mastodon makes them: milliseconds since the epoch in the high 48 bits, a sequence in
 * the low 16. Ids made by {@link #next()} strictly increase within a process; {@link #at(long)} gives an id for a
 * past instant (imported posts), ordered by that time. Thread-safe.
 */
public final class Snowflakes {

    private final AtomicLong last = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();

    /** A new id, greater than every id this instance made before and at least {@code now << 16}. */
    public long next() {
        long floor = System.currentTimeMillis() << 16;
        return last.updateAndGet(prev -> Math.max(prev + 1, floor));
    }

    /** An id for the given epoch-millisecond instant: sorts with ids of neighbouring instants by time. */
    public long at(long epochMillis) {
        return (epochMillis << 16) | (sequence.getAndIncrement() & 0xFFFF);
    }

    /** The instant (epoch milliseconds) an id was made for. */
    public static long millisOf(long id) {
        return id >>> 16;
    }

    /** The smallest id made at or after the given instant; for "newer than time T" queries. */
    public static long floorOf(long epochMillis) {
        return epochMillis << 16;
    }
}
