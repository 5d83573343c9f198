package dev.colossus.social.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL for edited posts: the new state of a post's row and the {@code status_edits} versions with the media
 * ({@code status_edit_media}) and poll options ({@code status_edit_poll_options}) each showed. Stateless; runs on the
 * caller's connection.
 */
public final class EditRows {

    private EditRows() {
    }

    /**
     * One stored version of a post.
     *
     * @param accountId who made it (the author)
     * @param createdAt epoch ms: the post's creation for the original, else when the edit was made
     * @param media       the attachments it showed, in order, with the alt text they had then
     * @param pollOptions the titles of its poll's options, in order (empty without a poll)
     */
    public record Version(long id, long postId, long accountId, String text, String spoilerText, boolean sensitive,
                          long createdAt, List<ShownMedia> media, List<String> pollOptions) {

        public Version {
            media = List.copyOf(media);
            pollOptions = List.copyOf(pollOptions);
        }
    }

    /** An attachment as one version showed it. */
    public record ShownMedia(long mediaId, String description) {
    }

    /** The editable state of a post's row. {@code language} is nullable. */
    public record Content(String text, String spoilerText, boolean sensitive, String language) {
    }

    /**
     * Locks post {@code postId} for an edit by {@code authorId} until the transaction ends (a no-op update: on a server
     * database a concurrent edit of the same post waits here, then reads the committed result). Returns false when
     * there is no such post by that author (nothing is locked then).
     */
    public static boolean lockForEdit(Connection c, long postId, long authorId) throws SQLException {
        return Sql.update(c, "UPDATE statuses SET edited_at = edited_at WHERE id = ? AND account_id = ?",
                postId, authorId) == 1;
    }

    /**
     * Sets the post's content and {@code edited_at} (epoch ms) and replaces its mentions and tags (creating tags on
     * first use).
     */
    public static void update(Connection c, long postId, Content content, long editedAt,
                              Collection<Long> mentionedAccountIds, Collection<String> tags, Snowflakes ids)
            throws SQLException {
        Sql.update(c, "UPDATE statuses SET text = ?, spoiler_text = ?, sensitive = ?, language = ?, edited_at = ?"
                        + " WHERE id = ?", content.text(), content.spoilerText(), content.sensitive() ? 1 : 0,
                content.language(), editedAt, postId);
        Sql.update(c, "DELETE FROM mentions WHERE status_id = ?", postId);
        Sql.update(c, "DELETE FROM status_tags WHERE status_id = ?", postId);
        PostRows.link(c, postId, mentionedAccountIds, tags, ids);
    }

    /** Whether post {@code postId} has stored versions (it was edited before). */
    public static boolean any(Connection c, long postId) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM status_edits WHERE status_id = ?", postId);
    }

    /** Stores a version with its media. */
    public static void insert(Connection c, Version v) throws SQLException {
        Sql.update(c, "INSERT INTO status_edits (id, status_id, account_id, text, spoiler_text, sensitive, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", v.id(), v.postId(), v.accountId(), v.text(), v.spoilerText(),
                v.sensitive() ? 1 : 0, v.createdAt());
        for (int i = 0; i < v.media().size(); i++) {
            ShownMedia m = v.media().get(i);
            Sql.update(c, "INSERT INTO status_edit_media (edit_id, position, media_id, description) VALUES (?, ?, ?, ?)",
                    v.id(), i, m.mediaId(), m.description());
        }
        for (int i = 0; i < v.pollOptions().size(); i++) {
            Sql.update(c, "INSERT INTO status_edit_poll_options (edit_id, position, title) VALUES (?, ?, ?)",
                    v.id(), i, v.pollOptions().get(i));
        }
    }

    /** The stored versions of post {@code postId}, oldest first (none for a post never edited). */
    public static List<Version> of(Connection c, long postId) throws SQLException {
        record Head(long id, long accountId, String text, String spoilerText, boolean sensitive, long createdAt) {
        }
        List<Head> heads = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, account_id, text, spoiler_text, sensitive, created_at"
                + " FROM status_edits WHERE status_id = ? ORDER BY id")) {
            ps.setLong(1, postId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    heads.add(new Head(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5) != 0, rs.getLong(6)));
                }
            }
        }
        if (heads.isEmpty()) return List.of();
        Map<Long, List<ShownMedia>> media = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT m.edit_id, m.media_id, m.description FROM status_edit_media m"
                + " JOIN status_edits e ON e.id = m.edit_id WHERE e.status_id = ? ORDER BY m.edit_id, m.position")) {
            ps.setLong(1, postId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    media.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new ShownMedia(rs.getLong(2), rs.getString(3)));
                }
            }
        }
        Map<Long, List<String>> options = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.edit_id, o.title FROM status_edit_poll_options o"
                + " JOIN status_edits e ON e.id = o.edit_id WHERE e.status_id = ? ORDER BY o.edit_id, o.position")) {
            ps.setLong(1, postId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) options.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return heads.stream().map(h -> new Version(h.id(), postId, h.accountId(), h.text(), h.spoilerText(),
                h.sensitive(), h.createdAt(), media.getOrDefault(h.id(), List.of()), options.getOrDefault(h.id(), List.of())))
                .toList();
    }

    /** Removes a deleted post's versions. */
    static void deleteForPost(Connection c, long postId) throws SQLException {
        Sql.update(c, "DELETE FROM status_edit_poll_options WHERE edit_id IN (SELECT id FROM status_edits WHERE status_id = ?)",
                postId);
        Sql.update(c, "DELETE FROM status_edit_media WHERE edit_id IN (SELECT id FROM status_edits WHERE status_id = ?)",
                postId);
        Sql.update(c, "DELETE FROM status_edits WHERE status_id = ?", postId);
    }
}
