package dev.colossus.social.trends;

import java.util.List;

/**
 * A hashtag rising now.
 *
 * @param name    lower case, without {@code #}
 * @param score   how far recent use exceeds the baseline (see {@link TrendTracker}); larger is hotter
 * @param history the last seven days, newest first
 */
public record TrendingTag(String name, double score, List<DayHistory> history) {

    public TrendingTag {
        history = List.copyOf(history);
    }
}
