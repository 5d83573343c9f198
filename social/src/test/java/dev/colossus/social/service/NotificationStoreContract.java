package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Marker;
import dev.colossus.social.Notification;
import dev.colossus.social.NotificationFilter;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Post;
import dev.colossus.social.StoreContract;
import dev.colossus.social.SocialException;
import dev.colossus.social.Visibility;
import dev.colossus.social.stream.SocialEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Notifications and markers made by real actions over a real store: one subclass per database. */
abstract class NotificationStoreContract extends StoreContract {

    NotificationStoreContract() {
        super(Instant.parse("2026-03-01T12:00:00Z"));
    }

    private Post post(Account author, String text) {
        return post(author, text, Visibility.PUBLIC, null);
    }

    private Post post(Account author, String text, Visibility visibility, Long inReplyTo) {
        return social.posts().create(author.id(), null,
                new PostService.NewPost(text, inReplyTo, visibility, null, false, null), null);
    }

    private List<Notification> all(Account who) {
        return social.notifications().list(who.id(), NotificationFilter.ALL, PageRequest.first(40)).items();
    }

    private List<Notification> only(Account who, Set<Notification.Type> types, Set<Notification.Type> exclude, Long from) {
        return social.notifications().list(who.id(), new NotificationFilter(types, exclude, from), PageRequest.first(40))
                .items();
    }

    @Test
    void eachActionNotifiesTheAccountItHappenedTo() {
        Account ann = person("ann"), bob = person("bob");
        Post mention = post(bob, "hello @ann");
        Post own = post(ann, "my post");
        social.posts().favourite(bob.id(), own.id());
        social.posts().reblog(bob.id(), own.id());
        social.follows().follow(bob.id(), ann.id());

        assertThat(all(ann)).extracting(Notification::type, n -> n.account().id(), n -> n.post() == null ? null : n.post().id())
                .containsExactly(
                        tuple(Notification.Type.FOLLOW, bob.id(), null),
                        tuple(Notification.Type.REBLOG, bob.id(), own.id()),
                        tuple(Notification.Type.FAVOURITE, bob.id(), own.id()),
                        tuple(Notification.Type.MENTION, bob.id(), mention.id()));
        assertThat(all(bob)).isEmpty();
    }

    @Test
    void nobodyIsNotifiedOfTheirOwnActions() {
        Account ann = person("ann");
        Post own = post(ann, "talking to myself, @ann");
        social.posts().favourite(ann.id(), own.id());
        social.posts().reblog(ann.id(), own.id());
        assertThat(all(ann)).isEmpty();
    }

    @Test
    void repeatingAnActionDoesNotNotifyTwice() {
        Account ann = person("ann"), bob = person("bob");
        Post own = post(ann, "once");
        social.posts().favourite(bob.id(), own.id());
        social.posts().favourite(bob.id(), own.id());
        social.follows().follow(bob.id(), ann.id());
        social.follows().follow(bob.id(), ann.id());
        assertThat(all(ann)).extracting(Notification::type)
                .containsExactly(Notification.Type.FOLLOW, Notification.Type.FAVOURITE);
    }

    @Test
    void aDirectMentionNotifiesOnlyTheMentionedAndShowsThemThePost() {
        Account ann = person("ann"), bob = person("bob"), cat = person("cat");
        Post secret = post(bob, "@ann just between us", Visibility.DIRECT, null);
        assertThat(all(ann)).singleElement().satisfies(n -> assertThat(n.post().id()).isEqualTo(secret.id()));
        assertThat(all(cat)).isEmpty();
    }

    @Test
    void typesExcludeTypesAndAccountFilterTheList() {
        Account ann = person("ann"), bob = person("bob"), cat = person("cat");
        Post own = post(ann, "mine");
        post(bob, "@ann hi");
        social.posts().favourite(bob.id(), own.id());
        social.posts().favourite(cat.id(), own.id());
        social.follows().follow(cat.id(), ann.id());

        assertThat(only(ann, Set.of(Notification.Type.MENTION, Notification.Type.FOLLOW), Set.of(), null))
                .extracting(Notification::type).containsExactly(Notification.Type.FOLLOW, Notification.Type.MENTION);
        assertThat(only(ann, Set.of(), Set.of(Notification.Type.FAVOURITE), null))
                .extracting(Notification::type).containsExactly(Notification.Type.FOLLOW, Notification.Type.MENTION);
        assertThat(only(ann, Set.of(Notification.Type.FAVOURITE), Set.of(), cat.id()))
                .extracting(n -> n.account().id()).containsExactly(cat.id());
        assertThat(only(ann, Set.of(Notification.Type.MENTION), Set.of(Notification.Type.MENTION), null)).isEmpty();
    }

    @Test
    void listsPageByIdNewestFirst() {
        Account ann = person("ann"), bob = person("bob");
        for (int i = 0; i < 5; i++) post(bob, "@ann number " + i);
        List<Long> ids = all(ann).stream().map(Notification::id).toList();
        assertThat(ids).hasSize(5).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        Page<Notification> first = social.notifications().list(ann.id(), NotificationFilter.ALL, PageRequest.first(2));
        assertThat(first.items()).extracting(Notification::id).containsExactly(ids.get(0), ids.get(1));
        Page<Notification> next = social.notifications().list(ann.id(), NotificationFilter.ALL,
                PageRequest.of(first.nextMaxId(), null, null, 2));
        assertThat(next.items()).extracting(Notification::id).containsExactly(ids.get(2), ids.get(3));
        Page<Notification> newer = social.notifications().list(ann.id(), NotificationFilter.ALL,
                PageRequest.of(null, null, ids.get(4), 2));
        assertThat(newer.items()).extracting(Notification::id).containsExactly(ids.get(2), ids.get(3));
        Page<Notification> since = social.notifications().list(ann.id(), NotificationFilter.ALL,
                PageRequest.of(null, ids.get(2), null, 10));
        assertThat(since.items()).extracting(Notification::id).containsExactly(ids.get(0), ids.get(1));
    }

    @Test
    void dismissRemovesOneAndClearRemovesAll() {
        Account ann = person("ann"), bob = person("bob");
        post(bob, "@ann one");
        post(bob, "@ann two");
        post(ann, "@bob back");
        List<Notification> before = all(ann);
        assertThat(social.notifications().get(ann.id(), before.getFirst().id()).id()).isEqualTo(before.getFirst().id());

        assertThatThrownBy(() -> social.notifications().dismiss(bob.id(), before.getFirst().id()))
                .isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.notifications().get(bob.id(), before.getFirst().id()))
                .isInstanceOf(SocialException.NotFound.class);
        social.notifications().dismiss(ann.id(), before.getFirst().id());
        assertThat(all(ann)).extracting(Notification::id).containsExactly(before.get(1).id());
        assertThatThrownBy(() -> social.notifications().dismiss(ann.id(), before.getFirst().id()))
                .isInstanceOf(SocialException.NotFound.class);

        social.notifications().clear(ann.id());
        assertThat(all(ann)).isEmpty();
        assertThat(all(bob)).hasSize(1);
    }

    @Test
    void unreadCountCountsOnlyWhatTheSameFilterWouldList() {
        Account ann = person("ann"), bob = person("bob"), cat = person("cat");
        post(bob, "@ann one");
        post(bob, "@ann two");
        social.follows().follow(cat.id(), ann.id());
        NotificationFilter follows = new NotificationFilter(Set.of(Notification.Type.FOLLOW), Set.of(), null);
        NotificationFilter noMentions = new NotificationFilter(Set.of(), Set.of(Notification.Type.MENTION), null);
        NotificationFilter fromBob = new NotificationFilter(Set.of(), Set.of(), bob.id());
        assertThat(social.notifications().unreadCount(ann.id(), NotificationFilter.ALL, null)).isEqualTo(3);
        assertThat(social.notifications().unreadCount(ann.id(), follows, null)).isEqualTo(1);
        assertThat(social.notifications().unreadCount(ann.id(), noMentions, null)).isEqualTo(1);
        assertThat(social.notifications().unreadCount(ann.id(), fromBob, null)).isEqualTo(2);

        social.mutes().mute(ann.id(), bob.id(), true, null);
        assertThat(social.notifications().unreadCount(ann.id(), NotificationFilter.ALL, null))
                .isEqualTo(all(ann).size()).isEqualTo(1);
    }

    @Test
    void unreadCountCountsWhatIsNewerThanTheNotificationsMarker() {
        Account ann = person("ann"), bob = person("bob");
        post(bob, "@ann one");
        post(bob, "@ann two");
        assertThat(social.notifications().unreadCount(ann.id(), NotificationFilter.ALL, null)).isEqualTo(2);
        assertThat(social.notifications().unreadCount(ann.id(), NotificationFilter.ALL, 1)).isEqualTo(1);

        long newest = all(ann).getFirst().id();
        Marker first = social.markers().set(ann.id(), "notifications", newest);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.updatedAt()).isEqualTo(clock.instant());
        assertThat(social.notifications().unreadCount(ann.id(), NotificationFilter.ALL, null)).isZero();

        post(bob, "@ann three");
        assertThat(social.notifications().unreadCount(ann.id(), NotificationFilter.ALL, null)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        Marker second = social.markers().set(ann.id(), "notifications", all(ann).getFirst().id());
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.updatedAt()).isEqualTo(clock.instant());
        assertThat(social.notifications().unreadCount(ann.id(), NotificationFilter.ALL, null)).isZero();

        social.markers().set(ann.id(), "home", 42);
        assertThat(social.markers().get(ann.id(), List.of("home", "notifications", "lists")))
                .containsOnlyKeys("home", "notifications");
        assertThat(social.markers().get(bob.id(), Marker.TIMELINES)).isEmpty();
        assertThatThrownBy(() -> social.markers().set(ann.id(), "lists", 1)).isInstanceOf(SocialException.Invalid.class);
    }

    @Test
    void deletingAPostOrUndoingAReblogRemovesItsNotifications() {
        Account ann = person("ann"), bob = person("bob");
        Post mention = post(bob, "@ann soon gone");
        Post own = post(ann, "popular");
        social.posts().favourite(bob.id(), own.id());
        social.posts().reblog(bob.id(), own.id());
        assertThat(all(ann)).hasSize(3);

        social.posts().delete(bob.id(), mention.id());
        assertThat(all(ann)).extracting(Notification::type)
                .containsExactly(Notification.Type.REBLOG, Notification.Type.FAVOURITE);
        social.posts().unreblog(bob.id(), own.id());
        assertThat(all(ann)).extracting(Notification::type).containsExactly(Notification.Type.FAVOURITE);
        social.posts().delete(ann.id(), own.id());
        assertThat(all(ann)).isEmpty();
    }

    @Test
    void undoingAFavouriteOrAFollowRemovesItsNotification() {
        Account ann = person("ann"), bob = person("bob"), cat = person("cat");
        Post own = post(ann, "liked twice");
        social.posts().favourite(bob.id(), own.id());
        social.posts().favourite(cat.id(), own.id());
        social.follows().follow(bob.id(), ann.id());
        social.follows().follow(cat.id(), ann.id());
        assertThat(all(ann)).hasSize(4);

        social.posts().unfavourite(bob.id(), own.id());
        social.follows().unfollow(bob.id(), ann.id());
        assertThat(all(ann)).extracting(Notification::type, n -> n.account().id()).containsExactly(
                tuple(Notification.Type.FOLLOW, cat.id()), tuple(Notification.Type.FAVOURITE, cat.id()));
    }

    @Test
    void eachNotificationIsPublishedForItsRecipientOnceStored() {
        Account ann = person("ann"), bob = person("bob");
        List<SocialEvent.NotificationCreated> seen = new CopyOnWriteArrayList<>();
        social.bus().subscribe(e -> {
            if (e instanceof SocialEvent.NotificationCreated n) seen.add(n);
        });
        Post reply = post(bob, "@ann what do you think?");
        assertThat(seen).singleElement().satisfies(e -> {
            assertThat(e.recipientId()).isEqualTo(ann.id());
            assertThat(e.notification().type()).isEqualTo(Notification.Type.MENTION);
            assertThat(e.notification().post().id()).isEqualTo(reply.id());
            assertThat(social.notifications().get(ann.id(), e.notification().id())).isEqualTo(e.notification());
        });
    }
}
