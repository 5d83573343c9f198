package dev.colossus.social;

/**
 * Mastodon's id-based paging: results older than {@code maxId} and newer than {@code sinceId}, newest first; or, with
 * {@code minId}, the results immediately newer than it (still returned newest first). Null bounds are absent.
 */
public record PageRequest(Long maxId, Long sinceId, Long minId, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 40;

    /** Clamps {@code limit} into 1..{@value MAX_LIMIT} ({@value DEFAULT_LIMIT} when null), as Mastodon does. */
    public static PageRequest of(Long maxId, Long sinceId, Long minId, Integer limit) {
        int n = limit == null ? DEFAULT_LIMIT : Math.clamp(limit, 1, MAX_LIMIT);
        return new PageRequest(maxId, sinceId, minId, n);
    }

    public static PageRequest first(int limit) {
        return of(null, null, null, limit);
    }
}
