package dev.colossus.social.service;

import dev.colossus.social.Post;
import dev.colossus.social.Visibility;
import dev.colossus.social.store.StoreTrendSource;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;
import dev.colossus.social.trends.Engagement;
import dev.colossus.social.trends.TagUse;
import dev.colossus.social.trends.TrendTracker;
import dev.colossus.social.trends.TrendingPost;
import dev.colossus.social.trends.TrendingTag;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Trending hashtags and posts of the network, kept current from the event bus: each hashtag of a new public post,
 * each favourite and reblog of a public post, and each deleted post reach the {@link TrendTracker} as they are
 * published. On start the last {@link TrendTracker.Options#baselineWindow()} of activity is replayed from the store,
 * so trends survive a restart. Thread-safe.
 */
public final class TrendService implements AutoCloseable {

    private static final Duration SLICE = Duration.ofHours(1);

    private final TrendTracker tracker;
    private final PostService posts;
    private final EventBus.Subscription subscription;

    private TrendService(TrendTracker tracker, PostService posts, EventBus bus) {
        this.tracker = tracker;
        this.posts = posts;
        this.subscription = bus.subscribe(this::onEvent);
    }

    /**
     * Subscribes to {@code bus}, then replays the store's recent activity. Start it before the network takes writes:
     * one made during the replay may be counted twice.
     */
    public static TrendService start(StoreTrendSource store, PostService posts, EventBus bus, Clock clock,
                                     TrendTracker.Options options) {
        TrendService service = new TrendService(new TrendTracker(clock, options), posts, bus);
        try {
            // One hour of rows per read keeps memory bounded however busy the week was.
            long now = clock.millis();
            for (long from = now - options.baselineWindow().toMillis(); from <= now; from += SLICE.toMillis()) {
                long to = from + SLICE.toMillis();
                service.tracker.feedTagUses(store.tagUses(from, to).stream());
                service.tracker.feedEngagements(store.engagements(from, to).stream());
            }
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    private void onEvent(SocialEvent event) {
        switch (event) {
            case SocialEvent.PostCreated(Post s) when s.visibility() != Visibility.PUBLIC -> { }
            case SocialEvent.PostCreated(Post s) when s.reblog() != null ->
                    tracker.postEngaged(new Engagement(s.reblog().id(), s.account().id(), s.createdAt()));
            case SocialEvent.PostCreated(Post s) ->
                    s.tags().forEach(tag -> tracker.tagUsed(new TagUse(tag, s.account().id(), s.createdAt())));
            case SocialEvent.PostFavourited(Post s, long accountId, var at) when s.visibility() == Visibility.PUBLIC ->
                    tracker.postEngaged(new Engagement(s.id(), accountId, at));
            case SocialEvent.PostDeleted(Post s) when s.reblog() == null -> tracker.forgetPost(s.id());
            default -> { }
        }
    }

    /** The hottest rising hashtags with their seven-day history; {@code limit} 1 to 100. */
    public List<TrendingTag> tags(int offset, int limit) {
        return tracker.topTags(offset, limit);
    }

    /**
     * The hottest rising public posts, as {@code viewerId} (nullable) sees them; {@code limit} 1 to 100. Posts gone
     * from the store, and those of accounts the viewer blocks, mutes or is blocked by, are left out, so a page may be
     * short.
     */
    public List<Post> posts(int offset, int limit, Long viewerId) {
        List<Long> ids = tracker.topPosts(offset, limit).stream().map(TrendingPost::postId).toList();
        return posts.shownList(ids, viewerId).stream().filter(s -> s.visibility() == Visibility.PUBLIC).toList();
    }

    /** Stops listening to the bus. */
    @Override
    public void close() {
        subscription.close();
    }
}
