package dev.colossus.social;

import java.util.List;

/**
 * One page of results, newest first, with the cursors for Mastodon's {@code Link} header: pass {@code nextMaxId} as
 * {@code max_id} for older results and {@code prevMinId} as {@code min_id} for newer ones (both null when empty).
 */
public record Page<T>(List<T> items, Long nextMaxId, Long prevMinId) {
}
