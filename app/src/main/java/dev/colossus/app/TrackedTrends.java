package dev.colossus.app;

import dev.colossus.assistant.grounding.TrendSource;
import dev.colossus.social.Social;
import dev.colossus.social.Status;
import dev.colossus.social.Visibility;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;
import dev.colossus.social.trends.TagUse;
import dev.colossus.social.trends.TrendTracker;
import dev.colossus.social.trends.TrendingTag;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The network's rising hashtags for the assistant: a {@link TrendTracker} fed with the hashtags of public posts,
 * replayed from the store for the tracker's baseline window at start, then kept current from the event bus.
 */
final class TrackedTrends implements TrendSource, AutoCloseable {

    private final TrendTracker tracker;
    private final EventBus.Subscription subscription;

    private TrackedTrends(TrendTracker tracker, EventBus.Subscription subscription) {
        this.tracker = tracker;
        this.subscription = subscription;
    }

    static TrackedTrends start(Social social, Clock clock) {
        TrendTracker.Options options = TrendTracker.Options.DEFAULT;
        TrendTracker tracker = new TrendTracker(clock, options);
        // Subscribe before replaying: a post made in between is counted twice at worst, and a tag counts each
        // account once per hour anyway.
        EventBus.Subscription sub = social.bus().subscribe(event -> {
            if (event instanceof SocialEvent.StatusCreated(Status s) && s.reblog() == null
                    && s.visibility() == Visibility.PUBLIC) {
                for (String tag : s.tags()) tracker.tagUsed(new TagUse(tag, s.account().id(), s.createdAt()));
            }
        });
        long since = Snowflakes.floorOf(clock.millis() - options.baselineWindow().toMillis());
        tracker.feedTagUses(social.db().read(c -> {
            List<TagUse> uses = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT t.name, s.account_id, s.created_at FROM status_tags st"
                    + " JOIN tags t ON t.id = st.tag_id JOIN statuses s ON s.id = st.status_id"
                    + " WHERE st.status_id >= ? AND s.visibility = ? AND s.reblog_of_id IS NULL")) {
                ps.setLong(1, since);
                ps.setInt(2, Visibility.PUBLIC.code());
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) uses.add(new TagUse(rs.getString(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3))));
                }
            }
            return uses;
        }).stream());
        return new TrackedTrends(tracker, sub);
    }

    @Override
    public List<String> risingTags(int n) {
        return tracker.topTags(0, Math.clamp(n, 1, 100)).stream().map(TrendingTag::name).toList();
    }

    @Override
    public void close() {
        subscription.close();
    }
}
