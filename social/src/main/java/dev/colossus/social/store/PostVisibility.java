package dev.colossus.social.store;

import dev.colossus.social.Post;
import dev.colossus.social.Visibility;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which stored posts a viewer may see: {@link Post#visibleTo} plus, for followers-only posts, whether the viewer
 * follows the author, and never a post (or a reblog of a post) whose author blocks the viewer (asked on the caller's
 * connection, so inside its transaction). A reblog is seen only when its original is too.
 */
public final class PostVisibility {

    private PostVisibility() {
    }

    /** Post {@code id} as {@code viewerId} (nullable) sees it, or empty when missing or hidden from them. */
    public static Optional<Post> visible(Connection c, long id, Long viewerId) throws SQLException {
        List<Post> found = PostRows.load(c, List.of(id), viewerId);
        if (found.isEmpty() || !canSee(c, found.getFirst(), viewerId)) return Optional.empty();
        return Optional.of(found.getFirst());
    }

    /** The post a viewer acts on for {@code id}: the post, or the original of a reblog; empty when not visible. */
    public static Optional<Post> original(Connection c, long id, Long viewerId) throws SQLException {
        return visible(c, id, viewerId).map(s -> s.reblog() != null ? s.reblog() : s);
    }

    /** Posts by id as the viewer sees them, in the given order; missing and hidden ones are left out. */
    public static List<Post> visibleList(Connection c, List<Long> ids, Long viewerId) throws SQLException {
        Set<Long> blockers = blockersOf(c, viewerId);
        List<Post> out = new ArrayList<>(ids.size());
        for (Post s : PostRows.load(c, ids, viewerId)) if (canSee(c, s, viewerId, blockers)) out.add(s);
        return out;
    }

    /**
     * As {@link #visibleList}, also without the posts (and reblogs of posts) of accounts the viewer's blocks and mutes
     * hide at {@code now} ({@link Hiding}): what threads and search results show.
     */
    public static List<Post> shownList(Connection c, List<Long> ids, Long viewerId, long now) throws SQLException {
        List<Post> visible = visibleList(c, ids, viewerId);
        if (viewerId == null) return visible;
        Set<Long> hidden = Hiding.hiddenFrom(c, viewerId, now);
        if (hidden.isEmpty()) return visible;
        List<Post> out = new ArrayList<>(visible.size());
        for (Post s : visible) {
            if (!hidden.contains(s.account().id()) && (s.reblog() == null || !hidden.contains(s.reblog().account().id()))) {
                out.add(s);
            }
        }
        return out;
    }

    public static boolean canSee(Connection c, Post s, Long viewerId) throws SQLException {
        return canSee(c, s, viewerId, blockersOf(c, viewerId));
    }

    private static Set<Long> blockersOf(Connection c, Long viewerId) throws SQLException {
        return viewerId == null ? Set.of() : BlockRows.blockersOf(c, viewerId);
    }

    private static boolean canSee(Connection c, Post s, Long viewerId, Set<Long> blockers) throws SQLException {
        Post shown = s.reblog() != null ? s.reblog() : s;
        if (blockers.contains(s.account().id()) || blockers.contains(shown.account().id())) return false;
        if (!s.visibleTo(viewerId, false) && !(s.visibility() == Visibility.PRIVATE && viewerId != null
                && FollowRows.exists(c, viewerId, s.account().id()))) {
            return false;
        }
        return shown == s || shown.visibleTo(viewerId, viewerId != null && shown.visibility() == Visibility.PRIVATE
                && FollowRows.exists(c, viewerId, shown.account().id()));
    }
}
