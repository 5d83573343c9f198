package dev.colossus.social.search;

import java.util.List;

/**
 * One page of search results.
 *
 * @param hits      the page, best first
 * @param totalHits how many documents matched in all (may be a lower bound above 1,000 for post searches)
 * @param <T>       the hit type
 */
public record SearchResult<T>(List<T> hits, long totalHits) {

    public SearchResult {
        hits = List.copyOf(hits);
    }
}
