package dev.colossus.social.store;

import dev.colossus.social.Post;
import dev.colossus.social.Visibility;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which stored posts a viewer may see: {@link Post#visibleTo} plus, for followers-only posts, whether the viewer
 * follows the author (asked on the caller's connection, so inside its transaction). A reblog is seen only when its
 * original is too.
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
        List<Post> out = new ArrayList<>(ids.size());
        for (Post s : PostRows.load(c, ids, viewerId)) if (canSee(c, s, viewerId)) out.add(s);
        return out;
    }

    public static boolean canSee(Connection c, Post s, Long viewerId) throws SQLException {
        Post shown = s.reblog() != null ? s.reblog() : s;
        if (!s.visibleTo(viewerId, false) && !(s.visibility() == Visibility.PRIVATE && viewerId != null
                && FollowRows.exists(c, viewerId, s.account().id()))) {
            return false;
        }
        return shown == s || shown.visibleTo(viewerId, viewerId != null && shown.visibility() == Visibility.PRIVATE
                && FollowRows.exists(c, viewerId, shown.account().id()));
    }
}
