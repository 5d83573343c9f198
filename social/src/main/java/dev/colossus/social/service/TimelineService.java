package dev.colossus.social.service;

import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.SocialException;
import dev.colossus.social.Post;
import dev.colossus.social.Visibility;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.BlockRows;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.FollowRows;
import dev.colossus.social.store.PostRows;
import dev.colossus.social.store.SqlWork;
import dev.colossus.social.store.Tags;
import dev.colossus.social.store.TimelineRows;
import dev.colossus.social.text.PostText;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Mastodon's timelines, newest first and paged by post id: home (the viewer and whom they follow, reblogs included),
 * public (public posts, no reblogs), hashtag (public posts with the tag) and an account's posts (what the viewer may
 * see of them). Home, public and hashtag timelines leave out what the viewer's blocks and mutes hide. Thread-safe.
 */
public final class TimelineService {

    private final Database db;
    private final Clock clock;

    /** @param clock decides whether a mute has lapsed */
    public TimelineService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Page<Post> home(long viewerId, PageRequest request) {
        return page(request, viewerId, c -> TimelineRows.home(c, viewerId, clock.millis(), request));
    }

    public Page<Post> publicTimeline(Long viewerId, PageRequest request) {
        return page(request, viewerId, c -> TimelineRows.publicPosts(c, viewerId, clock.millis(), request));
    }

    /** Public posts tagged {@code #tag} (matched case-insensitively; empty for an unknown tag). */
    public Page<Post> tag(Long viewerId, String tag, PageRequest request) {
        Optional<Long> tagId = db.read(c -> Tags.idOf(c, PostText.normalizeTag(tag)));
        if (tagId.isEmpty()) return new Page<>(List.of(), null, null);
        return page(request, viewerId, c -> TimelineRows.tagged(c, tagId.get(), viewerId, clock.millis(), request));
    }

    /**
     * An account's posts: public and unlisted for everyone, followers-only too for followers, everything for the
     * account itself; nothing for a viewer the account blocks.
     *
     * @throws SocialException.NotFound for an unknown account
     */
    public Page<Post> account(Long viewerId, long accountId, boolean excludeReplies, boolean excludeReblogs,
                                PageRequest request) {
        Visibility widest = db.read(c -> {
            if (Accounts.byId(c, accountId).isEmpty()) throw SocialException.notFound();
            if (viewerId != null && BlockRows.exists(c, accountId, viewerId)) return null;
            if (viewerId != null && viewerId == accountId) return Visibility.DIRECT;
            if (viewerId != null && FollowRows.exists(c, viewerId, accountId)) return Visibility.PRIVATE;
            return Visibility.UNLISTED;
        });
        if (widest == null) return new Page<>(List.of(), null, null);
        return page(request, viewerId, c -> TimelineRows.byAccount(c, accountId, widest, excludeReplies, excludeReblogs, request));
    }

    /** One page of posts as the viewer sees them, from the ids {@code ids} reads, in one read. */
    private Page<Post> page(PageRequest request, Long viewerId, SqlWork<List<Long>> ids) {
        return db.read(c -> {
            Page<Long> page = Page.of(request, ids.run(c), Long::longValue);
            List<Post> posts = PostRows.load(c, page.items(), viewerId);
            return new Page<>(posts, page.nextMaxId(), page.prevMinId());
        });
    }
}
