package dev.colossus.social.search;

import dev.colossus.social.PostQuery;

import dev.colossus.social.demo.SyntheticCorpus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Measures the search index on a synthetic corpus: the bulk indexing rate, search latency under concurrent clients,
 * and, while posts keep arriving at a fixed rate, search latency again and how long each new post takes to become
 * searchable.
 *
 * <pre>
 * bench/java-bench social dev.colossus.social.search.SearchBenchmark [--posts 1000000] [--threads 16] [--seconds 20] [--warmup 5] [--write-rate 1000] [--dir DIR]
 * </pre>
 *
 * With {@code --dir} an index of the right size left by an earlier run is reused; otherwise a temporary one is built
 * and deleted. Results go to stdout, progress to stderr.
 */
public final class SearchBenchmark {

    /**
     * Settings.
     *
     * @param posts     posts in the index
     * @param threads   concurrent search clients
     * @param seconds   measured seconds per phase
     * @param warmup    unmeasured seconds before the first phase
     * @param writeRate posts per second indexed during the mixed phase
     * @param dir       where the index lives, or null for a temporary directory
     */
    public record Config(long posts, int threads, int seconds, int warmup, int writeRate, Path dir) {
        public static final Config DEFAULT = new Config(1_000_000, 16, 20, 5, 1000, null);
    }

    /** Latency percentiles in milliseconds, and throughput. */
    public record Latency(long count, double perSecond, double p50, double p99, double max) {
        @Override
        public String toString() {
            return String.format("%,d ops, %.0f/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms", count, perSecond, p50, p99, max);
        }
    }

    /** Everything measured. */
    public record Report(long posts, double indexPostsPerSecond, Latency search, Latency searchWhileWriting,
                         double writesPerSecond, Latency freshness) {
    }

    private static final long WRITE_IDS = 1L << 40;
    private static final long PROBE_IDS = 1L << 41;
    private static final Instant END = Instant.parse("2026-05-01T00:00:00Z");

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Config c = Config.DEFAULT;
        for (int i = 0; i < args.length; i += 2) {
            String v = i + 1 < args.length ? args[i + 1] : "";
            c = switch (args[i]) {
                case "--posts" -> new Config(Long.parseLong(v), c.threads(), c.seconds(), c.warmup(), c.writeRate(), c.dir());
                case "--threads" -> new Config(c.posts(), Integer.parseInt(v), c.seconds(), c.warmup(), c.writeRate(), c.dir());
                case "--seconds" -> new Config(c.posts(), c.threads(), Integer.parseInt(v), c.warmup(), c.writeRate(), c.dir());
                case "--warmup" -> new Config(c.posts(), c.threads(), c.seconds(), Integer.parseInt(v), c.writeRate(), c.dir());
                case "--write-rate" -> new Config(c.posts(), c.threads(), c.seconds(), c.warmup(), Integer.parseInt(v), c.dir());
                case "--dir" -> new Config(c.posts(), c.threads(), c.seconds(), c.warmup(), c.writeRate(), Path.of(v));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            };
        }
        Report r = run(c, System.err);
        System.out.printf("posts                 %,d%n", r.posts());
        System.out.printf("index build           %s%n", Double.isNaN(r.indexPostsPerSecond()) ? "reused" : String.format("%,.0f posts/s", r.indexPostsPerSecond()));
        System.out.printf("search (%d clients)    %s%n", c.threads(), r.search());
        System.out.printf("search while writing  %s%n", r.searchWhileWriting());
        System.out.printf("writes                %,.0f posts/s%n", r.writesPerSecond());
        System.out.printf("new post searchable   %s%n", r.freshness());
    }

    /** Runs all phases; progress lines go to {@code log}. */
    public static Report run(Config c, PrintStream log) throws IOException, InterruptedException {
        SyntheticCorpus corpus = new SyntheticCorpus(42, c.posts(), END, Duration.ofDays(30));
        Path dir = c.dir() != null ? c.dir() : Files.createTempDirectory("colossus-search-bench");
        // "now" is the corpus end, so recency matters in the ranking as it would on a live server.
        SearchIndex.Options options = SearchIndex.Options.DEFAULT.withClock(Clock.fixed(END, java.time.ZoneOffset.UTC));
        long start = System.nanoTime();
        try (SearchIndex index = SearchIndex.open(dir, source(corpus), options,
                (done, total) -> log.printf("indexed %,d / %,d%n", done, total))) {
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            double rate = index.openReport().rebuilt() ? index.openReport().postsFed() / buildSeconds : Double.NaN;
            if (!index.openReport().rebuilt()) log.println("reusing the index in " + dir);
            long have = index.postCount();
            if (have != c.posts()) throw new IllegalStateException(dir + " holds " + have + " posts, not " + c.posts() + "; delete it");

            log.println("warming up for " + c.warmup() + " s");
            searchPhase(index, corpus, c.threads(), c.warmup(), 1);
            log.println("searching for " + c.seconds() + " s");
            Latency search = searchPhase(index, corpus, c.threads(), c.seconds(), 2);

            log.println("searching while writing " + c.writeRate() + " posts/s for " + c.seconds() + " s");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong written = new AtomicLong();
            List<Long> freshness = new ArrayList<>();
            Thread writer = Thread.ofPlatform().name("bench-writer").start(() -> write(index, corpus, c, stop, written));
            Thread probe = Thread.ofPlatform().name("bench-probe").start(() -> probe(index, c, stop, freshness));
            long writeStart = System.nanoTime();
            Latency mixed = searchPhase(index, corpus, c.threads(), c.seconds(), 3);
            stop.set(true);
            writer.join();
            probe.join();
            double writeRate = written.get() / ((System.nanoTime() - writeStart) / 1e9);
            Latency fresh = summarize(freshness.stream().mapToLong(Long::longValue).toArray(), c.seconds());
            // Leaves a reusable index as it was built.
            for (long id = WRITE_IDS; id < WRITE_IDS + written.get(); id++) index.deletePost(id);
            for (long id = PROBE_IDS; id < PROBE_IDS + freshness.size() + 1; id++) index.deletePost(id);
            return new Report(have, rate, search, mixed, writeRate, fresh);
        } finally {
            if (c.dir() == null) deleteTree(dir);
        }
    }

    private static IndexSource source(SyntheticCorpus corpus) {
        return new IndexSource() {
            @Override
            public long postCount() {
                return corpus.count();
            }

            @Override
            public Stream<IndexedPost> posts(long afterId) {
                return LongStream.rangeClosed(afterId + 1, corpus.count()).mapToObj(id -> toIndexed(corpus.post(id)));
            }

            @Override
            public Stream<IndexedAccount> accounts(long afterId) {
                return Stream.empty();
            }
        };
    }

    private static IndexedPost toIndexed(SyntheticCorpus.Post p) {
        return new IndexedPost(p.id(), Long.parseLong(p.author().substring(1)) + 1, p.text(), p.createdAt(),
                IndexedPost.Visibility.PUBLIC, p.likes(), 0, p.replyTo(), p.tags());
    }

    /** {@code threads} clients searching back to back for {@code seconds}; latencies of all of them. */
    private static Latency searchPhase(SearchIndex index, SyntheticCorpus corpus, int threads, int seconds, long seed)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long[][] perThread = new long[threads][];
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread.ofPlatform().name("bench-search-" + t).start(() -> {
                Random rng = new Random(seed * 1000 + id);
                long[] lat = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    PostQuery q = PostQuery.of(corpus.query(rng));
                    long s = System.nanoTime();
                    index.searchPosts(q);
                    if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                    lat[n++] = System.nanoTime() - s;
                }
                perThread[id] = Arrays.copyOf(lat, n);
                done.countDown();
            });
        }
        done.await();
        return summarize(Arrays.stream(perThread).flatMapToLong(Arrays::stream).toArray(), seconds);
    }

    /** New posts at a steady rate, continuing the corpus ids and times. */
    private static void write(SearchIndex index, SyntheticCorpus corpus, Config c, AtomicBoolean stop, AtomicLong written) {
        long intervalNanos = 1_000_000_000L / c.writeRate();
        long next = System.nanoTime();
        long id = WRITE_IDS;
        while (!stop.get()) {
            SyntheticCorpus.Post p = corpus.post(1 + (id % corpus.count()));
            index.indexPost(new IndexedPost(id++, 1, p.text(), END, IndexedPost.Visibility.PUBLIC, 0, 0, 0, p.tags()));
            written.incrementAndGet();
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) sleepNanos(wait);
        }
    }

    /** Five times a second, indexes a post with a unique word and times until a search finds it. */
    private static void probe(SearchIndex index, Config c, AtomicBoolean stop, List<Long> out) {
        long id = PROBE_IDS;
        while (!stop.get()) {
            String word = "probe" + id;
            long s = System.nanoTime();
            index.indexPost(new IndexedPost(id++, 2, "freshness " + word, END, IndexedPost.Visibility.PUBLIC, 0, 0, 0, List.of()));
            while (index.searchPosts(PostQuery.of(word).withPage(0, 1)).hits().isEmpty()) {
                if (System.nanoTime() - s > 10_000_000_000L) break; // report it as 10 s rather than hang
                sleepNanos(2_000_000);
            }
            synchronized (out) {
                out.add(System.nanoTime() - s);
            }
            sleepNanos(200_000_000);
        }
    }

    private static Latency summarize(long[] nanos, int seconds) {
        if (nanos.length == 0) return new Latency(0, 0, Double.NaN, Double.NaN, Double.NaN);
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latency(sorted.length, sorted.length / (double) seconds, ms(percentile(sorted, 0.50)),
                ms(percentile(sorted, 0.99)), ms(sorted[sorted.length - 1]));
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.deleteIfExists(p);
        }
    }
}
