package dev.colossus.social.demo;

import dev.colossus.social.Account;
import dev.colossus.social.Post;
import dev.colossus.social.Visibility;
import dev.colossus.social.service.AccountService;
import dev.colossus.social.service.PostService;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the demo network alive ({@code serve --demo-live}): every interval it publishes the next {@link DemoLiveFeed}
 * post through {@link PostService}, the path users post through, so the event bus, streams, search and trends see
 * it. Posts are written by the demo people; one whose author is not in the store (a network seeded without the
 * demo) is skipped. Replies point at the live post they answer while it is among the last few dozen.
 */
public final class LiveDemo implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LiveDemo.class.getName());
    private static final int REMEMBERED = 64;

    private final PostService posts;
    private final AccountService accounts;
    private final DemoLiveFeed feed;
    private final ScheduledExecutorService scheduler;
    private final Map<Integer, Long> published = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    private LiveDemo(PostService posts, AccountService accounts, long seed) {
        this.posts = posts;
        this.accounts = accounts;
        this.feed = new DemoLiveFeed(seed, DemoGenerator.Size.DEFAULT.accounts());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("colossus-demo-live").unstarted(r));
    }

    /** Starts posting every {@code interval}, the first post after one interval. */
    public static LiveDemo start(PostService posts, AccountService accounts, long seed, Duration interval) {
        LiveDemo demo = new LiveDemo(posts, accounts, seed);
        long every = interval.toMillis();
        demo.scheduler.scheduleWithFixedDelay(demo::publishNext, every, every, TimeUnit.MILLISECONDS);
        return demo;
    }

    private void publishNext() {
        try {
            LivePost post = feed.next(Instant.now());
            Optional<Account> author = accounts.lookup(post.author());
            if (author.isEmpty()) return;
            Long parent = post.replyTo() < 0 ? null : published.get(post.replyTo());
            Post created = posts.create(author.get().id(), null,
                    new PostService.NewPost(post.text(), parent, Visibility.PUBLIC, null, false, null), null);
            published.put(post.number(), created.id());
        } catch (RuntimeException e) {
            // A failed post (its parent deleted meanwhile, the store busy) must not stop the feed.
            LOG.log(System.Logger.Level.WARNING, "demo live post failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
