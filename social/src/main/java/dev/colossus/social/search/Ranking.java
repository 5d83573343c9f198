package dev.colossus.social.search;

import java.time.Duration;
import java.util.stream.IntStream;

/**
 * How relevance, recency and engagement blend into a post's score.
 *
 * <pre>
 * score      = bm25(text) × recency × engagement
 * recency    = floor + (1 − floor) × 2^(−age / halfLife)
 * engagement = 1 + engagementWeight × ln(1 + likes + 2 × reposts)
 * </pre>
 *
 * where {@code age} is the time since the post was created (0 for posts dated in the future). With the defaults
 * (floor 0.05, half-life 24 hours, weight 0.15) a post from a day ago weighs about half a fresh one, a week-old post
 * about 6%, and 100 likes multiply the score by about 1.7. Among equal text matches the newer and then the more
 * liked post wins; an older post needs a proportionally better text match to beat a fresh one, which is what a live
 * network's search wants; and when only old posts match, they are found and ordered by relevance.
 *
 * <p>The steep decay is also what keeps search fast: the index searches newer posts first and stops as soon as no
 * older post could still reach the page (see {@link SearchIndex#searchPosts}).
 *
 * @param recencyFloor     weight of a very old post relative to a fresh one, in (0, 1]
 * @param halfLife         age at which the recency weight above the floor halves, positive
 * @param engagementWeight weight of the log engagement, at least 0
 */
public record Ranking(double recencyFloor, Duration halfLife, double engagementWeight) {

    /** floor 0.05, half-life 24 hours, engagement weight 0.15. */
    public static final Ranking DEFAULT = new Ranking(0.05, Duration.ofHours(24), 0.15);

    public Ranking {
        if (!(recencyFloor > 0 && recencyFloor <= 1)) throw new IllegalArgumentException("recencyFloor must be in (0, 1]");
        if (engagementWeight < 0) throw new IllegalArgumentException("engagementWeight must not be negative");
        if (halfLife.isNegative() || halfLife.isZero()) throw new IllegalArgumentException("halfLife must be positive");
    }

    /** The recency factor for a post of this age in milliseconds; never increases with age. */
    public double recency(long ageMillis) {
        return recencyFloor + (1 - recencyFloor) * Math.pow(2, -Math.max(0, ageMillis) / (double) halfLife.toMillis());
    }

    /** The engagement factor; never decreases with more likes or reposts. */
    public double engagement(long likes, long reposts) {
        double n = Math.max(0, likes) + 2.0 * Math.max(0, reposts);
        // Search computes this for every match it scores, and Math.log1p is not intrinsic: small counts are looked up.
        return 1 + engagementWeight * (n < LOG1P.length ? LOG1P[(int) n] : Math.log1p(n));
    }

    /** Math.log1p of 0, 1, 2, ...: the same values, for the counts most posts have. */
    private static final double[] LOG1P = IntStream.range(0, 4096).mapToDouble(Math::log1p).toArray();

    /** The multiplier applied to BM25. */
    public double boost(long ageMillis, long likes, long reposts) {
        return recency(ageMillis) * engagement(likes, reposts);
    }
}
