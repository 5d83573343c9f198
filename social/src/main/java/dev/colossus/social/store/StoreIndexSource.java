package dev.colossus.social.store;

import dev.colossus.social.Visibility;
import dev.colossus.social.search.IndexSource;
import dev.colossus.social.search.IndexedAccount;
import dev.colossus.social.search.IndexedPost;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Feeds the search index from the database: posts (not reblogs) and accounts in ascending id order, read lazily in
 * batches by key so a rebuild of millions of posts holds one batch in memory and no connection between batches.
 */
public final class StoreIndexSource implements IndexSource {

    private static final int BATCH = 2000;
    private final Database db;

    public StoreIndexSource(Database db) {
        this.db = db;
    }

    @Override
    public long postCount() {
        return db.read(c -> Sql.longs(c, "SELECT COUNT(*) FROM statuses WHERE reblog_of_id IS NULL")).getFirst();
    }

    @Override
    public Stream<IndexedPost> posts(long afterId) {
        return Stream.iterate(postBatch(afterId), b -> !b.isEmpty(), b -> postBatch(b.getLast().id()))
                .flatMap(List::stream);
    }

    @Override
    public Stream<IndexedAccount> accounts(long afterId) {
        return Stream.iterate(accountBatch(afterId), b -> !b.isEmpty(), b -> accountBatch(b.getLast().id()))
                .flatMap(List::stream);
    }

    /** The posts (not reblogs) with these ids, read in chunks, in ascending id order; unknown ids are skipped. */
    public List<IndexedPost> posts(List<Long> ids) {
        List<Long> sorted = ids.stream().sorted().distinct().toList();
        List<IndexedPost> out = new ArrayList<>(sorted.size());
        for (int from = 0; from < sorted.size(); from += 500) {
            List<Long> chunk = sorted.subList(from, Math.min(sorted.size(), from + 500));
            out.addAll(db.read(c -> posts(c, "id IN (" + Sql.placeholders(chunk.size()) + ")", chunk.toArray(),
                    "st.status_id IN (" + Sql.placeholders(chunk.size()) + ")", chunk.toArray())));
        }
        return out;
    }

    private List<IndexedPost> postBatch(long afterId) {
        return db.read(c -> posts(c, "id > ?", new Object[]{afterId}, null, null));
    }

    /**
     * The posts matching {@code where} (with its parameters), at most a batch in id order, with their tags: those
     * matching {@code tagsWhere} on {@code st.status_id}, or, when null, those in the id range the posts span.
     */
    private static List<IndexedPost> posts(Connection c, String where, Object[] params, String tagsWhere,
                                           Object[] tagParams) throws SQLException {
        record Row(long id, long author, String text, long created, int visibility, long likes, long reblogs, long replyTo) {
        }
        List<Row> rows = new ArrayList<>();
        // "+reblog_of_id": walk the primary key; through the reblog index (SQLite's choice without statistics) each
        // batch would scan every post.
        try (PreparedStatement ps = c.prepareStatement("SELECT id, account_id, spoiler_text, text, created_at, visibility, "
                + "favourites_count, reblogs_count, in_reply_to_id FROM statuses WHERE " + where + " AND +reblog_of_id IS NULL "
                + "ORDER BY id LIMIT " + BATCH)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getLong(2), IndexedPost.searchable(rs.getString(3), rs.getString(4)),
                            rs.getLong(5), rs.getInt(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)));
                }
            }
        }
        if (rows.isEmpty()) return List.<IndexedPost>of();
        if (tagsWhere == null) {
            tagsWhere = "st.status_id >= ? AND st.status_id <= ?";
            tagParams = new Object[]{rows.getFirst().id(), rows.getLast().id()};
        }
        Map<Long, List<String>> tags = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT st.status_id, t.name FROM status_tags st "
                + "JOIN tags t ON t.id = st.tag_id WHERE " + tagsWhere)) {
            for (int i = 0; i < tagParams.length; i++) ps.setObject(i + 1, tagParams[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        List<IndexedPost> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new IndexedPost(r.id, r.author, r.text, Instant.ofEpochMilli(r.created),
                    searchVisibility(Visibility.ofCode(r.visibility)), (int) Math.min(Integer.MAX_VALUE, r.likes),
                    (int) Math.min(Integer.MAX_VALUE, r.reblogs), r.replyTo, tags.getOrDefault(r.id, List.of())));
        }
        return out;
    }

    private List<IndexedAccount> accountBatch(long afterId) {
        return db.read(c -> {
            List<IndexedAccount> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, username, display_name, followers_count FROM accounts "
                    + "WHERE id > ? ORDER BY id LIMIT " + BATCH)) {
                ps.setLong(1, afterId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new IndexedAccount(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
            return out;
        });
    }

    /** The index's name for a visibility. */
    public static IndexedPost.Visibility searchVisibility(Visibility v) {
        return IndexedPost.Visibility.valueOf(v.name());
    }
}
