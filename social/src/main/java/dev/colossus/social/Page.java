package dev.colossus.social;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One page of results, newest first, with the cursors for Mastodon's {@code Link} header: pass {@code nextMaxId} as
 * {@code max_id} for older results and {@code prevMinId} as {@code min_id} for newer ones (both null when empty).
 */
public record Page<T>(List<T> items, Long nextMaxId, Long prevMinId) {

    /**
     * The page of {@code rows} read for {@code request}: rows read oldest first (what a {@code min_id} request reads,
     * the rows right after it) are turned newest first; {@code cursor} gives each row's paging id.
     */
    public static <T> Page<T> of(PageRequest request, List<T> rows, ToLongFunction<T> cursor) {
        List<T> items = new ArrayList<>(rows);
        if (request.minId() != null) Collections.reverse(items);
        if (items.isEmpty()) return new Page<>(List.of(), null, null);
        return new Page<>(items, cursor.applyAsLong(items.getLast()), cursor.applyAsLong(items.getFirst()));
    }
}
