package dev.colossus.engine;

import java.util.ArrayDeque;

/**
 * Idle sessions kept after their generations, so that a prompt that continues an earlier one (the next turn of a
 * conversation, or another question under the same system prompt) is prefilled only from where the cached tokens
 * stop matching. A session whose cached tokens the new prompt extends is taken over; otherwise a new session
 * starts from a copy of the best matching prefix, and the cached one stays for its own conversation. The kept
 * sessions' key/value caches are bounded in bytes; the least recently used go first.
 * <p>Thread safety: thread-safe.
 */
final class PrefixCache {
    private final Engine engine;
    private final long budgetBytes;
    /** Idle sessions, the most recently used first. */
    private final ArrayDeque<Session> idle = new ArrayDeque<>();

    PrefixCache(Engine engine, long budgetBytes) {
        this.engine = engine;
        this.budgetBytes = budgetBytes;
    }

    /** A session for a prompt of these tokens: an idle one it extends, or a new one seeded with the best prefix. */
    synchronized Session take(int[] tokens) {
        Session best = null;
        int bestPrefix = 0;
        for (Session s : idle) {
            int prefix = s.reusablePrefix(tokens);
            if (prefix > bestPrefix) {
                best = s;
                bestPrefix = prefix;
            }
        }
        if (best != null && bestPrefix == best.cachedLength()) {
            idle.remove(best);
            return best;
        }
        Session fresh = engine.newSession(this);
        if (best != null) fresh.copyPrefix(best, bestPrefix);
        return fresh;
    }

    /** Keeps a session whose generation ended, evicting the least recently used beyond the budget. */
    synchronized void release(Session session) {
        idle.remove(session);
        if (session.cachedLength() == 0) return;
        idle.addFirst(session);
        long total = 0;
        for (Session s : idle) total += s.cacheBytes();
        while (total > budgetBytes && !idle.isEmpty()) total -= idle.removeLast().cacheBytes();
    }

    /** Sessions kept now. */
    synchronized int size() {
        return idle.size();
    }
}
