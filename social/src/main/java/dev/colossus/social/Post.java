package dev.colossus.social;

import dev.colossus.social.media.MediaAttachment;

import java.time.Instant;
import java.util.List;

/**
 * A post (or a reblog: then {@code reblog} is the reblogged post and {@code text} is empty), as seen by one viewer:
 * {@code favourited} and {@code reblogged} say whether that viewer did so (false for anonymous viewers).
 *
 * @param mentions accounts mentioned in the text that exist here
 * @param tags     lower-case hashtag names without '#'
 * @param media      attached media in their order (empty for a reblog: its original has them)
 * @param editedAt   when the text was last edited, or null if never
 * @param poll       the poll attached to the post as this viewer sees it, or null
 * @param bookmarked whether the viewer bookmarked it (false for anonymous viewers)
 * @param pinned     whether the author pinned it to their profile
 */
public record Post(long id, Account account, String text, String spoilerText, boolean sensitive, Visibility visibility,
                     String language, Long inReplyToId, Long inReplyToAccountId, Post reblog, Instant createdAt,
                     long repliesCount, long reblogsCount, long favouritesCount, List<Mention> mentions,
                     List<String> tags, boolean favourited, boolean reblogged, List<MediaAttachment> media,
                     Instant editedAt, Poll poll, boolean bookmarked, boolean pinned) {

    /** An account mentioned by a post. */
    public record Mention(long accountId, String username) {
    }

    /** Whether the viewer may see this post: the author, followers for private posts, mentioned accounts. */
    public boolean visibleTo(Long viewerId, boolean viewerFollowsAuthor) {
        return switch (visibility) {
            case PUBLIC, UNLISTED -> true;
            case PRIVATE -> viewerId != null && (viewerId == account.id() || viewerFollowsAuthor || mentions(viewerId));
            case DIRECT -> viewerId != null && (viewerId == account.id() || mentions(viewerId));
        };
    }

    private boolean mentions(long accountId) {
        for (Mention m : mentions) if (m.accountId() == accountId) return true;
        return false;
    }
}
