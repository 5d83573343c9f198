package dev.colossus.social.store;

import dev.colossus.social.StoreException;
import dev.colossus.social.Visibility;
import dev.colossus.social.importer.LoadReport;
import dev.colossus.social.search.IndexedPost;
import dev.colossus.social.text.PostText;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Writes many posts fast (imports, the demo network) with the rows the normal posting path writes: the post, its
 * mentions and hashtags, the author's counters, and replies threaded through the source's ids. Posts go in prepared
 * statement batches, {@value #BATCH} to a transaction, through {@link Database#bulk}.
 *
 * <p>Rules: a post whose source id is already stored is skipped, so loading a file again adds nothing. Its id is a
 * snowflake of its own creation time ({@link Snowflakes#at}), so timelines, which page by id, place it by
 * {@code createdAt}. Authors not yet known become accounts without email or password (nobody can log in as them).
 * Mentions of unknown usernames are ignored, as when posting. A reply whose parent is not stored yet waits in
 * {@code pending_replies} and is threaded when a later load brings the parent.
 *
 * <p>The search index does not see these posts: callers rebuild it afterwards (see
 * {@code SearchIndex.invalidate}), or index them as they are written (see {@link Written}). One loader caches usernames and tags; use it from one thread while nothing else
 * writes accounts or tags (the server is stopped, or it is starting).
 */
public final class BulkLoader {

    /** Posts written per transaction. */
    public static final int BATCH = 10_000;
    private static final int IN_CHUNK = 500;

    private final Database db;
    private final Snowflakes ids;
    private Map<String, Long> accounts;
    private Map<String, Long> tags;
    private long accountsCreated;

    public BulkLoader(Database db, Snowflakes ids) {
        this.db = db;
        this.ids = ids;
    }

    /**
     * A post to load; make it with {@link #of}.
     *
     * @param sourceId  its id in the source, unique there (at most 200 characters)
     * @param author    a valid username; created as an account when unknown
     * @param text      plain text, validated by the caller
     * @param createdAt creation time, kept
     * @param replyTo   the source id of the post it answers, or null
     * @param likes     like count, kept as the post's favourites count
     * @param language  ISO 639 code, or null
     * @param mentions  the usernames the text mentions, lower case ({@link PostText#mentions})
     * @param tags      the text's hashtags ({@link PostText#hashtags})
     */
    public record Post(String sourceId, String author, String text, Instant createdAt, String replyTo, long likes,
                       String language, Set<String> mentions, Set<String> tags) {

        /** A post with its text's mentions and hashtags, found on the calling thread (a reader ahead of the loader). */
        public static Post of(String sourceId, String author, String text, Instant createdAt, String replyTo, long likes,
                              String language) {
            return new Post(sourceId, author, text, createdAt, replyTo, likes, language, PostText.mentions(text),
                    PostText.hashtags(text));
        }
    }

    /**
     * Told what a load of posts writes, on the loading thread, so that the search index can be built alongside
     * ({@code IndexBuild}); the posts it is told of are, with those threaded late, what a rebuild from the store
     * would index.
     */
    public interface Written {
        /**
         * Posts just committed, as the search index sees them: a reply is one when its parent was stored by then
         * (earlier, or in the same batch); otherwise it waits for its parent and is not yet a reply.
         */
        void posts(List<IndexedPost> posts);

        /**
         * Called once at the end of the load: the ids of replies threaded only then, which had been written (or
         * loaded before) without their parent and so were told of as not replies.
         */
        void threadedLate(List<Long> replyIds);
    }

    /** An account to create with a profile; {@code createdAt} is when it joined. */
    public record Profile(String username, String displayName, String note, Instant createdAt) {
    }

    /** {@code follower} follows {@code followed}, both usernames. */
    public record Follow(String follower, String followed) {
    }

    /** A like or repost of the post with source id {@code sourceId} by {@code username} at {@code at}. */
    public record Reaction(String sourceId, String username, Instant at) {
    }

    /** Creates the accounts whose usernames are not taken (without login) and returns how many were created. */
    public int profiles(List<Profile> profiles) {
        return bulk(c -> {
            loadCaches(c);
            int created = 0;
            for (Profile p : profiles) {
                if (accounts.containsKey(lower(p.username()))) continue;
                long id = createAccount(c, p.username(), p.createdAt().toEpochMilli());
                Accounts.updateProfile(c, id, p.displayName(), p.note(), null);
                created++;
            }
            return created;
        });
    }

    /** Adds follows between known accounts (new ones only), keeping both accounts' counters. */
    public void follows(List<Follow> follows) {
        bulk(c -> {
            loadCaches(c);
            for (Follow f : follows) {
                Long from = accounts.get(lower(f.follower())), to = accounts.get(lower(f.followed()));
                if (from == null || to == null || from.equals(to)) continue;
                if (FollowRows.exists(c, from, to)) continue;
                FollowRows.insert(c, ids.next(), from, to);
                Accounts.addFollow(c, from, to, 1);
            }
            return null;
        });
    }

    /**
     * Loads posts in batches, then threads every waiting reply whose parent is now stored. {@code progress} gets the
     * number of posts read after each batch.
     */
    public LoadReport posts(Iterator<Post> posts, LongConsumer progress) {
        return posts(posts, progress, null);
    }

    /** Loads posts as {@link #posts(Iterator, LongConsumer)} does, telling {@code written} (when not null) what it wrote. */
    public LoadReport posts(Iterator<Post> posts, LongConsumer progress, Written written) {
        return bulk(c -> {
            loadCaches(c);
            // Replies that may be threaded late: those waiting from earlier loads, and this load's written before their parent.
            Set<Long> unthreaded = written == null ? null : new HashSet<>(Sql.longs(c, "SELECT status_id FROM pending_replies"));
            long createdBefore = accountsCreated;
            long read = 0, inserted = 0;
            List<Post> batch = new ArrayList<>(BATCH);
            while (posts.hasNext()) {
                batch.add(posts.next());
                read++;
                if (batch.size() == BATCH || !posts.hasNext()) {
                    List<IndexedPost> indexed = written == null ? null : new ArrayList<>(batch.size());
                    inserted += writeBatch(c, batch, indexed, unthreaded);
                    c.commit();
                    batch.clear();
                    if (written != null) written.posts(indexed);
                    progress.accept(read);
                }
            }
            List<Long> threadedIds = threadReplies(c);
            long threaded = threadedIds.size();
            if (written != null) written.threadedLate(threadedIds.stream().filter(unthreaded::contains).toList());
            long waiting = Sql.longs(c, "SELECT COUNT(*) FROM pending_replies").getFirst();
            return new LoadReport(read, inserted, read - inserted, accountsCreated - createdBefore, threaded, waiting);
        });
    }

    /** Adds likes of stored posts (by source id) as favourites and raises the posts' counts; returns how many. */
    public int likes(List<Reaction> likes) {
        return reactions(likes, (c, r, target) -> {
            FavouriteRows.insert(c, ids.next(), r.account, target.id);
            return "favourites_count";
        });
    }

    /** Adds reposts of stored posts (by source id) as reblog rows at their time and raises the counts; returns how many. */
    public int reposts(List<Reaction> reposts) {
        return reactions(reposts, (c, r, target) -> {
            long at = r.reaction.at().toEpochMilli();
            long id = freshIds(c, List.of(at)).getFirst();
            PostRows.insert(c, new PostRows.NewRow(id, r.account, "", "", false, target.visibility, null, null, null,
                    target.id, null, null, at, 0), List.of(), List.of(), ids);
            Accounts.addPosts(c, r.account, 1, at);
            return "reblogs_count";
        });
    }

    private record Target(long id, Visibility visibility) {
    }

    private record Resolved(Reaction reaction, long account) {
    }

    private interface ReactionWriter {
        /** Writes one reaction and names the post counter it raises. */
        String write(Connection c, Resolved r, Target target) throws SQLException;
    }

    private int reactions(List<Reaction> reactions, ReactionWriter writer) {
        return bulk(c -> {
            loadCaches(c);
            Map<String, Target> targets = new HashMap<>();
            for (List<String> chunk : chunks(reactions.stream().map(Reaction::sourceId).distinct().toList())) {
                try (PreparedStatement ps = c.prepareStatement("SELECT source_id, id, visibility FROM statuses WHERE source_id IN ("
                        + Sql.placeholders(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) targets.put(rs.getString(1), new Target(rs.getLong(2), Visibility.ofCode(rs.getInt(3))));
                    }
                }
            }
            int written = 0;
            for (Reaction r : reactions) {
                Target target = targets.get(r.sourceId());
                Long account = accounts.get(lower(r.username()));
                if (target == null || account == null) continue;
                PostRows.addCounter(c, target.id, writer.write(c, new Resolved(r, account), target), 1);
                if (++written % BATCH == 0) c.commit();
            }
            return written;
        });
    }

    /** Runs the work through {@link Database#bulk}; a failure drops the caches, which may name rolled-back rows. */
    private <T> T bulk(SqlWork<T> work) {
        try {
            return db.bulk(work);
        } catch (RuntimeException | Error e) {
            accounts = null;
            tags = null;
            throw e;
        }
    }

    /**
     * Writes the posts whose source ids are new; returns how many. With {@code indexed} not null, adds each post
     * written as the search index sees it, and the ids of replies whose parent is not stored yet to {@code unthreaded}.
     */
    private int writeBatch(Connection c, List<Post> batch, List<IndexedPost> indexed, Set<Long> unthreaded)
            throws SQLException {
        Set<String> stored = existing(c, "SELECT source_id FROM statuses WHERE source_id IN (",
                batch.stream().map(Post::sourceId).toList());
        Set<String> inBatch = new HashSet<>();
        List<Post> fresh = new ArrayList<>(batch.size());
        for (Post p : batch) if (!stored.contains(p.sourceId()) && inBatch.add(p.sourceId())) fresh.add(p);
        if (fresh.isEmpty()) return 0;
        List<Long> postIds = freshIds(c, fresh.stream().map(p -> p.createdAt().toEpochMilli()).toList());
        // Authors first, so a post may mention someone whose first post comes later in the batch.
        long[] authors = new long[fresh.size()];
        for (int i = 0; i < fresh.size(); i++) authors[i] = accountId(c, fresh.get(i).author(), fresh.get(i).createdAt().toEpochMilli());

        Map<Long, long[]> authorCounts = new HashMap<>(); // account id -> {posts, last post time}
        try (PreparedStatement posts = c.prepareStatement(PostRows.INSERT);
             PreparedStatement mentions = c.prepareStatement("INSERT INTO mentions (status_id, account_id) VALUES (?, ?)");
             PreparedStatement tagged = c.prepareStatement("INSERT INTO status_tags (tag_id, status_id) VALUES (?, ?)");
             PreparedStatement pending = c.prepareStatement("INSERT INTO pending_replies (status_id, reply_to_source) VALUES (?, ?)")) {
            for (int i = 0; i < fresh.size(); i++) {
                Post p = fresh.get(i);
                long id = postIds.get(i);
                long at = p.createdAt().toEpochMilli();
                long author = authors[i];
                long[] counts = authorCounts.computeIfAbsent(author, k -> new long[]{0, Long.MIN_VALUE});
                counts[0]++;
                counts[1] = Math.max(counts[1], at);
                PostRows.bind(posts, new PostRows.NewRow(id, author, p.text(), "", false, Visibility.PUBLIC,
                        p.language(), null, null, null, p.sourceId(), null, at, p.likes()));
                posts.addBatch();
                for (String name : p.mentions()) {
                    Long mentioned = accounts.get(name);
                    if (mentioned == null) continue;
                    mentions.setLong(1, id);
                    mentions.setLong(2, mentioned);
                    mentions.addBatch();
                }
                for (String tag : p.tags()) {
                    tagged.setLong(1, tagId(c, tag));
                    tagged.setLong(2, id);
                    tagged.addBatch();
                }
                if (p.replyTo() != null) {
                    pending.setLong(1, id);
                    pending.setString(2, p.replyTo());
                    pending.addBatch();
                }
            }
            posts.executeBatch();
            mentions.executeBatch();
            tagged.executeBatch();
            pending.executeBatch();
        }
        if (indexed != null) indexed(c, fresh, postIds, authors, indexed, unthreaded);
        try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET statuses_count = statuses_count + ?, "
                + "last_status_at = CASE WHEN last_status_at IS NULL OR last_status_at < ? THEN ? ELSE last_status_at END "
                + "WHERE id = ?")) {
            for (Map.Entry<Long, long[]> e : authorCounts.entrySet()) {
                ps.setLong(1, e.getValue()[0]);
                ps.setLong(2, e.getValue()[1]);
                ps.setLong(3, e.getValue()[1]);
                ps.setLong(4, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return fresh.size();
    }

    /** Adds the written posts as the search index sees them, and the ids of replies whose parent is not stored yet. */
    private static void indexed(Connection c, List<Post> written, List<Long> postIds, long[] authors,
                                List<IndexedPost> out, Set<Long> unthreaded) throws SQLException {
        Map<String, Long> parents = new HashMap<>();
        List<String> parentSources = written.stream().map(Post::replyTo).filter(r -> r != null).distinct().toList();
        for (List<String> chunk : chunks(parentSources)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT source_id, id FROM statuses WHERE source_id IN ("
                    + Sql.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) parents.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        for (int i = 0; i < written.size(); i++) {
            Post p = written.get(i);
            long id = postIds.get(i);
            Long parent = p.replyTo() == null ? null : parents.get(p.replyTo());
            if (p.replyTo() != null && parent == null) unthreaded.add(id);
            out.add(new IndexedPost(id, authors[i], p.text(), p.createdAt(), IndexedPost.Visibility.PUBLIC,
                    (int) Math.min(Integer.MAX_VALUE, p.likes()), 0, parent == null ? 0 : parent, List.copyOf(p.tags())));
        }
    }

    /**
     * Links every waiting reply whose parent is stored: sets its reply columns, raises the parent's replies count
     * and forgets it. Returns the ids of the replies linked.
     */
    private List<Long> threadReplies(Connection c) throws SQLException {
        List<long[]> links = new ArrayList<>(); // {reply, parent, parent's author}
        try (PreparedStatement ps = c.prepareStatement("SELECT r.status_id, p.id, p.account_id FROM pending_replies r "
                + "JOIN statuses p ON p.source_id = r.reply_to_source JOIN statuses s ON s.id = r.status_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) links.add(new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)});
        }
        Map<Long, Integer> replies = new HashMap<>();
        try (PreparedStatement link = c.prepareStatement("UPDATE statuses SET in_reply_to_id = ?, in_reply_to_account_id = ? WHERE id = ?");
             PreparedStatement forget = c.prepareStatement("DELETE FROM pending_replies WHERE status_id = ?")) {
            for (long[] l : links) {
                link.setLong(1, l[1]);
                link.setLong(2, l[2]);
                link.setLong(3, l[0]);
                link.addBatch();
                forget.setLong(1, l[0]);
                forget.addBatch();
                replies.merge(l[1], 1, Integer::sum);
            }
            link.executeBatch();
            forget.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE statuses SET replies_count = replies_count + ? WHERE id = ?")) {
            for (Map.Entry<Long, Integer> e : replies.entrySet()) {
                ps.setInt(1, e.getValue());
                ps.setLong(2, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return links.stream().map(l -> l[0]).toList();
    }

    /**
     * Snowflake ids for the given creation times, in order: each {@link Snowflakes#at} its time, or, when that id is
     * taken (by a stored row, say from an earlier run whose sequence started where this one did, or by an earlier
     * one of the list), one above the highest taken id of the same millisecond.
     */
    private List<Long> freshIds(Connection c, List<Long> times) throws SQLException {
        List<Long> out = new ArrayList<>(times.size());
        for (long t : times) out.add(ids.at(t));
        Set<String> stored = existing(c, "SELECT id FROM statuses WHERE id IN (", out);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < out.size(); i++) {
            if (!stored.contains(Long.toString(out.get(i))) && seen.add(out.get(i))) continue;
            long floor = Snowflakes.floorOf(times.get(i)), ceiling = floor | 0xFFFF;
            long taken = Math.max(Sql.longs(c, "SELECT COALESCE(MAX(id), 0) FROM statuses WHERE id BETWEEN ? AND ?",
                    floor, ceiling).getFirst(), floor);
            for (long id : seen) if (id >= floor && id <= ceiling) taken = Math.max(taken, id);
            if (taken >= ceiling) throw new StoreException("more than 65,536 posts at " + Instant.ofEpochMilli(times.get(i)), null);
            out.set(i, taken + 1);
            seen.add(taken + 1);
        }
        return out;
    }

    /** The first column's values, as strings, of {@code selectIn + "?, ..., ?)"} over the values in chunks. */
    private static Set<String> existing(Connection c, String selectIn, List<?> values) throws SQLException {
        Set<String> out = new HashSet<>();
        for (List<?> chunk : chunks(values)) {
            try (PreparedStatement ps = c.prepareStatement(selectIn + Sql.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) ps.setObject(i + 1, chunk.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static <T> List<List<T>> chunks(List<T> list) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += IN_CHUNK) out.add(list.subList(i, Math.min(list.size(), i + IN_CHUNK)));
        return out;
    }

    private void loadCaches(Connection c) throws SQLException {
        if (accounts != null) return;
        accounts = new HashMap<>();
        tags = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT username_lower, id FROM accounts");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) accounts.put(rs.getString(1), rs.getLong(2));
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT name, id FROM tags");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) tags.put(rs.getString(1), rs.getLong(2));
        }
    }

    private long accountId(Connection c, String username, long firstPostAt) throws SQLException {
        Long id = accounts.get(lower(username));
        return id != null ? id : createAccount(c, username, firstPostAt);
    }

    /** An account with no email and no password hash: it shows on the network, but nobody can log in as it. */
    private long createAccount(Connection c, String username, long createdAt) throws SQLException {
        long id = ids.next();
        Accounts.insert(c, id, username, null, null, null, false, createdAt);
        accounts.put(lower(username), id);
        accountsCreated++;
        return id;
    }

    private long tagId(Connection c, String name) throws SQLException {
        Long id = tags.get(name);
        if (id == null) {
            id = Tags.idFor(c, name, ids);
            tags.put(name, id);
        }
        return id;
    }

    private static String lower(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
