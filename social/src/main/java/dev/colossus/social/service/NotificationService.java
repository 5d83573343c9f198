package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Notification;
import dev.colossus.social.NotificationFilter;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Post;
import dev.colossus.social.SocialException;
import dev.colossus.social.Visibility;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.FollowRows;
import dev.colossus.social.store.MarkerRows;
import dev.colossus.social.store.NotificationRows;
import dev.colossus.social.store.PostRows;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Notifications, as Mastodon makes them, fed by the network's bus: {@code mention} for each account a new post
 * mentions, {@code reblog} and {@code favourite} for the author of the post, {@code follow} for the followed account,
 * {@code follow_request} for a locked account asked to be followed, {@code status} for each follower who asked to
 * be notified of an author's new posts, {@code poll} for the voters and the author of a poll that ended (from its author), {@code mention} for each
 * account an edit newly mentions and {@code update} for each account that reblogged an edited post. Nobody else is notified of their
 * own actions. A post's notifications go when the post is deleted (an undone reblog is a
 * deleted reblog); an undone favourite or follow takes its notification with it. Each notification is stored on the thread that published the event, right after the action's own
 * transaction, so it exists by the time the action's call returns; then it is published on the bus as a
 * {@link SocialEvent.NotificationCreated} for live streams. Thread-safe.
 */
public final class NotificationService {

    /** How many unread notifications {@link #unreadCount} counts by default, and at most. */
    public static final int DEFAULT_UNREAD_LIMIT = 100, MAX_UNREAD_LIMIT = 1000;

    private final Database db;
    private final Snowflakes ids;
    private final EventBus bus;
    private final PostService posts;
    private final Clock clock;

    private NotificationService(Database db, Snowflakes ids, EventBus bus, PostService posts, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.bus = bus;
        this.posts = posts;
        this.clock = clock;
    }

    /**
     * Builds the service and subscribes it to {@code bus}; from then on, events there make notifications.
     *
     * @param clock decides whether a mute of an account's notifications has lapsed when listing them
     */
    public static NotificationService start(Database db, Snowflakes ids, EventBus bus, PostService posts, Clock clock) {
        NotificationService service = new NotificationService(db, ids, bus, posts, clock);
        bus.subscribe(service::onEvent);
        return service;
    }

    private void onEvent(SocialEvent event) {
        switch (event) {
            case SocialEvent.PostCreated(Post s) when s.reblog() != null ->
                    notify(s.reblog().account().id(), Notification.Type.REBLOG, s.account().id(), s.id(), s.createdAt());
            case SocialEvent.PostCreated(Post s) -> {
                for (Post.Mention m : s.mentions()) {
                    notify(m.accountId(), Notification.Type.MENTION, s.account().id(), s.id(), s.createdAt());
                }
                if (tellsNotifiedFollowers(s)) {
                    for (long follower : db.read(c -> FollowRows.notifiedFollowers(c, s.account().id()))) {
                        notify(follower, Notification.Type.STATUS, s.account().id(), s.id(), s.createdAt());
                    }
                }
            }
            case SocialEvent.FollowRequested(long accountId, long target, Instant at) ->
                    notify(target, Notification.Type.FOLLOW_REQUEST, accountId, null, at);
            case SocialEvent.PostFavourited(Post s, long accountId, Instant at) ->
                    notify(s.account().id(), Notification.Type.FAVOURITE, accountId, s.id(), at);
            case SocialEvent.AccountFollowed(long accountId, long target, Instant at) ->
                    notify(target, Notification.Type.FOLLOW, accountId, null, at);
            case SocialEvent.PollEnded(Post s, List<Long> voters, Instant at) -> {
                for (long voter : voters) notify(voter, Notification.Type.POLL, s.account().id(), s.id(), at);
                notify(s.account().id(), Notification.Type.POLL, s.account().id(), s.id(), at);
            }
            case SocialEvent.PostEdited(Post s, Set<Long> newlyMentioned) -> {
                Instant at = s.editedAt() == null ? Instant.now() : s.editedAt();
                for (long m : newlyMentioned) notify(m, Notification.Type.MENTION, s.account().id(), s.id(), at);
                for (long r : db.read(c -> PostRows.rebloggers(c, s.id()))) notifyOfEdit(r, s, at);
            }
            default -> { }
        }
    }

    /**
     * Whether followers who asked to be notified of the author's posts hear of this one: as Mastodon, for posts to
     * followers or wider that are not replies to someone else.
     */
    private static boolean tellsNotifiedFollowers(Post s) {
        return s.visibility() != Visibility.DIRECT
                && (s.inReplyToId() == null || Objects.equals(s.inReplyToAccountId(), s.account().id()));
    }

    /**
     * Tells {@code recipient}, who reblogged {@code post}, that it was edited; as Mastodon does, only the newest such
     * notification per post is kept.
     */
    private void notifyOfEdit(long recipient, Post post, Instant at) {
        long author = post.account().id();
        if (recipient == author) return;
        NotificationRows.Row row = new NotificationRows.Row(ids.next(), Notification.Type.UPDATE, at.toEpochMilli(),
                author, post.id());
        if (!db.write(c -> {
            NotificationRows.deleteCausedBy(c, recipient, Notification.Type.UPDATE, author, post.id());
            return NotificationRows.insert(c, recipient, row);
        })) return;
        announce(recipient, row);
    }

    private void notify(long recipient, Notification.Type type, long from, Long postId, Instant at) {
        if (recipient == from && type != Notification.Type.POLL) return; // a poll's author hears of its end
        NotificationRows.Row row = new NotificationRows.Row(ids.next(), type, at.toEpochMilli(), from, postId);
        if (!db.write(c -> NotificationRows.insert(c, recipient, row))) return;
        announce(recipient, row);
    }

    /** Publishes a stored notification for live streams. */
    private void announce(long recipient, NotificationRows.Row row) {
        hydrate(recipient, List.of(row)).forEach(n -> bus.publish(new SocialEvent.NotificationCreated(recipient, n)));
    }

    /**
     * A page of {@code accountId}'s notifications that pass {@code filter}, newest first, with Mastodon's paging by
     * notification id. Notifications whose post the account can no longer see are left out (the page may then hold
     * fewer than the limit; its cursors still move on).
     */
    public Page<Notification> list(long accountId, NotificationFilter filter, PageRequest request) {
        List<NotificationRows.Row> rows = db.read(c -> NotificationRows.page(c, accountId, filter.allowed(),
                filter.fromAccountId(), clock.millis(), request));
        Page<NotificationRows.Row> page = Page.of(request, rows, NotificationRows.Row::id);
        return new Page<>(hydrate(accountId, page.items()), page.nextMaxId(), page.prevMinId());
    }

    /** One of {@code accountId}'s notifications. @throws SocialException.NotFound when it has none by that id */
    public Notification get(long accountId, long id) {
        NotificationRows.Row row = db.read(c -> NotificationRows.byId(c, accountId, id)).orElseThrow(SocialException::notFound);
        return hydrate(accountId, List.of(row)).stream().findFirst().orElseThrow(SocialException::notFound);
    }

    /** Removes one notification. @throws SocialException.NotFound when {@code accountId} has none by that id */
    public void dismiss(long accountId, long id) {
        if (!db.write(c -> NotificationRows.delete(c, accountId, id))) throw SocialException.notFound();
    }

    /** Removes every notification of {@code accountId}. */
    public void clear(long accountId) {
        db.write(c -> {
            NotificationRows.clear(c, accountId);
            return null;
        });
    }

    /**
     * How many of the notifications {@link #list} would show with {@code filter} are newer than {@code accountId}'s
     * {@code notifications} marker (all of them without one), counting at most {@code limit} (clamped to
     * 1..{@value #MAX_UNREAD_LIMIT}; null means {@value #DEFAULT_UNREAD_LIMIT}).
     */
    public int unreadCount(long accountId, NotificationFilter filter, Integer limit) {
        int max = limit == null ? DEFAULT_UNREAD_LIMIT : Math.clamp(limit, 1, MAX_UNREAD_LIMIT);
        return db.read(c -> {
            long lastRead = MarkerRows.get(c, accountId, "notifications").map(m -> m.lastReadId()).orElse(0L);
            return NotificationRows.countAfter(c, accountId, filter.allowed(), filter.fromAccountId(), clock.millis(),
                    lastRead, max);
        });
    }

    /** The rows with their accounts and posts as {@code viewer} sees them, in order; ones whose post is hidden go. */
    private List<Notification> hydrate(long viewer, List<NotificationRows.Row> rows) {
        if (rows.isEmpty()) return List.of();
        List<Long> accountIds = rows.stream().map(NotificationRows.Row::fromAccountId).distinct().toList();
        Map<Long, Account> accounts = db.read(c -> Accounts.byIds(c, accountIds));
        List<Long> postIds = rows.stream().map(NotificationRows.Row::postId).filter(Objects::nonNull).distinct().toList();
        Map<Long, Post> visible = new HashMap<>();
        for (Post p : posts.visibleList(postIds, viewer)) visible.put(p.id(), p);
        List<Notification> out = new ArrayList<>(rows.size());
        for (NotificationRows.Row r : rows) {
            Account from = accounts.get(r.fromAccountId());
            Post post = r.postId() == null ? null : visible.get(r.postId());
            if (from == null || (r.postId() != null && post == null)) continue;
            // A reblog notification is about the original, as Mastodon shows it.
            Post about = post != null && r.type() == Notification.Type.REBLOG ? post.reblog() : post;
            out.add(new Notification(r.id(), r.type(), Instant.ofEpochMilli(r.createdAt()), from, about));
        }
        return out;
    }
}
