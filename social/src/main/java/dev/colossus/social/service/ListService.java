package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Post;
import dev.colossus.social.SocialException;
import dev.colossus.social.TimelineList;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.FollowRows;
import dev.colossus.social.store.ListRows;
import dev.colossus.social.store.PostRows;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.store.Sql;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * Lists, as Mastodon keeps them: each account's named selections of accounts it follows, private to it, each read as a
 * timeline of its own. A member leaves the owner's lists when the owner stops following it (an unfollow or a block).
 * Thread-safe.
 */
public final class ListService {

    /** The most lists an account may have. */
    public static final int MAX_LISTS = 100;
    /** The most members a list may have. */
    public static final int MAX_MEMBERS = 1000;

    private final Database db;
    private final Snowflakes ids;
    private final Clock clock;

    /** @param clock decides whether a mute has expired in a list's timeline */
    public ListService(Database db, Snowflakes ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Makes a list for {@code ownerId}.
     *
     * @throws SocialException.Invalid for a blank or too long title, or beyond {@value #MAX_LISTS} lists
     */
    public TimelineList create(long ownerId, String title, TimelineList.RepliesPolicy policy, boolean exclusive) {
        TimelineList list = new TimelineList(ids.next(), ownerId, title(title), policy, exclusive);
        return db.write(c -> {
            if (ListRows.countByOwner(c, ownerId) >= MAX_LISTS) {
                throw SocialException.unprocessable("Validation failed: you may have at most " + MAX_LISTS + " lists");
            }
            ListRows.insert(c, list);
            return list;
        });
    }

    /**
     * Changes a list; null leaves a part as it is.
     *
     * @throws SocialException.NotFound when {@code ownerId} has no such list
     * @throws SocialException.Invalid  for a blank or too long title
     */
    public TimelineList update(long ownerId, long id, String title, TimelineList.RepliesPolicy policy, Boolean exclusive) {
        String newTitle = title == null ? null : title(title);
        return db.write(c -> {
            TimelineList old = ListRows.byId(c, ownerId, id).orElseThrow(SocialException::notFound);
            TimelineList list = new TimelineList(id, ownerId, newTitle == null ? old.title() : newTitle,
                    policy == null ? old.repliesPolicy() : policy, exclusive == null ? old.exclusive() : exclusive);
            ListRows.update(c, list);
            return list;
        });
    }

    /** Deletes a list. @throws SocialException.NotFound when {@code ownerId} has no such list */
    public void delete(long ownerId, long id) {
        if (!db.write(c -> ListRows.delete(c, ownerId, id))) throw SocialException.notFound();
    }

    /** One of {@code ownerId}'s lists. @throws SocialException.NotFound when it has none by that id */
    public TimelineList get(long ownerId, long id) {
        return db.read(c -> ListRows.byId(c, ownerId, id)).orElseThrow(SocialException::notFound);
    }

    /** {@code ownerId}'s lists, oldest first. */
    public List<TimelineList> all(long ownerId) {
        return db.read(c -> ListRows.byOwner(c, ownerId));
    }

    /** {@code ownerId}'s lists that {@code memberId} is in. @throws SocialException.NotFound for an unknown account */
    public List<TimelineList> containing(long ownerId, long memberId) {
        return db.read(c -> {
            if (Accounts.byId(c, memberId).isEmpty()) throw SocialException.notFound();
            return ListRows.containing(c, ownerId, memberId);
        });
    }

    /**
     * Adds accounts to a list (those already in it stay once).
     *
     * @throws SocialException.NotFound when {@code ownerId} has no such list or an account is unknown
     * @throws SocialException.Invalid  when the owner does not follow one of them (nothing is added), or beyond
     *                                  {@value #MAX_MEMBERS} members
     */
    public void add(long ownerId, long id, Collection<Long> accountIds) {
        db.write(c -> {
            ListRows.byId(c, ownerId, id).orElseThrow(SocialException::notFound);
            for (long account : accountIds) {
                if (Accounts.byId(c, account).isEmpty()) throw SocialException.notFound();
                if (!FollowRows.exists(c, ownerId, account)) {
                    throw SocialException.unprocessable("Validation failed: you can only add accounts you follow to a list");
                }
                ListRows.addMember(c, ids.next(), id, account);
            }
            if (ListRows.countMembers(c, id) > MAX_MEMBERS) {
                throw SocialException.unprocessable("Validation failed: a list has at most " + MAX_MEMBERS + " accounts");
            }
            return null;
        });
    }

    /** Takes accounts out of a list. @throws SocialException.NotFound when {@code ownerId} has no such list */
    public void remove(long ownerId, long id, Collection<Long> accountIds) {
        db.write(c -> {
            ListRows.byId(c, ownerId, id).orElseThrow(SocialException::notFound);
            for (long account : accountIds) ListRows.removeMember(c, id, account);
            return null;
        });
    }

    /**
     * A page of a list's members, the most recently added first, paged by membership id.
     *
     * @throws SocialException.NotFound when {@code ownerId} has no such list
     */
    public Page<Account> members(long ownerId, long id, PageRequest request) {
        return db.read(c -> {
            ListRows.byId(c, ownerId, id).orElseThrow(SocialException::notFound);
            Page<Sql.Pair> page = Page.of(request, ListRows.members(c, id, request), Sql.Pair::id);
            List<Long> accountIds = page.items().stream().map(Sql.Pair::target).toList();
            return new Page<>(Accounts.inOrder(c, accountIds), page.nextMaxId(), page.prevMinId());
        });
    }

    /**
     * A page of a list's timeline as its owner sees it: the members' posts and reblogs, their replies as the list's
     * policy allows, without what the owner's blocks and mutes hide.
     *
     * @throws SocialException.NotFound when {@code ownerId} has no such list
     */
    public Page<Post> timeline(long ownerId, long id, PageRequest request) {
        return db.read(c -> {
            TimelineList list = ListRows.byId(c, ownerId, id).orElseThrow(SocialException::notFound);
            Page<Long> page = Page.of(request, ListRows.timeline(c, list, clock.millis(), request), Long::longValue);
            return new Page<>(PostRows.load(c, page.items(), ownerId), page.nextMaxId(), page.prevMinId());
        });
    }

    /**
     * Whether post {@code postId} belongs in the timeline of {@code ownerId}'s list {@code id} (what the list's live
     * stream carries); false when the list is gone.
     */
    public boolean shows(long ownerId, long id, long postId) {
        return db.read(c -> {
            var list = ListRows.byId(c, ownerId, id);
            return list.isPresent() && ListRows.shows(c, list.get(), postId, clock.millis());
        });
    }

    private static String title(String title) {
        String t = title == null ? "" : title.strip();
        if (t.isEmpty()) throw SocialException.invalid("title", "can't be blank");
        if (t.codePointCount(0, t.length()) > TimelineList.MAX_TITLE) {
            throw SocialException.invalid("title", "is too long (maximum is " + TimelineList.MAX_TITLE + " characters)");
        }
        return t;
    }
}
