package dev.colossus.social.store;

import dev.colossus.social.SocialException;
import dev.colossus.social.media.Focus;
import dev.colossus.social.media.MediaAttachment;
import dev.colossus.social.media.MediaFormat;
import dev.colossus.social.media.MediaInfo;
import dev.colossus.social.media.MediaType;
import dev.colossus.social.media.Preview;

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
import java.util.List;
import java.util.Map;

/** SQL for media attachments. Stateless; runs on the caller's connection. */
public final class MediaRows {

    private static final int MAX_PER_POST = MediaAttachment.MAX_PER_POST;
    /** The position of an attachment an edit removed from its post: kept for the post's history, shown nowhere else. */
    private static final int REMOVED = -1;

    private static final String COLUMNS = "id, account_id, status_id, type, format, file_hash, file_size, description, "
            + "focus_x, focus_y, blurhash, width, height, duration, frame_rate, preview_format, preview_width, "
            + "preview_height, created_at";

    private MediaRows() {
    }

    /** Inserts a new, unattached attachment. */
    public static void insert(Connection c, MediaAttachment m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO media_attachments (" + COLUMNS
                + ", position, unattached_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
            ps.setLong(1, m.id());
            ps.setLong(2, m.accountId());
            ps.setNull(3, Types.BIGINT);
            ps.setString(4, m.type().apiName());
            ps.setString(5, m.format().extension());
            ps.setString(6, m.hash());
            ps.setLong(7, m.size());
            ps.setString(8, m.description());
            ps.setDouble(9, m.focus().x());
            ps.setDouble(10, m.focus().y());
            ps.setString(11, m.blurhash());
            setInt(ps, 12, m.original().width());
            setInt(ps, 13, m.original().height());
            setDouble(ps, 14, m.original().duration());
            setDouble(ps, 15, m.original().frameRate());
            Preview p = m.preview();
            ps.setString(16, p == null ? null : p.extension());
            setInt(ps, 17, p == null ? null : p.width());
            setInt(ps, 18, p == null ? null : p.height());
            ps.setLong(19, m.createdAt().toEpochMilli());
            ps.setLong(20, m.createdAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER);
        else ps.setInt(i, v);
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) ps.setNull(i, Types.DOUBLE);
        else ps.setDouble(i, v);
    }

    /** One attachment by id, or null. */
    public static MediaAttachment find(Connection c, long id) throws SQLException {
        List<MediaAttachment> found = select(c, "SELECT " + COLUMNS + " FROM media_attachments WHERE id = ?", List.of(id));
        return found.isEmpty() ? null : found.getFirst();
    }

    /** Changes an attachment's description and focus. */
    public static void describe(Connection c, long id, String description, Focus focus) throws SQLException {
        Sql.update(c, "UPDATE media_attachments SET description = ?, focus_x = ?, focus_y = ? WHERE id = ?",
                description, focus.x(), focus.y(), id);
    }

    /** The attachments of each post, in their order (not those an edit removed); posts without any are absent. */
    public static Map<Long, List<MediaAttachment>> ofPosts(Connection c, Collection<Long> postIds) throws SQLException {
        Map<Long, List<MediaAttachment>> out = new HashMap<>();
        if (postIds.isEmpty()) return out;
        for (MediaAttachment m : select(c, "SELECT " + COLUMNS + " FROM media_attachments WHERE status_id IN ("
                + Sql.placeholders(postIds.size()) + ") AND position >= 0 ORDER BY status_id, position", postIds)) {
            out.computeIfAbsent(m.postId(), k -> new ArrayList<>()).add(m);
        }
        return out;
    }

    /** Attachments by id, in id order; unknown ids are skipped. */
    public static List<MediaAttachment> byIds(Connection c, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) return List.of();
        return select(c, "SELECT " + COLUMNS + " FROM media_attachments WHERE id IN (" + Sql.placeholders(ids.size())
                + ") ORDER BY id", ids);
    }

    /**
     * Makes {@code mediaIds} the attachments of a new or edited post, in the given order: at most
     * {@link MediaAttachment#MAX_PER_POST}, each the author's own and unattached or already the post's (kept or
     * removed by an earlier edit), and audio or video only alone. The post's other attachments are removed from it
     * but kept for its history.
     *
     * @throws SocialException.Invalid when any id breaks a rule
     */
    public static void attach(Connection c, long authorId, long postId, List<Long> mediaIds) throws SQLException {
        if (mediaIds.isEmpty()) {
            Sql.update(c, "UPDATE media_attachments SET position = ? WHERE status_id = ?", REMOVED, postId);
            return;
        }
        if (mediaIds.size() > MAX_PER_POST) {
            throw SocialException.invalid("media_ids", "Cannot attach more than " + MAX_PER_POST + " files");
        }
        if (new HashSet<>(mediaIds).size() != mediaIds.size()) {
            throw SocialException.invalid("media_ids", "The same file is attached twice");
        }
        List<MediaAttachment> found = select(c, "SELECT " + COLUMNS + " FROM media_attachments WHERE id IN ("
                + Sql.placeholders(mediaIds.size()) + ") AND account_id = ? AND (status_id IS NULL OR status_id = ?)",
                concat(concat(mediaIds, authorId), postId));
        if (found.size() != mediaIds.size()) {
            throw SocialException.invalid("media_ids", "Media ids must be your own uploads not attached to another post");
        }
        boolean playable = found.stream().anyMatch(m -> m.type() == MediaType.VIDEO || m.type() == MediaType.AUDIO);
        if (playable && found.size() > 1) {
            throw SocialException.invalid("media_ids", "Audio or video must be the only attachment of a post");
        }
        Sql.update(c, "UPDATE media_attachments SET position = ? WHERE status_id = ?", REMOVED, postId);
        for (int i = 0; i < mediaIds.size(); i++) {
            Sql.update(c, "UPDATE media_attachments SET status_id = ?, position = ?, unattached_since = NULL WHERE id = ?",
                    postId, i, mediaIds.get(i));
        }
    }

    /** Detaches a deleted post's media (kept for a while, to be attached again as Mastodon's redraft does). */
    static void detach(Connection c, long postId, long now) throws SQLException {
        Sql.update(c, "UPDATE media_attachments SET status_id = NULL, unattached_since = ? WHERE status_id = ?", now, postId);
    }

    /** Unattached rows left since before {@code cutoff} (epoch ms), at most {@code limit}. */
    public static List<MediaAttachment> unattachedBefore(Connection c, long cutoff, int limit) throws SQLException {
        return select(c, "SELECT " + COLUMNS + " FROM media_attachments WHERE status_id IS NULL AND unattached_since < ?"
                + " ORDER BY unattached_since LIMIT " + limit, List.of(cutoff));
    }

    public static void delete(Connection c, long id) throws SQLException {
        Sql.update(c, "DELETE FROM media_attachments WHERE id = ?", id);
    }

    /** Whether any row still uses the file with this hash. */
    public static boolean hashInUse(Connection c, String hash) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM media_attachments WHERE file_hash = ?", hash);
    }

    /** Every attachment, attached or waiting to be, in id order (what a copy of the database references). */
    public static List<MediaAttachment> all(Connection c) throws SQLException {
        return select(c, "SELECT " + COLUMNS + " FROM media_attachments ORDER BY id", List.of());
    }

    private static List<Object> concat(List<?> ids, long last) {
        List<Object> out = new ArrayList<>(ids);
        out.add(last);
        return out;
    }

    private static List<MediaAttachment> select(Connection c, String sql, Collection<?> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object p : params) ps.setObject(i++, p);
            try (ResultSet rs = ps.executeQuery()) {
                List<MediaAttachment> out = new ArrayList<>();
                while (rs.next()) out.add(map(rs));
                return out;
            }
        }
    }

    private static MediaAttachment map(ResultSet rs) throws SQLException {
        String previewFormat = rs.getString(16);
        Preview preview = previewFormat == null ? null : new Preview(previewFormat, rs.getInt(17), rs.getInt(18));
        MediaInfo info = new MediaInfo(integer(rs, 12), integer(rs, 13), decimal(rs, 14), decimal(rs, 15));
        long postId = rs.getLong(3);
        Long post = rs.wasNull() ? null : postId;
        return new MediaAttachment(rs.getLong(1), rs.getLong(2), MediaType.ofApiName(rs.getString(4)),
                MediaFormat.ofExtension(rs.getString(5)), rs.getString(6), rs.getLong(7), rs.getString(8),
                new Focus(rs.getDouble(9), rs.getDouble(10)), rs.getString(11), info, preview, post,
                Instant.ofEpochMilli(rs.getLong(19)));
    }

    private static Integer integer(ResultSet rs, int col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    private static Double decimal(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }
}
