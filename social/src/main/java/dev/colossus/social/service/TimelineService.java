package dev.colossus.social.service;

import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.SocialException;
import dev.colossus.social.Post;
import dev.colossus.social.Visibility;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.FollowRows;
import dev.colossus.social.store.Paging;
import dev.colossus.social.store.Sql;
import dev.colossus.social.store.PostRows;
import dev.colossus.social.store.Tags;
import dev.colossus.social.text.PostText;

import java.util.List;
import java.util.Optional;

/**
 * Mastodon's timelines, newest first and paged by post id: home (the viewer and whom they follow, reblogs included),
 * public (public posts, no reblogs), hashtag (public posts with the tag) and an account's posts (what the viewer may
 * see of them). Thread-safe.
 */
public final class TimelineService {

    private static final int PUBLIC = Visibility.PUBLIC.code();
    private static final int UNLISTED = Visibility.UNLISTED.code();
    private static final int PRIVATE = Visibility.PRIVATE.code();

    private final Database db;

    public TimelineService(Database db) {
        this.db = db;
    }

    public Page<Post> home(long viewerId, PageRequest request) {
        Paging p = Paging.on("s.id", request);
        return query("SELECT s.id FROM statuses s WHERE (s.account_id = ? OR s.account_id IN "
                + "(SELECT target_account_id FROM follows WHERE account_id = ?)) AND (s.visibility <= ? OR s.account_id = ?)",
                p, viewerId, viewerId, viewerId, PRIVATE, viewerId);
    }

    public Page<Post> publicTimeline(Long viewerId, PageRequest request) {
        Paging p = Paging.on("s.id", request);
        return query("SELECT s.id FROM statuses s WHERE s.visibility = ? AND s.reblog_of_id IS NULL", p, viewerId, PUBLIC);
    }

    /** Public posts tagged {@code #tag} (matched case-insensitively; empty for an unknown tag). */
    public Page<Post> tag(Long viewerId, String tag, PageRequest request) {
        Optional<Long> tagId = db.read(c -> Tags.idOf(c, PostText.normalizeTag(tag)));
        if (tagId.isEmpty()) return new Page<>(List.of(), null, null);
        Paging p = Paging.on("st.status_id", request);
        return query("SELECT st.status_id FROM status_tags st JOIN statuses s ON s.id = st.status_id "
                + "WHERE st.tag_id = ? AND s.visibility = ?", p, viewerId, tagId.get(), PUBLIC);
    }

    /**
     * An account's posts: public and unlisted for everyone, followers-only too for followers, everything for the
     * account itself.
     *
     * @throws SocialException.NotFound for an unknown account
     */
    public Page<Post> account(Long viewerId, long accountId, boolean excludeReplies, boolean excludeReblogs,
                                PageRequest request) {
        int maxVisibility = db.read(c -> {
            if (Accounts.byId(c, accountId).isEmpty()) throw SocialException.notFound();
            if (viewerId != null && viewerId == accountId) return Visibility.DIRECT.code();
            if (viewerId != null && FollowRows.exists(c, viewerId, accountId)) return PRIVATE;
            return UNLISTED;
        });
        Paging p = Paging.on("s.id", request);
        String sql = "SELECT s.id FROM statuses s WHERE s.account_id = ? AND s.visibility <= ?"
                + (excludeReplies ? " AND (s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id)" : "")
                + (excludeReblogs ? " AND s.reblog_of_id IS NULL" : "");
        return query(sql, p, viewerId, accountId, maxVisibility);
    }

    private Page<Post> query(String sql, Paging p, Long viewerId, Object... leading) {
        return db.read(c -> {
            List<Long> ids = Sql.longs(c, sql + p.where() + p.orderBy(), p.withLeading(leading));
            Page<Long> page = p.page(ids, Long::longValue);
            // Reblog rows carry their original's visibility, so the SQL filter covers reblogs too.
            List<Post> visible = PostRows.load(c, page.items(), viewerId);
            return new Page<>(visible, page.nextMaxId(), page.prevMinId());
        });
    }
}
