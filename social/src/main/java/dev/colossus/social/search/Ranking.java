package dev.colossus.social.search;

import java.time.Duration;

/**
 * How relevance, recency and engagement blend into a post's score.
 *
 * <pre>
 * score = bm25(text) × (1 + recencyWeight × 2^(−age / halfLife)) × (1 + engagementWeight × ln(1 + likes + 2 × reposts))
 * </pre>
 *
 * where {@code age} is the time since the post was created (0 for posts dated in the future). With the defaults a
 * post from now gets twice the weight of a very old one, a day-old post 1.5 times, and 100 likes multiply the score by
 * about 1.7. Text relevance stays the main signal: a much better match beats a fresher or more liked one, while equal
 * matches are ordered by recency and engagement.
 *
 * @param recencyWeight    extra weight of a brand-new post, at least 0
 * @param halfLife         age at which the recency bonus halves, positive
 * @param engagementWeight weight of the log engagement, at least 0
 */
public record Ranking(double recencyWeight, Duration halfLife, double engagementWeight) {

    /** recencyWeight 1.0, halfLife 24 hours, engagementWeight 0.15. */
    public static final Ranking DEFAULT = new Ranking(1.0, Duration.ofHours(24), 0.15);

    public Ranking {
        if (recencyWeight < 0 || engagementWeight < 0) throw new IllegalArgumentException("weights must not be negative");
        if (halfLife.isNegative() || halfLife.isZero()) throw new IllegalArgumentException("halfLife must be positive");
    }

    /** The multiplier applied to BM25 for a post of this age (milliseconds) and engagement. */
    public double boost(long ageMillis, long likes, long reposts) {
        double recency = 1 + recencyWeight * Math.pow(2, -Math.max(0, ageMillis) / (double) halfLife.toMillis());
        double engagement = 1 + engagementWeight * Math.log1p(Math.max(0, likes) + 2.0 * Math.max(0, reposts));
        return recency * engagement;
    }
}
