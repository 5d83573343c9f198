package dev.colossus.social.trends;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key event counts in hour buckets over a sliding horizon, and the "rising now" score of each key.
 * Thread safe: keys live in a concurrent map and each key's buckets are guarded by their own lock.
 *
 * @param <K> the key type (a hashtag, a post id); equal scores are ordered by key, so pages do not overlap
 */
final class RisingCounter<K extends Comparable<K>> {

    static final long HOUR_MS = 3_600_000L;

    private final TrendTracker.Options options;
    private final Map<K, Series> series = new ConcurrentHashMap<>();

    RisingCounter(TrendTracker.Options options) {
        this.options = options;
    }

    /** Counts one event by {@code account} at {@code atMs}; events older than the horizon are ignored. */
    void record(K key, long account, long atMs, long nowMs) {
        long hour = Math.floorDiv(Math.min(atMs, nowMs), HOUR_MS);
        if (hour <= oldestHour(nowMs)) return;
        series.computeIfAbsent(key, k -> new Series()).add(hour, account);
    }

    void forget(K key) {
        series.remove(key);
    }

    /** Keys whose score is positive, hottest first (ties by key), at most {@code limit} after skipping {@code offset}. */
    List<Map.Entry<K, Double>> top(int offset, int limit, long nowMs) {
        long nowHour = Math.floorDiv(nowMs, HOUR_MS);
        List<Map.Entry<K, Double>> scored = new ArrayList<>();
        series.entrySet().removeIf(e -> e.getValue().pruneAndIsEmpty(oldestHour(nowMs)));
        for (Map.Entry<K, Series> e : series.entrySet()) {
            double s = e.getValue().score(nowHour);
            if (s > 0) scored.add(Map.entry(e.getKey(), s));
        }
        scored.sort(Map.Entry.<K, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        int from = Math.min(offset, scored.size());
        return scored.subList(from, (int) Math.min((long) from + limit, scored.size()));
    }

    /** Score of one key now (0 when not rising). */
    double score(K key, long nowMs) {
        Series s = series.get(key);
        return s == null ? 0 : s.score(Math.floorDiv(nowMs, HOUR_MS));
    }

    /** Uses and distinct accounts per UTC day for the last {@code days} days, newest first. */
    List<DayHistory> history(K key, int days, long nowMs) {
        long today = Math.floorDiv(nowMs, 24 * HOUR_MS);
        Series s = series.get(key);
        List<DayHistory> out = new ArrayList<>(days);
        for (long d = today; d > today - days; d--) {
            long[] counts = s == null ? new long[2] : s.day(d);
            out.add(new DayHistory(Long.toString(d * 86_400L), Long.toString(counts[0]), Long.toString(counts[1])));
        }
        return out;
    }

    private long oldestHour(long nowMs) {
        return Math.floorDiv(nowMs, HOUR_MS) - options.baselineWindow().toHours() - 1;
    }

    /** One key's hour buckets. */
    private final class Series {
        private final TreeMap<Long, Bucket> buckets = new TreeMap<>();

        synchronized void add(long hour, long account) {
            Bucket b = buckets.computeIfAbsent(hour, h -> new Bucket());
            b.uses++;
            b.accounts.add(account);
        }

        synchronized boolean pruneAndIsEmpty(long oldestHour) {
            buckets.headMap(oldestHour, true).clear();
            return buckets.isEmpty();
        }

        /**
         * observed = distinct accounts per hour summed over the recent window; expected = the same per hour over the
         * baseline window before it, times the recent window's hours; score = (observed − expected) / √(expected + prior)
         * when observed exceeds expected and enough distinct accounts took part, else 0.
         */
        synchronized double score(long nowHour) {
            long recentHours = options.recentWindow().toHours();
            long baselineHours = options.baselineWindow().toHours() - recentHours;
            long recentStart = nowHour - recentHours + 1;
            long baselineStart = recentStart - baselineHours;
            double observed = 0;
            double baseline = 0;
            Set<Long> recentAccounts = new HashSet<>();
            for (Map.Entry<Long, Bucket> e : buckets.tailMap(baselineStart, true).entrySet()) {
                int distinct = e.getValue().accounts.size();
                if (e.getKey() >= recentStart) {
                    observed += distinct;
                    recentAccounts.addAll(e.getValue().accounts);
                } else {
                    baseline += distinct;
                }
            }
            if (recentAccounts.size() < options.minAccounts()) return 0;
            double expected = baseline / baselineHours * recentHours;
            if (observed <= expected) return 0;
            return (observed - expected) / Math.sqrt(expected + options.prior());
        }

        synchronized long[] day(long day) {
            long uses = 0;
            Set<Long> accounts = new HashSet<>();
            for (Bucket b : buckets.subMap(day * 24, true, day * 24 + 23, true).values()) {
                uses += b.uses;
                accounts.addAll(b.accounts);
            }
            return new long[]{uses, accounts.size()};
        }
    }

    private static final class Bucket {
        int uses;
        final Set<Long> accounts = new HashSet<>(4);
    }
}
