package dev.colossus.social.service;

import dev.colossus.social.PollLimits;
import dev.colossus.social.Visibility;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.store.Sql;
import dev.colossus.social.store.PostRows;
import dev.colossus.social.store.StoreTrendSource;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.trends.TrendTracker;
import dev.colossus.social.trends.TrendingTag;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Measures how long {@link TrendService#start} takes to replay a busy week from the store: it fills an empty store
 * with a week of public posts (two hashtags and one favourite each, from 1,000 accounts and 2,000 tags), then replays
 * it a few times and prints the wall time and the replaying thread's CPU time (the latter is what a loaded machine
 * does not distort).
 *
 * <pre>
 * java -cp app/target/colossus.jar dev.colossus.social.service.TrendReplayBenchmark POSTS [JDBC-URL USER PASSWORD]
 * </pre>
 *
 * Without a URL the store is SQLite in a temporary directory; a PostgreSQL database given by URL must be empty.
 */
public final class TrendReplayBenchmark {

    private static final int ACCOUNTS = 1000;
    private static final int TAGS = 2000;
    private static final int RUNS = 3;

    private TrendReplayBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 && args.length != 4) {
            System.err.println("usage: TrendReplayBenchmark POSTS [JDBC-URL USER PASSWORD]");
            System.exit(2);
        }
        int posts = Integer.parseInt(args[0]);
        Path temp = args.length == 4 ? null : Files.createTempDirectory("trend-replay");
        try (Database db = temp == null ? Database.open(args[1], args[2], args[3]) : Database.sqlite(temp)) {
            long loadStart = System.nanoTime();
            long now = System.currentTimeMillis();
            load(db, posts, now);
            System.err.printf("loaded %,d posts in %.1f s%n", posts, (System.nanoTime() - loadStart) / 1e9);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int run = 1; run <= RUNS; run++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                try (TrendService trends = TrendService.start(new StoreTrendSource(db),
                        new PostService(db, new Snowflakes(), new EventBus(), 500, PollLimits.DEFAULT,
                                Clock.systemUTC()), new EventBus(), Clock.systemUTC(),
                        TrendTracker.Options.DEFAULT)) {
                    double wallS = (System.nanoTime() - wall) / 1e9;
                    double cpuS = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
                    System.out.printf("replay %d of %,d posts (2 tags, 1 favourite each): %.2f s wall, %.2f s CPU; top %s%n",
                            run, posts, wallS, cpuS,
                            trends.tags(0, 3).stream().map(TrendingTag::name).toList());
                }
            }
        } finally {
            if (temp != null) {
                try (Stream<Path> files = Files.walk(temp)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** A week of posts at random times, each with two tags (one of 2,000, one of 50) and one favourite. */
    private static void load(Database db, int posts, long now) {
        Snowflakes ids = new Snowflakes();
        Random rng = new Random(1);
        long week = Duration.ofDays(7).toMillis();
        db.write(c -> {
            for (int i = 1; i <= ACCOUNTS; i++) Accounts.insert(c, i, "user" + i, null, null, null, false, now - week);
            return null;
        });
        for (int batch = 0; batch < posts; batch += 10_000) {
            int from = batch, to = Math.min(posts, batch + 10_000);
            db.write(c -> {
                for (int i = from; i < to; i++) {
                    long at = now - (long) (rng.nextDouble() * week);
                    long id = ids.at(at);
                    PostRows.insert(c, new PostRows.NewRow(id, 1 + rng.nextInt(ACCOUNTS), "post " + i, "", false,
                                    Visibility.PUBLIC, null, null, null, null, null, null, at, 0), List.of(),
                            new LinkedHashSet<>(List.of("tag" + rng.nextInt(TAGS), "tag" + rng.nextInt(50))), ids);
                    Sql.update(c, "INSERT INTO favourites (id, account_id, status_id) VALUES (?, ?, ?)",
                            ids.at(at + rng.nextInt(1000)), 1 + rng.nextInt(ACCOUNTS), id);
                }
                return null;
            });
        }
    }
}
