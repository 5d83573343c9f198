package dev.colossus.social;

/**
 * Mastodon's id-based paging: results older than {@code maxId} and newer than {@code sinceId}, newest first; or, with
 * {@code minId}, the results immediately newer than it (still returned newest first). Null bounds are absent.
 */
public record PageRequest(Long maxId, Long sinceId, Long minId, int limit) {

    /** Mastodon's page sizes for posts: 20 by default, at most 40. */
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 40;
    /** Mastodon's page sizes for notifications and lists of accounts: 40 by default, at most 80. */
    public static final int LONG_DEFAULT_LIMIT = 40;
    public static final int LONG_MAX_LIMIT = 80;

    /** Clamps {@code limit} into 1..{@value MAX_LIMIT} ({@value DEFAULT_LIMIT} when null), as Mastodon does for posts. */
    public static PageRequest of(Long maxId, Long sinceId, Long minId, Integer limit) {
        return of(maxId, sinceId, minId, limit, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** Clamps {@code limit} into 1..{@code maxLimit} ({@code defaultLimit} when null). */
    public static PageRequest of(Long maxId, Long sinceId, Long minId, Integer limit, int defaultLimit, int maxLimit) {
        int n = limit == null ? defaultLimit : Math.clamp(limit, 1, maxLimit);
        return new PageRequest(maxId, sinceId, minId, n);
    }

    public static PageRequest first(int limit) {
        return of(null, null, null, limit);
    }
}
