package dev.colossus.engine;

import dev.colossus.engine.model.KvCache;

import java.util.Arrays;

/**
 * A conversation with its own KV cache. Consecutive generations on one session reuse the cached computation of
 * the longest common prefix of their prompts (for a chat, the whole earlier conversation), so only new tokens are
 * processed.
 * <p>Thread safety: one generation at a time per session ({@link #generate} fails while one is running); different
 * sessions of one {@link Engine} run concurrently, their decode steps batched together.
 */
public final class Session {
    private final Engine engine;
    final KvCache cache;
    /** Tokens whose keys and values are in the cache, in order. */
    int[] cachedTokens = new int[0];
    boolean busy;
    /** Where this session goes back when its generation ends, or null for a session the caller holds. */
    private final PrefixCache home;

    Session(Engine engine, KvCache cache, PrefixCache home) {
        this.engine = engine;
        this.cache = cache;
        this.home = home;
    }

    /**
     * Starts generating; returns at once. The prompt is the whole context: text from earlier generations on this
     * session is not implied, but its common prefix with the cached tokens is reused.
     *
     * @throws IllegalStateException    when a generation is already running on this session, or the engine is closed
     * @throws IllegalArgumentException when the prompt is empty after tokenization or longer than the context
     */
    public Generation generate(GenerationRequest request) {
        return engine.submit(this, request);
    }

    /** The number of positions this session's context holds. */
    public int contextLength() {
        return cache.maxPositions();
    }

    /** How many leading tokens of {@code tokens} are in the cache already (at most {@code tokens.length - 1}). */
    synchronized int reusablePrefix(int[] tokens) {
        int n = Math.min(cachedTokens.length, tokens.length - 1);
        int i = 0;
        while (i < n && cachedTokens[i] == tokens[i]) i++;
        return i;
    }

    void finished(int[] tokensInCache) {
        synchronized (this) {
            cachedTokens = Arrays.copyOf(tokensInCache, tokensInCache.length);
            busy = false;
        }
        if (home != null) home.release(this);
    }

    synchronized int cachedLength() {
        return cachedTokens.length;
    }

    long cacheBytes() {
        return cache.bytes();
    }

    /** Starts this (new) session from the first {@code positions} cached tokens of an idle one. */
    void copyPrefix(Session from, int positions) {
        cache.copyPrefix(from.cache, positions);
        synchronized (this) {
            cachedTokens = Arrays.copyOf(from.cachedTokens, positions);
        }
    }
}
