package dev.colossus.social.trends;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Hashtags and posts that are rising now compared with their own recent baseline.
 *
 * <p>Fed by events: {@link #tagUsed} for each hashtag of each new public post, {@link #postEngaged} for each like or
 * repost of a public post. At startup, {@link #feedTagUses} and {@link #feedEngagements} replay the last
 * {@link Options#baselineWindow()} from the store; events older than that are ignored.
 *
 * <p><b>Score.</b> Events fall into UTC hour buckets; an account counts at most once per key and hour, so one account
 * posting a tag a hundred times cannot make it trend.
 * <pre>
 * observed = Σ distinct accounts per hour over the recent window (default the last 4 hours, the current one included)
 * expected = (Σ distinct accounts per hour over the rest of the baseline window (7 days)) / its hours × recent hours
 * score    = (observed − expected) / √(expected + prior)     if observed > expected and ≥ minAccounts accounts took part
 * </pre>
 * a z-score-like measure: a tag nobody used before needs a few accounts to rise, a popular tag must rise well above its
 * usual rate, and the {@code prior} (default 2) keeps tiny baselines from producing huge scores.
 *
 * <p>Thread safe. Cost of a query is linear in the keys seen within the baseline window; it also drops keys with no
 * events left in the window.
 */
public final class TrendTracker {

    /** Days of history returned for each tag, as Mastodon does. */
    public static final int HISTORY_DAYS = 7;

    /**
     * Tuning.
     *
     * @param recentWindow   the "now" window, whole hours, at least 1
     * @param baselineWindow how far back events count, whole hours, longer than {@code recentWindow}
     * @param prior          smoothing added to the expected count, positive
     * @param minAccounts    distinct accounts needed in the recent window to trend
     */
    public record Options(Duration recentWindow, Duration baselineWindow, double prior, int minAccounts) {
        /** 4 hours against 7 days, prior 2, at least 2 accounts. */
        public static final Options DEFAULT = new Options(Duration.ofHours(4), Duration.ofDays(7), 2.0, 2);

        public Options {
            if (recentWindow.toHours() < 1) throw new IllegalArgumentException("recentWindow must be at least an hour");
            if (baselineWindow.toHours() <= recentWindow.toHours()) throw new IllegalArgumentException("baselineWindow must be longer");
            if (!(prior > 0)) throw new IllegalArgumentException("prior must be positive");
            if (minAccounts < 1) throw new IllegalArgumentException("minAccounts must be at least 1");
        }
    }

    private final Clock clock;
    private final RisingCounter<String> tags;
    private final RisingCounter<Long> posts;

    /** A tracker that reads "now" from {@code clock}. */
    public TrendTracker(Clock clock, Options options) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tags = new RisingCounter<>(Objects.requireNonNull(options, "options"));
        this.posts = new RisingCounter<>(options);
    }

    /** Records that {@code use.accountId()} used {@code use.tag()} at {@code use.at()}. Blank tags are ignored. */
    public void tagUsed(TagUse use) {
        String tag = normalize(use.tag());
        if (!tag.isEmpty()) tags.record(tag, use.accountId(), use.at().toEpochMilli(), clock.millis());
    }

    /** Records a like or repost. */
    public void postEngaged(Engagement e) {
        posts.record(e.postId(), e.accountId(), e.at().toEpochMilli(), clock.millis());
    }

    /** Replays tag uses, e.g. from the store at startup; order does not matter. */
    public void feedTagUses(Stream<TagUse> uses) {
        uses.forEach(this::tagUsed);
    }

    /** Replays likes and reposts, e.g. from the store at startup; order does not matter. */
    public void feedEngagements(Stream<Engagement> engagements) {
        engagements.forEach(this::postEngaged);
    }

    /** Drops a post (deleted, or no longer public). */
    public void forgetPost(long postId) {
        posts.forget(postId);
    }

    /** The hottest rising tags with their seven-day history; Mastodon's default page is {@code 0, 10}. */
    public List<TrendingTag> topTags(int offset, int limit) {
        checkPage(offset, limit);
        long now = clock.millis();
        return tags.top(offset, limit, now).stream()
                .map(e -> new TrendingTag(e.getKey(), e.getValue(), tags.history(e.getKey(), HISTORY_DAYS, now)))
                .toList();
    }

    /** The hottest rising posts; Mastodon's default page is {@code 0, 20}. */
    public List<TrendingPost> topPosts(int offset, int limit) {
        checkPage(offset, limit);
        return posts.top(offset, limit, clock.millis()).stream()
                .map(e -> new TrendingPost(e.getKey(), e.getValue()))
                .toList();
    }

    /** A tag's seven-day history, newest first (zeros for a tag never seen), for Mastodon's Tag entity. */
    public List<DayHistory> history(String tag) {
        return tags.history(normalize(tag), HISTORY_DAYS, clock.millis());
    }

    private static String normalize(String tag) {
        String t = tag == null ? "" : tag.strip();
        while (t.startsWith("#")) t = t.substring(1);
        return t.toLowerCase(Locale.ROOT);
    }

    private static void checkPage(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 100) throw new IllegalArgumentException("bad page: offset " + offset + ", limit " + limit);
    }
}
