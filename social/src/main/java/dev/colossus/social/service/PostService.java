package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.SocialException;
import dev.colossus.social.Post;
import dev.colossus.social.Visibility;
import dev.colossus.social.auth.Secrets;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.FollowRows;
import dev.colossus.social.store.MediaRows;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.store.Sql;
import dev.colossus.social.store.PostRows;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;
import dev.colossus.social.text.PostText;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** @param maxChars the longest post, counted as {@link PostText#length} counts (Mastodon's default is 500) */
    public PostService(Database db, Snowflakes ids, EventBus bus, int maxChars) {
        this.db = db;
        this.ids = ids;
        this.bus = bus;
        this.maxChars = maxChars;
    }

    public int maxChars() {
        return maxChars;
    }

    /**
     * A post to create; {@code visibility} null means public, {@code spoilerText} null means none.
     *
     * @param mediaIds uploads to attach, in order (null or empty for none): at most four, each the author's own and
     *                 not yet attached ({@code MediaService.upload}); with media the text may be empty
     */
    public record NewPost(String text, Long inReplyToId, Visibility visibility, String spoilerText, boolean sensitive,
                          String language, List<Long> mediaIds) {

        public NewPost {
            mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
        }

        /** A post without media. */
        public NewPost(String text, Long inReplyToId, Visibility visibility, String spoilerText, boolean sensitive,
                       String language) {
            this(text, inReplyToId, visibility, spoilerText, sensitive, language, List.of());
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
     * @throws SocialException.Invalid  for blank text without media, too long text, a bad language code, or media
     *                                  ids that are not the author's own unattached uploads (at most four)
     * @throws SocialException.NotFound when the reply target does not exist or is hidden from the author
     */
    public Post create(long authorId, Long appId, NewPost post, String idempotencyKey) {
        String text = post.text() == null ? "" : post.text();
        if (text.isBlank() && post.mediaIds().isEmpty()) throw SocialException.invalid("text", "Text can't be blank");
        if (PostText.length(text) > maxChars) {
            throw SocialException.invalid("text", "Text character limit of " + maxChars + " exceeded");
        }
        String spoiler = post.spoilerText() == null ? "" : post.spoilerText().strip();
        if (spoiler.length() > 1000) throw SocialException.invalid("spoiler_text", "Spoiler text is too long");
        if (post.language() != null && !post.language().matches("[a-z]{2,3}")) {
            throw SocialException.invalid("language", "Language is not a valid ISO 639 code");
        }
        Visibility visibility = post.visibility() == null ? Visibility.PUBLIC : post.visibility();
        String keyHash = idempotencyKey == null || idempotencyKey.isBlank() ? null : Secrets.digest(idempotencyKey);

        Created created = db.write(c -> {
            long now = System.currentTimeMillis();
            if (keyHash != null) {
                long expired = now - IDEMPOTENCY_WINDOW.toMillis();
                List<Long> prior = Sql.longs(c, "SELECT status_id FROM idempotency_keys WHERE account_id = ? AND key_hash = ?"
                        + " AND created_at > ?", authorId, keyHash, expired);
                if (!prior.isEmpty()) return new Created(prior.getFirst(), false);
                // Only an expired key: one a concurrent request just committed must make our insert conflict (and
                // the write retry then answer with its post), not be deleted.
                Sql.update(c, "DELETE FROM idempotency_keys WHERE account_id = ? AND key_hash = ? AND created_at <= ?",
                        authorId, keyHash, expired);
            }
            Long replyTo = null, replyToAccount = null;
            if (post.inReplyToId() != null) {
                Post parent = visible(c, post.inReplyToId(), authorId)
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
            Accounts.addPosts(c, authorId, 1, now);
            if (replyTo != null) PostRows.addCounter(c, replyTo, "replies_count", 1);
            if (keyHash != null) {
                Sql.update(c, "INSERT INTO idempotency_keys (account_id, key_hash, status_id, created_at) VALUES (?, ?, ?, ?)",
                        authorId, keyHash, id, now);
            }
            return new Created(id, true);
        });
        Post stored = loadOne(created.id(), authorId).orElseThrow(SocialException::notFound);
        if (created.fresh()) {
            bus.publish(new SocialEvent.PostCreated(stored));
            if (stored.inReplyToId() != null) publishUpdate(stored.inReplyToId());
        }
        return stored;
    }

    /** A post as the viewer (nullable) sees it. @throws SocialException.NotFound when missing or hidden */
    public Post get(long id, Long viewerId) {
        return db.read(c -> visible(c, id, viewerId)).orElseThrow(SocialException::notFound);
    }

    /** Posts by id as the viewer sees them, in the given order; missing and hidden ones are left out. */
    public List<Post> visibleList(List<Long> postIds, Long viewerId) {
        return db.read(c -> filterVisible(c, PostRows.load(c, postIds, viewerId), viewerId));
    }

    /**
     * Ids of the posts made at or after {@code since} that mention {@code accountId}, oldest first, at most
     * {@code limit} (whoever may see them).
     */
    public List<Long> mentioning(long accountId, Instant since, int limit) {
        return db.read(c -> PostRows.mentioning(c, accountId, Snowflakes.floorOf(since.toEpochMilli()), limit));
    }

    /** @throws SocialException.NotFound when the post is missing or hidden */
    public Context context(long id, Long viewerId) {
        return db.read(c -> {
            Post root = visible(c, id, viewerId).orElseThrow(SocialException::notFound);
            List<Post> ancestors = new ArrayList<>();
            Long up = root.inReplyToId();
            while (up != null && ancestors.size() < MAX_ANCESTORS) {
                List<Post> found = PostRows.load(c, List.of(up), viewerId);
                if (found.isEmpty()) break;
                Post parent = found.getFirst();
                if (canSee(c, parent, viewerId)) ancestors.addFirst(parent);
                up = parent.inReplyToId();
            }
            Map<Long, List<Long>> children = new HashMap<>();
            List<Long> frontier = List.of(root.id());
            int total = 0;
            while (!frontier.isEmpty() && total < MAX_DESCENDANTS) {
                List<Long> next = new ArrayList<>();
                for (List<Long> chunk : chunks(frontier, 500)) {
                    try (var ps = c.prepareStatement("SELECT id, in_reply_to_id FROM statuses WHERE in_reply_to_id IN ("
                            + Sql.placeholders(chunk.size()) + ")")) {
                        Sql.bindLongs(ps, 1, chunk);
                        try (var rs = ps.executeQuery()) {
                            while (rs.next() && total < MAX_DESCENDANTS) {
                                children.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(rs.getLong(1));
                                next.add(rs.getLong(1));
                                total++;
                            }
                        }
                    }
                }
                frontier = next;
            }
            List<Long> order = new ArrayList<>();
            depthFirst(root.id(), children, order);
            return new Context(ancestors, filterVisible(c, PostRows.load(c, order, viewerId), viewerId));
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

    private static <T> List<List<T>> chunks(List<T> list, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += size) out.add(list.subList(i, Math.min(list.size(), i + size)));
        return out;
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
            if (!Sql.exists(c, "SELECT 1 FROM statuses WHERE id = ? AND account_id = ?", id, actorId)) {
                throw SocialException.notFound();
            }
            List<Long> wrappers = Sql.longs(c, "SELECT id FROM statuses WHERE reblog_of_id = ?", id);
            for (long w : wrappers) removeRow(c, w);
            removeRow(c, id);
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
                original, original.createdAt(), 0, 0, 0, List.of(), List.of(), false, false, List.of());
    }

    /** Deletes one row and undoes the counters it had raised. */
    private static void removeRow(Connection c, long id) throws SQLException {
        List<Long> meta = Sql.longs(c, "SELECT account_id FROM statuses WHERE id = ?", id);
        if (meta.isEmpty()) return;
        List<Long> reblogOf = Sql.longs(c, "SELECT reblog_of_id FROM statuses WHERE id = ? AND reblog_of_id IS NOT NULL", id);
        List<Long> parent = Sql.longs(c, "SELECT in_reply_to_id FROM statuses WHERE id = ? AND in_reply_to_id IS NOT NULL", id);
        PostRows.delete(c, id);
        Accounts.addPosts(c, meta.getFirst(), -1, 0);
        if (!reblogOf.isEmpty()) PostRows.addCounter(c, reblogOf.getFirst(), "reblogs_count", -1);
        if (!parent.isEmpty()) PostRows.addCounter(c, parent.getFirst(), "replies_count", -1);
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
            Post target = original(c, id, actorId);
            if (target.visibility() == Visibility.DIRECT
                    || (target.visibility() == Visibility.PRIVATE && target.account().id() != actorId)) {
                throw new SocialException.Forbidden("This action is not allowed");
            }
            List<Long> existing = Sql.longs(c, "SELECT id FROM statuses WHERE reblog_of_id = ? AND account_id = ?", target.id(), actorId);
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
            Post target = original(c, id, actorId);
            List<Long> wrappers = Sql.longs(c, "SELECT id FROM statuses WHERE reblog_of_id = ? AND account_id = ?", target.id(), actorId);
            if (wrappers.isEmpty()) return Optional.<Post>empty();
            Post wrapper = PostRows.load(c, wrappers, null).getFirst();
            removeRow(c, wrappers.getFirst());
            return Optional.of(wrapper);
        });
        removed.ifPresent(w -> {
            bus.publish(new SocialEvent.PostDeleted(w));
            publishUpdate(w.reblog().id());
        });
        long originalId = removed.isPresent() ? removed.get().reblog().id() : db.read(c -> original(c, id, actorId)).id();
        return get(originalId, actorId);
    }

    /** Favourites a post (a reblog's original; idempotent); returns it. @throws SocialException.NotFound */
    public Post favourite(long actorId, long id) {
        record Favourite(long postId, Long favouriteId) {
        }
        Favourite fav = db.write(c -> {
            Post s = original(c, id, actorId);
            if (Sql.exists(c, "SELECT 1 FROM favourites WHERE account_id = ? AND status_id = ?", actorId, s.id())) {
                return new Favourite(s.id(), null);
            }
            long favouriteId = ids.next();
            Sql.update(c, "INSERT INTO favourites (id, account_id, status_id) VALUES (?, ?, ?)", favouriteId, actorId, s.id());
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
            Post s = original(c, id, actorId);
            if (Sql.update(c, "DELETE FROM favourites WHERE account_id = ? AND status_id = ?", actorId, s.id()) > 0) {
                PostRows.addCounter(c, s.id(), "favourites_count", -1);
            }
            return s.id();
        });
        publishUpdate(target);
        return get(target, actorId);
    }

    private Post original(Connection c, long id, long viewerId) throws SQLException {
        Post s = visible(c, id, viewerId).orElseThrow(SocialException::notFound);
        return s.reblog() != null ? s.reblog() : s;
    }

    private Optional<Post> loadOne(long id, Long viewerId) {
        return db.read(c -> PostRows.load(c, List.of(id), viewerId)).stream().findFirst();
    }

    private void publishUpdate(long id) {
        loadOne(id, null).ifPresent(s -> bus.publish(new SocialEvent.PostUpdated(s)));
    }

    static Optional<Post> visible(Connection c, long id, Long viewerId) throws SQLException {
        List<Post> found = PostRows.load(c, List.of(id), viewerId);
        if (found.isEmpty() || !canSee(c, found.getFirst(), viewerId)) return Optional.empty();
        return Optional.of(found.getFirst());
    }

    static boolean canSee(Connection c, Post s, Long viewerId) throws SQLException {
        Post shown = s.reblog() != null ? s.reblog() : s;
        if (!s.visibleTo(viewerId, false) && !(s.visibility() == Visibility.PRIVATE && viewerId != null
                && FollowRows.exists(c, viewerId, s.account().id()))) {
            return false;
        }
        return shown == s || shown.visibleTo(viewerId, viewerId != null && shown.visibility() == Visibility.PRIVATE
                && FollowRows.exists(c, viewerId, shown.account().id()));
    }

    private static List<Post> filterVisible(Connection c, List<Post> list, Long viewerId) throws SQLException {
        List<Post> out = new ArrayList<>(list.size());
        for (Post s : list) if (canSee(c, s, viewerId)) out.add(s);
        return out;
    }
}
