package dev.colossus.social.trends;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TrendTrackerTest {

    static final Instant NOW = Instant.parse("2026-05-08T12:30:00Z");
    final MutableClock clock = new MutableClock(NOW);
    final TrendTracker trends = new TrendTracker(clock, TrendTracker.Options.DEFAULT);

    private static Instant hoursAgo(double h) {
        return NOW.minusMillis((long) (h * 3_600_000));
    }

    /** {@code accounts} distinct accounts use the tag in each hour of [fromHoursAgo, toHoursAgo). */
    private void steady(String tag, int accounts, int fromHoursAgo, int toHoursAgo) {
        for (int h = fromHoursAgo; h > toHoursAgo; h--) {
            for (int a = 0; a < accounts; a++) trends.tagUsed(new TagUse(tag, 1000 + a, hoursAgo(h - 0.5)));
        }
    }

    private List<String> topNames() {
        return trends.topTags(0, 10).stream().map(TrendingTag::name).toList();
    }

    @Test
    void aTagUsedSteadilyAllWeekDoesNotTrendButANewBurstDoes() {
        steady("weather", 10, 168, 0);                      // far more uses in total
        for (int a = 0; a < 5; a++) trends.tagUsed(new TagUse("#Eclipse", a, hoursAgo(1)));
        assertThat(topNames()).containsExactly("eclipse");
    }

    @Test
    void aPopularTagSpikingAboveItsBaselineOutranksASmallNewTag() {
        steady("football", 5, 168, 4);
        steady("football", 25, 4, 0);
        for (int a = 0; a < 3; a++) trends.tagUsed(new TagUse("newthing", a, hoursAgo(0.2)));
        assertThat(topNames()).containsExactly("football", "newthing");
        assertThat(trends.topTags(0, 10).getFirst().score()).isGreaterThan(trends.topTags(0, 10).get(1).score() * 3);
    }

    @Test
    void oneAccountRepeatingATagCannotMakeItTrend() {
        for (int i = 0; i < 500; i++) trends.tagUsed(new TagUse("spam", 7, hoursAgo(i % 3 + 0.1)));
        assertThat(topNames()).isEmpty();
        trends.tagUsed(new TagUse("spam", 8, hoursAgo(0.1)));
        assertThat(topNames()).containsExactly("spam");
    }

    @Test
    void aBurstStopsTrendingOnceItLeavesTheRecentWindow() {
        for (int a = 0; a < 6; a++) trends.tagUsed(new TagUse("concert", a, hoursAgo(0.5)));
        assertThat(topNames()).containsExactly("concert");
        clock.advance(Duration.ofHours(5));
        assertThat(topNames()).isEmpty();
    }

    @Test
    void historyHasSevenUtcDaysNewestFirstWithUsesAndDistinctAccountsAsStrings() {
        trends.tagUsed(new TagUse("jazz", 1, Instant.parse("2026-05-08T01:00:00Z")));
        trends.tagUsed(new TagUse("jazz", 1, Instant.parse("2026-05-08T02:00:00Z")));
        trends.tagUsed(new TagUse("jazz", 2, Instant.parse("2026-05-08T09:00:00Z")));
        trends.tagUsed(new TagUse("jazz", 5, Instant.parse("2026-05-08T11:00:00Z")));
        trends.tagUsed(new TagUse("JAZZ", 3, Instant.parse("2026-05-06T23:59:59Z")));
        trends.tagUsed(new TagUse("jazz", 4, Instant.parse("2026-04-20T10:00:00Z"))); // beyond the window
        List<DayHistory> h = trends.history("#jazz");
        assertThat(h).hasSize(7);
        assertThat(h.getFirst()).isEqualTo(new DayHistory(Long.toString(Instant.parse("2026-05-08T00:00:00Z").getEpochSecond()), "4", "3"));
        assertThat(h.get(1)).isEqualTo(new DayHistory(Long.toString(Instant.parse("2026-05-07T00:00:00Z").getEpochSecond()), "0", "0"));
        assertThat(h.get(2)).isEqualTo(new DayHistory(Long.toString(Instant.parse("2026-05-06T00:00:00Z").getEpochSecond()), "1", "1"));
        assertThat(h.getLast().day()).isEqualTo(Long.toString(Instant.parse("2026-05-02T00:00:00Z").getEpochSecond()));
        assertThat(trends.history("never-seen")).hasSize(7).allSatisfy(d -> assertThat(d.uses()).isEqualTo("0"));
        assertThat(trends.topTags(0, 10).getFirst().history()).isEqualTo(h);
    }

    @Test
    void postsLikedByManyNowOutrankPostsLikedEarlier() {
        for (int a = 0; a < 30; a++) trends.postEngaged(new Engagement(1, a, hoursAgo(30 + a % 5))); // yesterday's hit
        for (int a = 0; a < 8; a++) trends.postEngaged(new Engagement(2, a, hoursAgo(1)));
        for (int a = 0; a < 3; a++) trends.postEngaged(new Engagement(3, a, hoursAgo(2)));
        assertThat(trends.topPosts(0, 10)).extracting(TrendingPost::postId).containsExactly(2L, 3L);
        trends.forgetPost(2);
        assertThat(trends.topPosts(0, 10)).extracting(TrendingPost::postId).containsExactly(3L);
    }

    @Test
    void bulkFeedRecoversTheSameTrendsAsLiveEvents() {
        List<TagUse> uses = new ArrayList<>();
        for (int a = 0; a < 5; a++) uses.add(new TagUse("launch", a, hoursAgo(a)));
        for (int a = 0; a < 3; a++) uses.add(new TagUse("rain", a, hoursAgo(0.5)));
        uses.forEach(trends::tagUsed);
        TrendTracker recovered = new TrendTracker(clock, TrendTracker.Options.DEFAULT);
        recovered.feedTagUses(uses.reversed().stream());
        assertThat(recovered.topTags(0, 10)).isEqualTo(trends.topTags(0, 10));
        assertThat(recovered.topTags(0, 10)).extracting(TrendingTag::name).containsExactlyInAnyOrder("launch", "rain");
    }

    @Test
    void pagingSkipsAndLimits() {
        for (int t = 0; t < 5; t++) {
            for (int a = 0; a <= t + 2; a++) trends.tagUsed(new TagUse("t" + t, a, hoursAgo(1)));
        }
        assertThat(trends.topTags(0, 2)).extracting(TrendingTag::name).containsExactly("t4", "t3");
        assertThat(trends.topTags(2, 2)).extracting(TrendingTag::name).containsExactly("t2", "t1");
        assertThat(trends.topTags(4, 2)).extracting(TrendingTag::name).containsExactly("t0");
    }

    @Test
    void concurrentEventsAreAllCounted() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            pool.submit(() -> {
                for (int i = 0; i < 1000; i++) trends.tagUsed(new TagUse("busy", thread * 1000 + i, hoursAgo(0.2)));
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(trends.history("busy").getFirst().uses()).isEqualTo("8000");
        assertThat(trends.history("busy").getFirst().accounts()).isEqualTo("8000");
    }
}
