package dev.colossus.social.store;

import dev.colossus.social.Account;
import dev.colossus.social.Poll;
import dev.colossus.social.Post;
import dev.colossus.social.Visibility;
import dev.colossus.social.media.MediaAttachment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SQL for posts and their entities (mentions, tags). Stateless; runs on the caller's connection. */
public final class PostRows {

    private static final String COLUMNS = "s.id, s.text, s.spoiler_text, s.sensitive, s.visibility, s.language, "
            + "s.in_reply_to_id, s.in_reply_to_account_id, s.reblog_of_id, s.created_at, s.replies_count, "
            + "s.reblogs_count, s.favourites_count, s.edited_at, " + Accounts.COLUMNS;
    static final String INSERT = "INSERT INTO statuses (id, account_id, text, spoiler_text, sensitive, visibility, "
            + "language, in_reply_to_id, in_reply_to_account_id, reblog_of_id, source_id, app_id, created_at, "
            + "replies_count, reblogs_count, favourites_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)";

    private PostRows() {
    }

    /** A row to insert. Nullable: language, inReplyTo*, reblogOfId, sourceId, appId. */
    public record NewRow(long id, long accountId, String text, String spoilerText, boolean sensitive,
                         Visibility visibility, String language, Long inReplyToId, Long inReplyToAccountId,
                         Long reblogOfId, String sourceId, Long appId, long createdAt, long favouritesCount) {
    }

    /** Binds a row to {@link #INSERT}'s parameters (shared with the bulk loader's batches). */
    static void bind(PreparedStatement ps, NewRow r) throws SQLException {
        ps.setLong(1, r.id());
        ps.setLong(2, r.accountId());
        ps.setString(3, r.text());
        ps.setString(4, r.spoilerText());
        ps.setInt(5, r.sensitive() ? 1 : 0);
        ps.setInt(6, r.visibility().code());
        ps.setString(7, r.language());
        setNullableLong(ps, 8, r.inReplyToId());
        setNullableLong(ps, 9, r.inReplyToAccountId());
        setNullableLong(ps, 10, r.reblogOfId());
        ps.setString(11, r.sourceId());
        setNullableLong(ps, 12, r.appId());
        ps.setLong(13, r.createdAt());
        ps.setLong(14, r.favouritesCount());
    }

    private static void setNullableLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT);
        else ps.setLong(i, v);
    }

    /** Inserts the post, its mentions and its tags (creating tags on first use). */
    public static void insert(Connection c, NewRow row, Collection<Long> mentionedAccountIds, Collection<String> tags,
                              Snowflakes ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            bind(ps, row);
            ps.executeUpdate();
        }
        link(c, row.id(), mentionedAccountIds, tags, ids);
    }

    /** Inserts post {@code id}'s mentions and tags (creating tags on first use). */
    static void link(Connection c, long id, Collection<Long> mentionedAccountIds, Collection<String> tags,
                     Snowflakes ids) throws SQLException {
        for (long accountId : mentionedAccountIds) {
            Sql.update(c, "INSERT INTO mentions (status_id, account_id) VALUES (?, ?)", id, accountId);
        }
        for (String tag : tags) {
            Sql.update(c, "INSERT INTO status_tags (tag_id, status_id) VALUES (?, ?)", Tags.idFor(c, tag, ids), id);
        }
    }

    /** Deletes the post and everything hanging off it (mentions, tags, favourites, idempotency keys, an
     * unthreaded import reply, notifications about it, its poll, its earlier versions, bookmarks and pins of it, its place in a direct conversation); its media become unattached again (cleaned up a day later
     * unless reattached). */
    public static void delete(Connection c, long id) throws SQLException {
        MediaRows.detach(c, id, System.currentTimeMillis());
        Sql.update(c, "DELETE FROM mentions WHERE status_id = ?", id);
        Sql.update(c, "DELETE FROM status_tags WHERE status_id = ?", id);
        Sql.update(c, "DELETE FROM favourites WHERE status_id = ?", id);
        Sql.update(c, "DELETE FROM idempotency_keys WHERE status_id = ?", id);
        Sql.update(c, "DELETE FROM pending_replies WHERE status_id = ?", id);
        EditRows.deleteForPost(c, id);
        NotificationRows.deleteForPost(c, id);
        PersonalRows.deleteForPost(c, id);
        PollRows.deleteForPost(c, id);
        Sql.update(c, "DELETE FROM statuses WHERE id = ?", id);
    }

    /**
     * Deletes one post ({@link #delete}) and undoes the counters it had raised: its author's post count, its
     * original's reblogs, its parent's replies. Nothing happens for an unknown id.
     */
    public static void remove(Connection c, long id) throws SQLException {
        List<Long> author = Sql.longs(c, "SELECT account_id FROM statuses WHERE id = ?", id);
        if (author.isEmpty()) return;
        List<Long> reblogOf = Sql.longs(c, "SELECT reblog_of_id FROM statuses WHERE id = ? AND reblog_of_id IS NOT NULL", id);
        List<Long> parent = Sql.longs(c, "SELECT in_reply_to_id FROM statuses WHERE id = ? AND in_reply_to_id IS NOT NULL", id);
        delete(c, id);
        Accounts.addPosts(c, author.getFirst(), -1, 0);
        if (!reblogOf.isEmpty()) addCounter(c, reblogOf.getFirst(), "reblogs_count", -1);
        if (!parent.isEmpty()) addCounter(c, parent.getFirst(), "replies_count", -1);
    }

    /** Whether post {@code id} exists and is by {@code accountId}. */
    public static boolean isBy(Connection c, long id, long accountId) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM statuses WHERE id = ? AND account_id = ?", id, accountId);
    }

    /** Ids of every reblog of post {@code id}. */
    public static List<Long> reblogsOf(Connection c, long id) throws SQLException {
        return Sql.longs(c, "SELECT id FROM statuses WHERE reblog_of_id = ?", id);
    }

    /** The accounts that reblogged post {@code id}. */
    public static List<Long> rebloggers(Connection c, long id) throws SQLException {
        return Sql.longs(c, "SELECT account_id FROM statuses WHERE reblog_of_id = ?", id);
    }

    /** Ids of {@code accountId}'s reblogs of post {@code id} (at most one in practice). */
    public static List<Long> reblogsOf(Connection c, long id, long accountId) throws SQLException {
        return Sql.longs(c, "SELECT id FROM statuses WHERE reblog_of_id = ? AND account_id = ?", id, accountId);
    }

    /** A direct reply: the reply's id and the id of the post it answers. */
    public record Reply(long id, long parentId) {
    }

    /** The direct replies to any of {@code parentIds}, at most {@code limit}. */
    public static List<Reply> repliesTo(Connection c, List<Long> parentIds, int limit) throws SQLException {
        List<Reply> out = new ArrayList<>();
        for (int from = 0; from < parentIds.size() && out.size() < limit; from += 500) {
            List<Long> chunk = parentIds.subList(from, Math.min(parentIds.size(), from + 500));
            try (PreparedStatement ps = c.prepareStatement("SELECT id, in_reply_to_id FROM statuses WHERE in_reply_to_id IN ("
                    + Sql.placeholders(chunk.size()) + ")")) {
                Sql.bindLongs(ps, 1, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && out.size() < limit) out.add(new Reply(rs.getLong(1), rs.getLong(2)));
                }
            }
        }
        return out;
    }

    /** Whether there is any post at all. */
    public static boolean any(Connection c) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM statuses");
    }

    public static void addCounter(Connection c, long id, String counter, int delta) throws SQLException {
        if (!Set.of("replies_count", "reblogs_count", "favourites_count").contains(counter)) {
            throw new IllegalArgumentException(counter);
        }
        Sql.update(c, "UPDATE statuses SET " + counter + " = " + counter + " + ? WHERE id = ?", delta, id);
    }

    /** Ids of the posts from {@code fromId} on that mention {@code accountId}, ascending, at most {@code limit}. */
    public static List<Long> mentioning(Connection c, long accountId, long fromId, int limit) throws SQLException {
        return Sql.longs(c, "SELECT status_id FROM mentions WHERE account_id = ? AND status_id >= ? ORDER BY status_id"
                + " LIMIT ?", accountId, fromId, limit);
    }

    /** Loads posts as {@code viewerId} (nullable) sees them, in the order of {@code ids}; missing ids are skipped. */
    public static List<Post> load(Connection c, List<Long> ids, Long viewerId) throws SQLException {
        if (ids.isEmpty()) return List.of();
        Map<Long, Row> rows = rows(c, new LinkedHashSet<>(ids));
        if (rows.isEmpty()) return List.of(); // and no "IN ()" below, which PostgreSQL rejects
        Set<Long> reblogIds = new HashSet<>();
        for (Row r : rows.values()) if (r.reblogOfId != null) reblogIds.add(r.reblogOfId);
        Map<Long, Post> reblogged = new HashMap<>();
        for (Post s : load(c, List.copyOf(reblogIds), viewerId)) reblogged.put(s.id(), s);

        Set<Long> own = rows.keySet();
        Map<Long, List<Post.Mention>> mentions = mentions(c, own);
        Map<Long, List<String>> tags = tags(c, own);
        Map<Long, List<MediaAttachment>> media = MediaRows.ofPosts(c, own);
        Set<Long> favourited = viewerId == null ? Set.of() : new HashSet<>(Sql.longs(c,
                "SELECT status_id FROM favourites WHERE account_id = ? AND status_id IN (" + Sql.placeholders(own.size()) + ")",
                concat(viewerId, own)));
        Set<Long> reblogged2 = viewerId == null ? Set.of() : new HashSet<>(Sql.longs(c,
                "SELECT reblog_of_id FROM statuses WHERE account_id = ? AND reblog_of_id IN (" + Sql.placeholders(own.size()) + ")",
                concat(viewerId, own)));
        Set<Long> bookmarked = viewerId == null ? Set.of() : BookmarkRows.among(c, viewerId, own);
        Set<Long> pinned = PinRows.among(c, own);
        Map<Long, Poll> polls = PollRows.ofPosts(c, own, viewerId, System.currentTimeMillis());

        List<Post> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Row r = rows.get(id);
            if (r == null) continue;
            Post reblog = r.reblogOfId == null ? null : reblogged.get(r.reblogOfId);
            if (r.reblogOfId != null && reblog == null) continue; // the original is gone
            out.add(new Post(r.id, r.account, r.text, r.spoilerText, r.sensitive, r.visibility, r.language,
                    r.inReplyToId, r.inReplyToAccountId, reblog, Instant.ofEpochMilli(r.createdAt), r.replies,
                    r.reblogs, r.favourites, mentions.getOrDefault(id, List.of()), tags.getOrDefault(id, List.of()),
                    favourited.contains(id), reblogged2.contains(id), media.getOrDefault(id, List.of()), r.editedAt, polls.get(id),
                    bookmarked.contains(id), pinned.contains(id)));
        }
        return out;
    }

    private static Object[] concat(long first, Collection<Long> rest) {
        Object[] out = new Object[rest.size() + 1];
        out[0] = first;
        int i = 1;
        for (Long v : rest) out[i++] = v;
        return out;
    }

    private record Row(long id, String text, String spoilerText, boolean sensitive, Visibility visibility,
                       String language, Long inReplyToId, Long inReplyToAccountId, Long reblogOfId, long createdAt,
                       long replies, long reblogs, long favourites, Instant editedAt, Account account) {
    }

    private static Map<Long, Row> rows(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, Row> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM statuses s JOIN accounts a ON a.id = s.account_id WHERE s.id IN (" + Sql.placeholders(ids.size()) + ")")) {
            Sql.bindLongs(ps, 1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row r = new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4) != 0,
                            Visibility.ofCode(rs.getInt(5)), rs.getString(6), nullableLong(rs, 7), nullableLong(rs, 8),
                            nullableLong(rs, 9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13),
                            instant(nullableLong(rs, 14)), Accounts.map(rs, 15));
                    out.put(r.id, r);
                }
            }
        }
        return out;
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    private static Long nullableLong(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Map<Long, List<Post.Mention>> mentions(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, List<Post.Mention>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT m.status_id, a.id, a.username FROM mentions m "
                + "JOIN accounts a ON a.id = m.account_id WHERE m.status_id IN (" + Sql.placeholders(ids.size()) + ")")) {
            Sql.bindLongs(ps, 1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Post.Mention(rs.getLong(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    private static Map<Long, List<String>> tags(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, List<String>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT st.status_id, t.name FROM status_tags st "
                + "JOIN tags t ON t.id = st.tag_id WHERE st.status_id IN (" + Sql.placeholders(ids.size()) + ")")) {
            Sql.bindLongs(ps, 1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return out;
    }
}
