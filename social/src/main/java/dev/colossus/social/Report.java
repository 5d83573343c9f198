package dev.colossus.social;

import java.time.Instant;
import java.util.List;

/**
 * A report of an account to the network's moderators, as its reporter sees it.
 *
 * @param category spam, legal, violation or other
 * @param postIds  the reported posts (all by {@code target}), in the order given
 */
public record Report(long id, Account target, String category, String comment, List<Long> postIds, Instant createdAt) {

    public Report {
        postIds = List.copyOf(postIds);
    }
}
