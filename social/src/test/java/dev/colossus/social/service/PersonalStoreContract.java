package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Conversation;
import dev.colossus.social.Notification;
import dev.colossus.social.NotificationFilter;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Post;
import dev.colossus.social.Preferences;
import dev.colossus.social.Relationship;
import dev.colossus.social.SocialException;
import dev.colossus.social.StoreContract;
import dev.colossus.social.Visibility;
import dev.colossus.social.stream.SocialEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Bookmarks, pins, direct conversations, preferences and follow requests made by real actions over a real store: one subclass per
 * database.
 */
abstract class PersonalStoreContract extends StoreContract {

    PersonalStoreContract() {
        super(Instant.parse("2026-03-01T12:00:00Z"));
    }

    private Post post(Account author, String text) {
        return post(author, text, Visibility.PUBLIC, null);
    }

    private Post post(Account author, String text, Visibility visibility, Long inReplyTo) {
        return social.posts().create(author.id(), null,
                new PostService.NewPost(text, inReplyTo, visibility, null, false, null), null);
    }

    private List<Long> bookmarks(Account who) {
        return social.bookmarks().list(who.id(), PageRequest.first(40)).items().stream().map(Post::id).toList();
    }

    private List<Conversation> conversations(Account who) {
        return social.conversations().list(who.id(), PageRequest.first(40)).items();
    }

    @Test
    void bookmarksAreIdempotentPerViewerAndListedMostRecentFirst() {
        Account ann = person("ann"), bob = person("bob");
        Post first = post(bob, "first"), second = post(bob, "second");
        assertThat(social.bookmarks().bookmark(ann.id(), second.id()).bookmarked()).isTrue();
        social.bookmarks().bookmark(ann.id(), first.id());
        social.bookmarks().bookmark(ann.id(), second.id());

        assertThat(bookmarks(ann)).containsExactly(first.id(), second.id()); // by bookmark order, not post order
        assertThat(social.posts().get(first.id(), ann.id()).bookmarked()).isTrue();
        assertThat(social.posts().get(first.id(), bob.id()).bookmarked()).isFalse();
        assertThat(social.posts().get(first.id(), null).bookmarked()).isFalse();
        assertThat(bookmarks(bob)).isEmpty();

        assertThat(social.bookmarks().unbookmark(ann.id(), first.id()).bookmarked()).isFalse();
        assertThat(social.bookmarks().unbookmark(ann.id(), first.id()).bookmarked()).isFalse();
        assertThat(bookmarks(ann)).containsExactly(second.id());
    }

    @Test
    void bookmarkingAReblogBookmarksItsOriginal() {
        Account ann = person("ann"), bob = person("bob");
        Post original = post(bob, "original");
        Post reblog = social.posts().reblog(ann.id(), original.id());
        assertThat(social.bookmarks().bookmark(ann.id(), reblog.id()).id()).isEqualTo(original.id());
        assertThat(bookmarks(ann)).containsExactly(original.id());
    }

    @Test
    void bookmarksPageByBookmarkId() {
        Account ann = person("ann"), bob = person("bob");
        List<Post> posts = List.of(post(bob, "a"), post(bob, "b"), post(bob, "c"));
        for (Post p : posts.reversed()) social.bookmarks().bookmark(ann.id(), p.id());
        Page<Post> first = social.bookmarks().list(ann.id(), PageRequest.first(2));
        assertThat(first.items()).extracting(Post::id).containsExactly(posts.get(0).id(), posts.get(1).id());
        Page<Post> next = social.bookmarks().list(ann.id(), PageRequest.of(first.nextMaxId(), null, null, 2));
        assertThat(next.items()).extracting(Post::id).containsExactly(posts.get(2).id());
        Page<Post> newer = social.bookmarks().list(ann.id(), PageRequest.of(null, null, next.prevMinId(), 1));
        assertThat(newer.items()).extracting(Post::id).containsExactly(posts.get(1).id());
    }

    @Test
    void hiddenOrDeletedPostsCannotBeBookmarkedAndLeaveTheList() {
        Account ann = person("ann"), bob = person("bob"), cat = person("cat");
        Post secret = post(bob, "@cat only you", Visibility.DIRECT, null);
        assertThatThrownBy(() -> social.bookmarks().bookmark(ann.id(), secret.id()))
                .isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.bookmarks().bookmark(ann.id(), Long.MAX_VALUE))
                .isInstanceOf(SocialException.NotFound.class);

        Post kept = post(bob, "kept"), gone = post(bob, "gone"), followers = post(bob, "followers", Visibility.PRIVATE, null);
        social.follows().follow(ann.id(), bob.id());
        social.bookmarks().bookmark(ann.id(), kept.id());
        social.bookmarks().bookmark(ann.id(), gone.id());
        social.bookmarks().bookmark(ann.id(), followers.id());
        social.posts().delete(bob.id(), gone.id());
        social.follows().unfollow(ann.id(), bob.id());
        assertThat(bookmarks(ann)).containsExactly(kept.id());
    }

    @Test
    void authorsPinTheirOwnPublicPostsUpToFive() {
        Account ann = person("ann"), bob = person("bob");
        Post first = post(ann, "one");
        assertThat(social.pins().pin(ann.id(), first.id()).pinned()).isTrue();
        assertThat(social.pins().pin(ann.id(), first.id()).pinned()).isTrue();
        assertThat(social.posts().get(first.id(), bob.id()).pinned()).isTrue();
        Post unlisted = post(ann, "quiet", Visibility.UNLISTED, null);
        social.pins().pin(ann.id(), unlisted.id());
        for (int i = 0; i < 3; i++) social.pins().pin(ann.id(), post(ann, "more " + i).id());
        Post sixth = post(ann, "one too many");
        assertThatThrownBy(() -> social.pins().pin(ann.id(), sixth.id())).isInstanceOf(SocialException.Invalid.class)
                .hasMessageContaining("maximum number");
        assertThat(social.pins().pin(ann.id(), first.id()).pinned()).isTrue(); // re-pinning one is no sixth

        List<Post> pinned = social.pins().pinned(bob.id(), ann.id());
        assertThat(pinned).hasSize(5).extracting(Post::id).startsWith(pinned.getFirst().id()).endsWith(first.id());
        assertThat(social.pins().unpin(ann.id(), first.id()).pinned()).isFalse();
        assertThat(social.pins().unpin(ann.id(), first.id()).pinned()).isFalse();
        assertThat(social.pins().pin(ann.id(), sixth.id()).pinned()).isTrue();
        assertThat(social.pins().pinned(null, ann.id())).extracting(Post::id).first().isEqualTo(sixth.id());
    }

    @Test
    void reblogsOthersAndNonPublicPostsCannotBePinned() {
        Account ann = person("ann"), bob = person("bob");
        Post bobs = post(bob, "bob's");
        Post reblog = social.posts().reblog(ann.id(), bobs.id());
        assertThatThrownBy(() -> social.pins().pin(ann.id(), reblog.id())).isInstanceOf(SocialException.Invalid.class)
                .hasMessageContaining("boost");
        assertThatThrownBy(() -> social.pins().pin(ann.id(), bobs.id())).isInstanceOf(SocialException.Invalid.class)
                .hasMessageContaining("Someone else");
        Post followers = post(ann, "followers", Visibility.PRIVATE, null);
        Post direct = post(ann, "@bob direct", Visibility.DIRECT, null);
        for (Post p : List.of(followers, direct)) {
            assertThatThrownBy(() -> social.pins().pin(ann.id(), p.id())).isInstanceOf(SocialException.Invalid.class);
        }
        assertThatThrownBy(() -> social.pins().pin(ann.id(), Long.MAX_VALUE)).isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.pins().pinned(null, Long.MAX_VALUE)).isInstanceOf(SocialException.NotFound.class);
        assertThat(social.pins().pinned(null, ann.id())).isEmpty();
    }

    @Test
    void aDeletedPostLeavesThePins() {
        Account ann = person("ann");
        Post p = post(ann, "pinned then deleted");
        social.pins().pin(ann.id(), p.id());
        social.posts().delete(ann.id(), p.id());
        assertThat(social.pins().pinned(ann.id(), ann.id())).isEmpty();
    }

    @Test
    void aDirectPostStartsAConversationForEachParticipantUnreadForTheRecipients() {
        Account ann = person("ann"), bob = person("bob"), cat = person("cat"), dan = person("dan");
        Post hello = post(ann, "@bob @cat hello", Visibility.DIRECT, null);

        assertThat(conversations(ann)).singleElement().satisfies(c -> {
            assertThat(c.unread()).isFalse();
            assertThat(c.accounts()).extracting(Account::id).containsExactlyInAnyOrder(bob.id(), cat.id());
            assertThat(c.lastPost().id()).isEqualTo(hello.id());
        });
        assertThat(conversations(bob)).singleElement().satisfies(c -> {
            assertThat(c.unread()).isTrue();
            assertThat(c.accounts()).extracting(Account::id).containsExactlyInAnyOrder(ann.id(), cat.id());
        });
        assertThat(conversations(cat)).hasSize(1);
        assertThat(conversations(dan)).isEmpty();
        post(ann, "@bob public is no conversation");
        assertThat(conversations(bob)).hasSize(1);
    }

    @Test
    void aReplyToADirectPostContinuesItsConversation() {
        Account ann = person("ann"), bob = person("bob");
        Post hello = post(ann, "@bob hello", Visibility.DIRECT, null);
        long bobsView = conversations(bob).getFirst().id();
        social.conversations().read(bob.id(), bobsView);
        Post reply = post(bob, "@ann hi back", Visibility.DIRECT, hello.id());

        assertThat(conversations(bob)).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(bobsView);
            assertThat(c.lastPost().id()).isEqualTo(reply.id());
            assertThat(c.unread()).isFalse(); // his own post
        });
        assertThat(conversations(ann)).singleElement().satisfies(c -> {
            assertThat(c.lastPost().id()).isEqualTo(reply.id());
            assertThat(c.unread()).isTrue();
        });

        Post fresh = post(ann, "@bob another topic", Visibility.DIRECT, null);
        assertThat(conversations(bob)).extracting(c -> c.lastPost().id()).containsExactly(fresh.id(), reply.id());
    }

    @Test
    void conversationsAreReadAndRemovedPerAccountAndComeBackWithANewPost() {
        Account ann = person("ann"), bob = person("bob");
        Post hello = post(ann, "@bob hello", Visibility.DIRECT, null);
        Conversation bobs = conversations(bob).getFirst();
        assertThat(social.conversations().read(bob.id(), bobs.id()).unread()).isFalse();
        assertThat(conversations(bob).getFirst().unread()).isFalse();
        assertThatThrownBy(() -> social.conversations().read(ann.id(), bobs.id())).isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.conversations().remove(ann.id(), bobs.id())).isInstanceOf(SocialException.NotFound.class);

        social.conversations().remove(bob.id(), bobs.id());
        assertThat(conversations(bob)).isEmpty();
        assertThat(conversations(ann)).hasSize(1);
        assertThatThrownBy(() -> social.conversations().read(bob.id(), bobs.id())).isInstanceOf(SocialException.NotFound.class);

        post(ann, "@bob are you there?", Visibility.DIRECT, hello.id());
        assertThat(conversations(bob)).singleElement().satisfies(c -> assertThat(c.unread()).isTrue());
    }

    @Test
    void deletingTheLastPostFallsBackToTheOneBeforeOrEndsTheConversation() {
        Account ann = person("ann"), bob = person("bob");
        Post hello = post(ann, "@bob hello", Visibility.DIRECT, null);
        Post reply = post(bob, "@ann hi", Visibility.DIRECT, hello.id());
        social.posts().delete(bob.id(), reply.id());
        assertThat(conversations(ann)).singleElement().satisfies(c -> assertThat(c.lastPost().id()).isEqualTo(hello.id()));
        social.posts().delete(ann.id(), hello.id());
        assertThat(conversations(ann)).isEmpty();
        assertThat(conversations(bob)).isEmpty();
    }

    @Test
    void conversationsPageByTheirLastPost() {
        Account ann = person("ann"), bob = person("bob");
        List<Post> posts = List.of(post(ann, "@bob a", Visibility.DIRECT, null), post(ann, "@bob b", Visibility.DIRECT, null),
                post(ann, "@bob c", Visibility.DIRECT, null));
        Page<Conversation> first = social.conversations().list(bob.id(), PageRequest.first(2));
        assertThat(first.items()).extracting(c -> c.lastPost().id()).containsExactly(posts.get(2).id(), posts.get(1).id());
        assertThat(first.nextMaxId()).isEqualTo(posts.get(1).id());
        Page<Conversation> next = social.conversations().list(bob.id(), PageRequest.of(first.nextMaxId(), null, null, 2));
        assertThat(next.items()).extracting(c -> c.lastPost().id()).containsExactly(posts.get(0).id());
    }

    @Test
    void eachParticipantGetsAConversationEventAsTheySeeIt() {
        Account ann = person("ann"), bob = person("bob");
        List<SocialEvent.ConversationUpdated> seen = new CopyOnWriteArrayList<>();
        social.bus().subscribe(e -> {
            if (e instanceof SocialEvent.ConversationUpdated u) seen.add(u);
        });
        post(ann, "@bob psst", Visibility.DIRECT, null);
        post(ann, "@bob not direct", Visibility.PRIVATE, null);
        assertThat(seen).extracting(SocialEvent.ConversationUpdated::recipientId, u -> u.conversation().unread())
                .containsExactlyInAnyOrder(tuple(ann.id(), false), tuple(bob.id(), true));
    }

    @Test
    void directPostsStayOffEveryTimelineOfTheUnmentioned() {
        Account ann = person("ann"), bob = person("bob"), cat = person("cat");
        social.follows().follow(cat.id(), ann.id());
        Post secret = post(ann, "@bob #secret plans", Visibility.DIRECT, null);
        PageRequest page = PageRequest.first(40);
        assertThat(social.timelines().publicTimeline(cat.id(), page).items()).isEmpty();
        assertThat(social.timelines().tag(cat.id(), "secret", page).items()).isEmpty();
        assertThat(social.timelines().home(cat.id(), page).items()).isEmpty();
        assertThat(social.timelines().account(cat.id(), ann.id(), false, false, page).items()).isEmpty();
        assertThat(social.posts().visibleList(List.of(secret.id()), cat.id())).isEmpty();
        assertThatThrownBy(() -> social.posts().get(secret.id(), cat.id())).isInstanceOf(SocialException.NotFound.class);
        assertThat(social.posts().get(secret.id(), bob.id()).id()).isEqualTo(secret.id());
        assertThat(social.timelines().home(ann.id(), page).items()).extracting(Post::id).containsExactly(secret.id());
    }

    @Test
    void preferencesDefaultToPublicAndKeepWhatWasNotChanged() {
        Account ann = person("ann");
        assertThat(social.preferences().get(ann.id())).isEqualTo(Preferences.DEFAULT);
        social.preferences().update(ann.id(), new Preferences.Update(Visibility.PRIVATE, null, "de"));
        Preferences p = social.preferences().update(ann.id(), new Preferences.Update(null, true, null));
        assertThat(p).isEqualTo(new Preferences(Visibility.PRIVATE, true, "de"));
        assertThat(social.preferences().get(ann.id())).isEqualTo(p);
        assertThat(social.preferences().update(ann.id(), new Preferences.Update(null, null, "")).postingLanguage()).isNull();

        assertThatThrownBy(() -> social.preferences().update(ann.id(), new Preferences.Update(Visibility.DIRECT, null, null)))
                .isInstanceOf(SocialException.Invalid.class);
        assertThatThrownBy(() -> social.preferences().update(ann.id(), new Preferences.Update(null, null, "German")))
                .isInstanceOf(SocialException.Invalid.class);
        assertThatThrownBy(() -> social.preferences().update(Long.MAX_VALUE, new Preferences.Update(null, true, null)))
                .isInstanceOf(SocialException.NotFound.class);
    }

    private List<Notification.Type> notificationTypes(Account who) {
        return social.notifications().list(who.id(), NotificationFilter.ALL, PageRequest.first(40)).items().stream()
                .map(Notification::type).toList();
    }

    @Test
    void followingALockedAccountAsksUntilItApproves() {
        Account ann = person("ann"), bob = person("bob");
        social.followRequests().setLocked(ann.id(), true);
        assertThat(social.accounts().get(ann.id()).locked()).isTrue();
        Post followersOnly = post(ann, "for followers", Visibility.PRIVATE, null);

        Relationship asked = social.follows().follow(bob.id(), ann.id(), true);
        assertThat(asked.following()).isFalse();
        assertThat(asked.requested()).isTrue();
        assertThat(asked.notifying()).isTrue();
        assertThat(social.follows().relationship(ann.id(), bob.id()).requestedBy()).isTrue();
        assertThat(social.follows().follow(bob.id(), ann.id()).requested()).isTrue(); // asking again changes nothing
        assertThat(social.accounts().get(ann.id()).followersCount()).isZero();
        assertThat(social.timelines().home(bob.id(), PageRequest.first(40)).items()).isEmpty();
        assertThatThrownBy(() -> social.posts().get(followersOnly.id(), bob.id())).isInstanceOf(SocialException.NotFound.class);
        assertThat(social.followRequests().count(ann.id())).isEqualTo(1);
        assertThat(social.followRequests().list(ann.id(), PageRequest.first(40)).items()).extracting(Account::id)
                .containsExactly(bob.id());
        assertThat(notificationTypes(ann)).containsExactly(Notification.Type.FOLLOW_REQUEST);

        Relationship approved = social.followRequests().authorize(ann.id(), bob.id());
        assertThat(approved.followedBy()).isTrue();
        assertThat(approved.requestedBy()).isFalse();
        Relationship now = social.follows().relationship(bob.id(), ann.id());
        assertThat(now.following()).isTrue();
        assertThat(now.requested()).isFalse();
        assertThat(now.notifying()).isTrue(); // the request's wish carries over
        assertThat(social.accounts().get(ann.id()).followersCount()).isEqualTo(1);
        assertThat(social.posts().get(followersOnly.id(), bob.id()).id()).isEqualTo(followersOnly.id());
        assertThat(social.followRequests().count(ann.id())).isZero();
        assertThat(notificationTypes(ann)).isEmpty();
        assertThatThrownBy(() -> social.followRequests().authorize(ann.id(), bob.id()))
                .isInstanceOf(SocialException.NotFound.class);
    }

    @Test
    void rejectingOrWithdrawingARequestLeavesNoFollowAndNoNotification() {
        Account ann = person("ann"), bob = person("bob"), cat = person("cat");
        social.followRequests().setLocked(ann.id(), true);
        social.follows().follow(bob.id(), ann.id());
        social.follows().follow(cat.id(), ann.id());
        Relationship rejected = social.followRequests().reject(ann.id(), bob.id());
        assertThat(rejected.requestedBy()).isFalse();
        assertThat(rejected.followedBy()).isFalse();
        assertThatThrownBy(() -> social.followRequests().reject(ann.id(), bob.id()))
                .isInstanceOf(SocialException.NotFound.class);
        assertThat(social.follows().unfollow(cat.id(), ann.id()).requested()).isFalse();
        assertThat(social.followRequests().list(ann.id(), PageRequest.first(40)).items()).isEmpty();
        assertThat(notificationTypes(ann)).isEmpty();
        assertThat(social.accounts().get(ann.id()).followersCount()).isZero();
        assertThatThrownBy(() -> social.followRequests().setLocked(Long.MAX_VALUE, true))
                .isInstanceOf(SocialException.NotFound.class);
    }

    @Test
    void anUnlockedAccountIsFollowedAtOnce() {
        Account ann = person("ann"), bob = person("bob");
        social.followRequests().setLocked(ann.id(), true);
        social.followRequests().setLocked(ann.id(), false);
        Relationship r = social.follows().follow(bob.id(), ann.id());
        assertThat(r.following()).isTrue();
        assertThat(r.requested()).isFalse();
        assertThat(notificationTypes(ann)).containsExactly(Notification.Type.FOLLOW);
    }

    @Test
    void followersWhoAskedAreNotifiedOfNewPostsButNotOfRepliesToOthersOrDirectPosts() {
        Account ann = person("ann"), bob = person("bob"), cat = person("cat");
        social.follows().follow(bob.id(), ann.id(), true);
        social.follows().follow(cat.id(), ann.id());
        Post news = post(ann, "news");
        Post other = post(cat, "cat's");
        post(ann, "reply to cat", Visibility.PUBLIC, other.id());
        Post thread = post(ann, "more news", Visibility.PUBLIC, news.id());
        post(ann, "@cat direct", Visibility.DIRECT, null);
        social.posts().reblog(ann.id(), other.id());
        Post followers = post(ann, "followers only", Visibility.PRIVATE, null);

        List<Notification> bobs = social.notifications().list(bob.id(), NotificationFilter.ALL, PageRequest.first(40)).items();
        assertThat(bobs).extracting(Notification::type, n -> n.post().id()).containsExactly(
                tuple(Notification.Type.STATUS, followers.id()), tuple(Notification.Type.STATUS, thread.id()),
                tuple(Notification.Type.STATUS, news.id()));
        assertThat(notificationTypes(cat)).doesNotContain(Notification.Type.STATUS);

        assertThat(social.follows().follow(bob.id(), ann.id(), false).notifying()).isFalse();
        post(ann, "quietly");
        assertThat(notificationTypes(bob)).hasSize(3);
        assertThat(social.follows().follow(bob.id(), ann.id()).notifying()).isFalse(); // null keeps it
    }
}
