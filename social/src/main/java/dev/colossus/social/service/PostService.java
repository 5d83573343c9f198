package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Notification;
import dev.colossus.social.PollLimits;
import dev.colossus.social.SocialException;
import dev.colossus.social.Post;
import dev.colossus.social.Visibility;
import dev.colossus.social.auth.Secrets;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.FavouriteRows;
import dev.colossus.social.store.Hiding;
import dev.colossus.social.store.NotificationRows;
import dev.colossus.social.store.IdempotencyKeys;
import dev.colossus.social.store.MediaRows;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.store.PollRows;
import dev.colossus.social.store.PostRows;
import dev.colossus.social.store.PostVisibility;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;
import dev.colossus.social.text.PostText;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Posting, replying, reblogging, favouriting and deleting, with Mastodon's rules for length, visibility and
 * idempotency. Every change is one transaction; its event goes on the {@link EventBus} after the commit.
 * Thread-safe.
 */
public final class PostService {

    /** How long an {@code Idempotency-Key} keeps answering with the same post (Mastodon: one hour). */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(1);
    private static final int MAX_ANCESTORS = 64;
    private static final int MAX_DESCENDANTS = 4096;
    private static final String REPLY_NOT_FOUND = "The post you are trying to reply to does not appear to exist.";

    private final Database db;
    private final Snowflakes ids;
    private final EventBus bus;
    private final int maxChars;
    private final PollLimits pollLimits;
    private final Clock clock;

    /**
     * @param maxChars   the longest post, counted as {@link PostText#length} counts (Mastodon's default is 500)
     * @param pollLimits what a post's poll may be
     * @param clock      decides whether a mute has lapsed (threads and {@link #shownList} leave muted accounts out)
     */
    public PostService(Database db, Snowflakes ids, EventBus bus, int maxChars, PollLimits pollLimits, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.bus = bus;
        this.maxChars = maxChars;
        this.pollLimits = pollLimits;
        this.clock = clock;
    }

    public int maxChars() {
        return maxChars;
    }

    /**
     * A post to create; {@code visibility} null means public, {@code spoilerText} null means none.
     *
     * @param mediaIds uploads to attach, in order (null or empty for none): at most four, each the author's own and
     *                 not yet attached ({@code MediaService.upload}); with media the text may be empty
     * @param poll     a poll to attach (null for none); a post has media or a poll, not both
     */
    public record NewPost(String text, Long inReplyToId, Visibility visibility, String spoilerText, boolean sensitive,
                          String language, List<Long> mediaIds, NewPoll poll) {

        public NewPost {
            mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
        }

        /** A post without a poll. */
        public NewPost(String text, Long inReplyToId, Visibility visibility, String spoilerText, boolean sensitive,
                       String language, List<Long> mediaIds) {
            this(text, inReplyToId, visibility, spoilerText, sensitive, language, mediaIds, null);
        }

        /** A post without media. */
        public NewPost(String text, Long inReplyToId, Visibility visibility, String spoilerText, boolean sensitive,
                       String language) {
            this(text, inReplyToId, visibility, spoilerText, sensitive, language, List.of());
        }
    }

    /**
     * A poll to attach to a new post, as Mastodon takes it: option titles are stripped and blank ones dropped; the
     * rest must be at least two, at most {@link PollLimits#maxOptions}, distinct, each at most
     * {@link PollLimits#maxCharactersPerOption} characters; it runs for {@code expiresIn} (required, within the
     * limits' bounds).
     *
     * @param multiple   whether a voter may choose several options
     * @param hideTotals whether results stay hidden from voters until the poll ends
     */
    public record NewPoll(List<String> options, Duration expiresIn, boolean multiple, boolean hideTotals) {

        public NewPoll {
            options = options == null ? List.of() : options.stream().filter(Objects::nonNull).map(String::strip)
                    .filter(o -> !o.isEmpty()).toList();
        }

        /**
         * Checks this poll against {@code limits} (what posting and editing a post both do).
         *
         * @throws SocialException.Invalid naming the broken rule, as Mastodon words it
         */
        public void check(PollLimits limits) {
            if (options.size() < 2) throw SocialException.invalid("poll", "Poll options must have more than one item");
            if (options.size() > limits.maxOptions()) {
                throw SocialException.invalid("poll", "Poll options can't contain more than " + limits.maxOptions() + " items");
            }
            if (options.stream().anyMatch(o -> o.codePointCount(0, o.length()) > limits.maxCharactersPerOption())) {
                throw SocialException.invalid("poll", "Poll options cannot be longer than "
                        + limits.maxCharactersPerOption() + " characters each");
            }
            if (new HashSet<>(options).size() != options.size()) {
                throw SocialException.invalid("poll", "Poll options contain duplicate items");
            }
            if (expiresIn == null) throw SocialException.invalid("poll", "Poll expires in can't be blank");
            if (expiresIn.compareTo(limits.minExpiration()) < 0) {
                throw SocialException.invalid("poll", "Poll expires in is too soon (at least "
                        + limits.minExpiration().toSeconds() + " seconds)");
            }
            if (expiresIn.compareTo(limits.maxExpiration()) > 0) {
                throw SocialException.invalid("poll", "Poll expires in is too far into the future (at most "
                        + limits.maxExpiration().toSeconds() + " seconds)");
            }
        }

        /** The poll's row for post {@code postId} by {@code authorId}, made at {@code now} (epoch ms). */
        public PollRows.NewRow row(long id, long postId, long authorId, long now) {
            return new PollRows.NewRow(id, postId, authorId, options, multiple, hideTotals, now + expiresIn.toMillis(), now);
        }
    }

    /** A thread around a post: ancestors oldest first, descendants in reading order (depth first). */
    public record Context(List<Post> ancestors, List<Post> descendants) {
    }

    private record Created(long id, boolean fresh) {
    }

    /**
     * Creates a post. A repeated {@code idempotencyKey} (per account, within {@link #IDEMPOTENCY_WINDOW}) returns the
     * post the first request made instead of posting again.
     *
     * @throws SocialException.Invalid  for blank text without media, too long text, a bad language code, media
     *                                  ids that are not the author's own unattached uploads (at most four), a poll
     *                                  that breaks a rule of {@link NewPoll}, or a poll with media
     * @throws SocialException.NotFound when the reply target does not exist or is hidden from the author
     */
    public Post create(long authorId, Long appId, NewPost post, String idempotencyKey) {
        String text = post.text() == null ? "" : post.text();
        String spoiler = PostRules.spoiler(post.spoilerText());
        PostRules.check(text, spoiler, post.language(), !post.mediaIds().isEmpty(), maxChars);
        if (post.poll() != null) checkPoll(post.poll(), !post.mediaIds().isEmpty());
        Visibility visibility = post.visibility() == null ? Visibility.PUBLIC : post.visibility();
        String keyHash = idempotencyKey == null || idempotencyKey.isBlank() ? null : Secrets.digest(idempotencyKey);

        Created created = db.write(c -> {
            long now = System.currentTimeMillis();
            if (keyHash != null) {
                long expired = now - IDEMPOTENCY_WINDOW.toMillis();
                Optional<Long> prior = IdempotencyKeys.postAfter(c, authorId, keyHash, expired);
                if (prior.isPresent()) return new Created(prior.get(), false);
                // Only an expired key: one a concurrent request just committed must make our insert conflict (and
                // the write retry then answer with its post), not be deleted.
                IdempotencyKeys.deleteExpired(c, authorId, keyHash, expired);
            }
            Long replyTo = null, replyToAccount = null;
            if (post.inReplyToId() != null) {
                Post parent = PostVisibility.visible(c, post.inReplyToId(), authorId)
                        .filter(p -> p.reblog() == null)
                        .orElseThrow(() -> new SocialException.NotFound(REPLY_NOT_FOUND));
                replyTo = parent.id();
                replyToAccount = parent.account().id();
            }
            Map<String, Account> mentioned = Accounts.byUsernames(c, PostText.mentions(text));
            long id = ids.next();
            PostRows.insert(c, new PostRows.NewRow(id, authorId, text, spoiler, post.sensitive() || !spoiler.isEmpty(),
                    visibility, post.language(), replyTo, replyToAccount, null, null, appId, now, 0),
                    mentioned.values().stream().map(Account::id).toList(), PostText.hashtags(text), ids);
            MediaRows.attach(c, authorId, id, post.mediaIds());
            if (post.poll() != null) PollRows.insert(c, post.poll().row(ids.next(), id, authorId, now));
            Accounts.addPosts(c, authorId, 1, now);
            if (replyTo != null) PostRows.addCounter(c, replyTo, "replies_count", 1);
            if (keyHash != null) IdempotencyKeys.insert(c, authorId, keyHash, id, now);
            return new Created(id, true);
        });
        Post stored = loadOne(created.id(), authorId).orElseThrow(SocialException::notFound);
        if (created.fresh()) {
            bus.publish(new SocialEvent.PostCreated(stored));
            if (stored.inReplyToId() != null) publishUpdate(stored.inReplyToId());
        }
        return stored;
    }

    /** Refuses a poll that breaks a rule of {@link NewPoll} or comes with media, as Mastodon words it. */
    private void checkPoll(NewPoll poll, boolean withMedia) {
        if (withMedia) throw SocialException.invalid("poll", "A post can have media attachments or a poll, not both");
        poll.check(pollLimits);
    }

    /** A post as the viewer (nullable) sees it. @throws SocialException.NotFound when missing or hidden */
    public Post get(long id, Long viewerId) {
        return db.read(c -> PostVisibility.visible(c, id, viewerId)).orElseThrow(SocialException::notFound);
    }

    /** Posts by id as the viewer sees them, in the given order; missing and hidden ones are left out. */
    public List<Post> visibleList(List<Long> postIds, Long viewerId) {
        return db.read(c -> PostVisibility.visibleList(c, postIds, viewerId));
    }

    /**
     * As {@link #visibleList}, also without the posts and reblogs of accounts the viewer blocks, mutes or is blocked
     * by: what search results show.
     */
    public List<Post> shownList(List<Long> postIds, Long viewerId) {
        return db.read(c -> PostVisibility.shownList(c, postIds, viewerId, clock.millis()));
    }

    /**
     * The accounts whose posts {@code viewerId} does not see: those it blocks, those blocking it and those it mutes
     * (while the mute lasts). Empty for an anonymous viewer (null).
     */
    public Set<Long> hiddenAccounts(Long viewerId) {
        return viewerId == null ? Set.of() : db.read(c -> Hiding.hiddenFrom(c, viewerId, clock.millis()));
    }

    /**
     * Ids of the posts made at or after {@code since} that mention {@code accountId}, oldest first, at most
     * {@code limit} (whoever may see them).
     */
    public List<Long> mentioning(long accountId, Instant since, int limit) {
        return db.read(c -> PostRows.mentioning(c, accountId, Snowflakes.floorOf(since.toEpochMilli()), limit));
    }

    /**
     * The thread around a post the viewer may see; ancestors and descendants by accounts the viewer blocks, mutes or
     * is blocked by are left out.
     *
     * @throws SocialException.NotFound when the post is missing or hidden
     */
    public Context context(long id, Long viewerId) {
        return db.read(c -> {
            Post root = PostVisibility.visible(c, id, viewerId).orElseThrow(SocialException::notFound);
            List<Post> ancestors = new ArrayList<>();
            Long up = root.inReplyToId();
            while (up != null && ancestors.size() < MAX_ANCESTORS) {
                List<Post> found = PostRows.load(c, List.of(up), viewerId);
                if (found.isEmpty()) break;
                Post parent = found.getFirst();
                ancestors.addFirst(parent);
                up = parent.inReplyToId();
            }
            long now = clock.millis();
            List<Long> shownAncestors = PostVisibility.shownList(c, ancestors.stream().map(Post::id).toList(), viewerId, now)
                    .stream().map(Post::id).toList();
            ancestors.removeIf(p -> !shownAncestors.contains(p.id()));
            Map<Long, List<Long>> children = new HashMap<>();
            List<Long> frontier = List.of(root.id());
            int total = 0;
            while (!frontier.isEmpty() && total < MAX_DESCENDANTS) {
                List<Long> next = new ArrayList<>();
                for (PostRows.Reply reply : PostRows.repliesTo(c, frontier, MAX_DESCENDANTS - total)) {
                    children.computeIfAbsent(reply.parentId(), k -> new ArrayList<>()).add(reply.id());
                    next.add(reply.id());
                    total++;
                }
                frontier = next;
            }
            List<Long> order = new ArrayList<>();
            depthFirst(root.id(), children, order);
            return new Context(ancestors, PostVisibility.shownList(c, order, viewerId, now));
        });
    }

    private static void depthFirst(long id, Map<Long, List<Long>> children, List<Long> out) {
        List<Long> kids = new ArrayList<>(children.getOrDefault(id, List.of()));
        kids.sort(Comparator.naturalOrder());
        for (long kid : kids) {
            out.add(kid);
            depthFirst(kid, children, out);
        }
    }

    /**
     * Deletes the author's own post (and every reblog of it); returns it as it was.
     *
     * @throws SocialException.NotFound when missing or not the actor's
     */
    public Post delete(long actorId, long id) {
        Post before = db.read(c -> PostRows.load(c, List.of(id), actorId)).stream().findFirst()
                .filter(s -> s.account().id() == actorId).orElseThrow(SocialException::notFound);
        List<Long> reblogs = db.write(c -> {
            if (!PostRows.isBy(c, id, actorId)) throw SocialException.notFound();
            List<Long> wrappers = PostRows.reblogsOf(c, id);
            for (long w : wrappers) PostRows.remove(c, w);
            PostRows.remove(c, id);
            return wrappers;
        });
        for (long w : reblogs) bus.publish(new SocialEvent.PostDeleted(wrapperOf(before, w)));
        bus.publish(new SocialEvent.PostDeleted(before));
        if (before.reblog() != null) publishUpdate(before.reblog().id());
        if (before.inReplyToId() != null) publishUpdate(before.inReplyToId());
        return before;
    }

    private static Post wrapperOf(Post original, long wrapperId) {
        return new Post(wrapperId, original.account(), "", "", false, original.visibility(), null, null, null,
                original, original.createdAt(), 0, 0, 0, List.of(), List.of(), false, false, List.of(), null, null, false,
                false);
    }

    /**
     * Reblogs a post (idempotent: an existing reblog is returned); returns the reblog, whose {@code reblog} is the
     * original.
     *
     * @throws SocialException.NotFound  when missing or hidden
     * @throws SocialException.Forbidden for direct posts and others' followers-only posts
     */
    public Post reblog(long actorId, long id) {
        Created created = db.write(c -> {
            Post target = PostVisibility.original(c, id, actorId).orElseThrow(SocialException::notFound);
            if (target.visibility() == Visibility.DIRECT
                    || (target.visibility() == Visibility.PRIVATE && target.account().id() != actorId)) {
                throw new SocialException.Forbidden("This action is not allowed");
            }
            List<Long> existing = PostRows.reblogsOf(c, target.id(), actorId);
            if (!existing.isEmpty()) return new Created(existing.getFirst(), false);
            long wrapper = ids.next();
            long now = System.currentTimeMillis();
            PostRows.insert(c, new PostRows.NewRow(wrapper, actorId, "", "", false, target.visibility(), null, null, null,
                    target.id(), null, null, now, 0), List.of(), List.of(), ids);
            Accounts.addPosts(c, actorId, 1, now);
            PostRows.addCounter(c, target.id(), "reblogs_count", 1);
            return new Created(wrapper, true);
        });
        Post reblog = loadOne(created.id(), actorId).orElseThrow(SocialException::notFound);
        if (created.fresh()) {
            bus.publish(new SocialEvent.PostCreated(loadOne(created.id(), null).orElse(reblog)));
            publishUpdate(reblog.reblog().id());
        }
        return reblog;
    }

    /** Undoes the actor's reblog of a post (idempotent); returns the original. @throws SocialException.NotFound */
    public Post unreblog(long actorId, long id) {
        Optional<Post> removed = db.write(c -> {
            Post target = PostVisibility.original(c, id, actorId).orElseThrow(SocialException::notFound);
            List<Long> wrappers = PostRows.reblogsOf(c, target.id(), actorId);
            if (wrappers.isEmpty()) return Optional.<Post>empty();
            Post wrapper = PostRows.load(c, wrappers, null).getFirst();
            PostRows.remove(c, wrappers.getFirst());
            return Optional.of(wrapper);
        });
        removed.ifPresent(w -> {
            bus.publish(new SocialEvent.PostDeleted(w));
            publishUpdate(w.reblog().id());
        });
        long originalId = removed.isPresent() ? removed.get().reblog().id() : db.read(c -> PostVisibility.original(c, id, actorId).orElseThrow(SocialException::notFound)).id();
        return get(originalId, actorId);
    }

    /** Favourites a post (a reblog's original; idempotent); returns it. @throws SocialException.NotFound */
    public Post favourite(long actorId, long id) {
        record Favourite(long postId, Long favouriteId) {
        }
        Favourite fav = db.write(c -> {
            Post s = PostVisibility.original(c, id, actorId).orElseThrow(SocialException::notFound);
            if (FavouriteRows.exists(c, actorId, s.id())) {
                return new Favourite(s.id(), null);
            }
            long favouriteId = ids.next();
            FavouriteRows.insert(c, favouriteId, actorId, s.id());
            PostRows.addCounter(c, s.id(), "favourites_count", 1);
            return new Favourite(s.id(), favouriteId);
        });
        loadOne(fav.postId(), null).ifPresent(s -> {
            bus.publish(new SocialEvent.PostUpdated(s));
            if (fav.favouriteId() != null) {
                bus.publish(new SocialEvent.PostFavourited(s, actorId, Instant.ofEpochMilli(Snowflakes.millisOf(fav.favouriteId()))));
            }
        });
        return get(fav.postId(), actorId);
    }

    /** Removes a favourite (idempotent); returns the post. @throws SocialException.NotFound */
    public Post unfavourite(long actorId, long id) {
        long target = db.write(c -> {
            Post s = PostVisibility.original(c, id, actorId).orElseThrow(SocialException::notFound);
            if (FavouriteRows.delete(c, actorId, s.id())) {
                PostRows.addCounter(c, s.id(), "favourites_count", -1);
                NotificationRows.deleteCausedBy(c, s.account().id(), Notification.Type.FAVOURITE, actorId, s.id());
            }
            return s.id();
        });
        publishUpdate(target);
        return get(target, actorId);
    }

    private Optional<Post> loadOne(long id, Long viewerId) {
        return db.read(c -> PostRows.load(c, List.of(id), viewerId)).stream().findFirst();
    }

    private void publishUpdate(long id) {
        loadOne(id, null).ifPresent(s -> bus.publish(new SocialEvent.PostUpdated(s)));
    }
}
