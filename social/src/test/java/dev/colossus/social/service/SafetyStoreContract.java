package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Muted;
import dev.colossus.social.Notification;
import dev.colossus.social.NotificationFilter;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Post;
import dev.colossus.social.PostQuery;
import dev.colossus.social.Relationship;
import dev.colossus.social.SocialException;
import dev.colossus.social.StoreContract;
import dev.colossus.social.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Blocks and mutes over a real store, through the services a user's actions reach: one subclass per database. */
abstract class SafetyStoreContract extends StoreContract {

    @TempDir
    Path indexDir;

    SafetyStoreContract() {
        super(Instant.parse("2026-03-01T12:00:00Z"));
    }

    private Post post(Account author, String text) {
        return post(author, text, null);
    }

    private Post post(Account author, String text, Long inReplyTo) {
        return social.posts().create(author.id(), null,
                new PostService.NewPost(text, inReplyTo, Visibility.PUBLIC, null, false, null), null);
    }

    private List<Long> home(Account viewer) {
        return ids(social.timelines().home(viewer.id(), PageRequest.first(40)).items());
    }

    private List<Long> publicFor(Account viewer) {
        return ids(social.timelines().publicTimeline(viewer.id(), PageRequest.first(40)).items());
    }

    private List<Long> tagFor(Account viewer, String tag) {
        return ids(social.timelines().tag(viewer.id(), tag, PageRequest.first(40)).items());
    }

    private List<Long> notificationsFrom(Account who) {
        return social.notifications().list(who.id(), NotificationFilter.ALL, PageRequest.first(40)).items().stream()
                .map(n -> n.account().id()).toList();
    }

    private static List<Long> ids(List<Post> posts) {
        return posts.stream().map(Post::id).toList();
    }

    @Test
    void blockingEndsTheFollowsBothWaysAndForbidsNewOnesEitherWay() {
        Account ann = person("ann"), bob = person("bob");
        social.follows().follow(ann.id(), bob.id());
        social.follows().follow(bob.id(), ann.id());

        Relationship r = social.blocks().block(ann.id(), bob.id());

        assertThat(r.blocking()).isTrue();
        assertThat(r.following()).isFalse();
        assertThat(r.followedBy()).isFalse();
        assertThat(social.accounts().get(ann.id()).followersCount()).isZero();
        assertThat(social.accounts().get(bob.id()).followingCount()).isZero();
        assertThat(social.follows().relationship(bob.id(), ann.id()).blockedBy()).isTrue();
        assertThatThrownBy(() -> social.follows().follow(bob.id(), ann.id())).isInstanceOf(SocialException.Forbidden.class);
        assertThatThrownBy(() -> social.follows().follow(ann.id(), bob.id())).isInstanceOf(SocialException.Forbidden.class);

        social.blocks().unblock(ann.id(), bob.id());
        assertThat(social.follows().follow(bob.id(), ann.id()).following()).isTrue();
    }

    @Test
    void blockingDropsAPendingFollowRequestEitherWay() {
        Account ann = person("ann"), bob = person("bob");
        social.followRequests().setLocked(ann.id(), true);
        assertThat(social.follows().follow(bob.id(), ann.id()).requested()).isTrue();

        social.blocks().block(ann.id(), bob.id());

        assertThat(social.followRequests().count(ann.id())).isZero();
        assertThat(social.follows().relationship(bob.id(), ann.id()).requested()).isFalse();
    }

    @Test
    void blockedAccountsPostsAndReblogsLeaveTheBlockersHomePublicAndTagTimelines() {
        Account ann = person("ann"), bob = person("bob"), cy = person("cy");
        social.follows().follow(ann.id(), cy.id());
        Post bobs = post(bob, "bob says #hello");
        Post cys = post(cy, "cy says #hello");
        Post reblog = social.posts().reblog(cy.id(), bobs.id());
        assertThat(home(ann)).contains(reblog.id(), cys.id());
        assertThat(publicFor(ann)).contains(bobs.id());

        social.blocks().block(ann.id(), bob.id());

        assertThat(home(ann)).containsExactly(cys.id());
        assertThat(publicFor(ann)).containsExactly(cys.id());
        assertThat(tagFor(ann, "hello")).containsExactly(cys.id());
        // The blocked account no longer sees the blocker's posts in the shared timelines either.
        Post anns = post(ann, "ann says #hello");
        assertThat(publicFor(bob)).doesNotContain(anns.id()).contains(bobs.id());
        assertThat(tagFor(bob, "hello")).doesNotContain(anns.id());
        // Nor does anyone else lose anything.
        assertThat(publicFor(cy)).contains(anns.id(), bobs.id());
    }

    @Test
    void theBlockedAccountCannotSeeReplyToOrFavouriteTheBlockersPostsNorItsProfilePosts() {
        Account ann = person("ann"), bob = person("bob");
        Post anns = post(ann, "mine");
        social.blocks().block(ann.id(), bob.id());

        assertThatThrownBy(() -> social.posts().get(anns.id(), bob.id())).isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> post(bob, "a reply", anns.id())).isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.posts().favourite(bob.id(), anns.id())).isInstanceOf(SocialException.NotFound.class);
        assertThat(social.timelines().account(bob.id(), ann.id(), false, false, PageRequest.first(20)).items()).isEmpty();
        // The blocker still sees the blocked account's profile posts, and anonymous viewers see the blocker's.
        Post bobs = post(bob, "bob's own");
        assertThat(ids(social.timelines().account(ann.id(), bob.id(), false, false, PageRequest.first(20)).items()))
                .containsExactly(bobs.id());
        assertThat(social.posts().get(anns.id(), null).id()).isEqualTo(anns.id());
    }

    @Test
    void blocksAndMutesTakeRepliesOutOfThreads() {
        Account ann = person("ann"), bob = person("bob"), cy = person("cy");
        Post root = post(ann, "root");
        Post bobReply = post(bob, "bob replies", root.id());
        Post cyReply = post(cy, "cy replies", bobReply.id());
        Post cyDirect = post(cy, "cy replies to the root", root.id());

        social.blocks().block(ann.id(), bob.id());
        assertThat(ids(social.posts().context(root.id(), ann.id()).descendants())).containsExactly(cyReply.id(), cyDirect.id());
        assertThat(ids(social.posts().context(cyReply.id(), ann.id()).ancestors())).containsExactly(root.id());

        social.mutes().mute(ann.id(), cy.id(), true, null);
        assertThat(social.posts().context(root.id(), ann.id()).descendants()).isEmpty();
        // Others still see the whole thread.
        assertThat(social.posts().context(root.id(), null).descendants()).hasSize(3);
    }

    @Test
    void blocksAndMutesTakePostsOutOfSearchResults() throws Exception {
        Account ann = person("ann"), bob = person("bob"), cy = person("cy");
        Post bobs = post(bob, "zebra crossing by bob");
        Post cys = post(cy, "zebra crossing by cy");
        try (SearchService search = social.openSearch(indexDir, (done, total) -> { })) {
            search.refresh();
            assertThat(ids(search.posts(PostQuery.of("zebra"), ann.id()))).containsExactlyInAnyOrder(bobs.id(), cys.id());

            social.blocks().block(ann.id(), bob.id());
            assertThat(ids(search.posts(PostQuery.of("zebra"), ann.id()))).containsExactly(cys.id());
            assertThat(ids(search.posts(PostQuery.of("zebra"), bob.id()))).contains(bobs.id(), cys.id());

            social.mutes().mute(ann.id(), cy.id(), false, null);
            assertThat(search.posts(PostQuery.of("zebra"), ann.id())).isEmpty();
            assertThat(ids(search.posts(PostQuery.of("zebra"), null))).containsExactlyInAnyOrder(bobs.id(), cys.id());
        }
    }

    @Test
    void blockingRemovesTheNotificationsBetweenTheTwoAndStopsNewOnesBothWays() {
        Account ann = person("ann"), bob = person("bob");
        Post anns = post(ann, "ann's post");
        Post bobs = post(bob, "bob's post");
        social.posts().favourite(bob.id(), anns.id());
        social.posts().favourite(ann.id(), bobs.id());
        assertThat(notificationsFrom(ann)).containsExactly(bob.id());

        social.blocks().block(ann.id(), bob.id());
        assertThat(notificationsFrom(ann)).isEmpty();
        assertThat(notificationsFrom(bob)).isEmpty();

        post(bob, "hey @ann");
        post(ann, "hey @bob");
        assertThat(notificationsFrom(ann)).isEmpty();
        assertThat(notificationsFrom(bob)).isEmpty();
    }

    @Test
    void aMuteHidesPostsFromTimelinesButNotFromTheProfile() {
        Account ann = person("ann"), bob = person("bob"), cy = person("cy");
        social.follows().follow(ann.id(), bob.id());
        social.follows().follow(ann.id(), cy.id());
        Post bobs = post(bob, "bob #news");
        Post reblog = social.posts().reblog(cy.id(), bobs.id());

        Relationship r = social.mutes().mute(ann.id(), bob.id(), true, null);

        assertThat(r.muting()).isTrue();
        assertThat(r.mutingNotifications()).isTrue();
        assertThat(r.following()).isTrue(); // a mute keeps the follow
        assertThat(home(ann)).doesNotContain(bobs.id(), reblog.id());
        assertThat(publicFor(ann)).doesNotContain(bobs.id());
        assertThat(tagFor(ann, "news")).isEmpty();
        assertThat(ids(social.timelines().account(ann.id(), bob.id(), false, false, PageRequest.first(20)).items()))
                .containsExactly(bobs.id());
        assertThat(social.posts().get(bobs.id(), ann.id()).id()).isEqualTo(bobs.id());
        // Bob does not see a mute.
        assertThat(social.follows().relationship(bob.id(), ann.id()).muting()).isFalse();

        social.mutes().unmute(ann.id(), bob.id());
        assertThat(home(ann)).contains(bobs.id(), reblog.id());
    }

    @Test
    void aMuteHidesNotificationsOnlyWhenItSaysSo() {
        Account ann = person("ann"), bob = person("bob");
        Post anns = post(ann, "ann's post");
        social.posts().favourite(bob.id(), anns.id());

        Relationship r = social.mutes().mute(ann.id(), bob.id(), false, null);
        assertThat(r.mutingNotifications()).isFalse();
        post(bob, "hello @ann");
        assertThat(notificationsFrom(ann)).containsExactly(bob.id(), bob.id());

        social.mutes().mute(ann.id(), bob.id(), true, null);
        assertThat(notificationsFrom(ann)).isEmpty();
        post(bob, "hello again @ann");
        social.mutes().unmute(ann.id(), bob.id());
        // The notifications from before the mute come back; none was made while it lasted.
        assertThat(notificationsFrom(ann)).containsExactly(bob.id(), bob.id());
        assertThat(social.notifications().list(ann.id(), NotificationFilter.ALL, PageRequest.first(40)).items())
                .extracting(Notification::type).containsExactly(Notification.Type.MENTION, Notification.Type.FAVOURITE);
    }

    @Test
    void aMuteWithADurationLapsesWhenItsTimeHasPassed() {
        Account ann = person("ann"), bob = person("bob");
        Post bobs = post(bob, "bob's post");
        social.mutes().mute(ann.id(), bob.id(), true, Duration.ofHours(1));

        Page<Muted> muted = social.mutes().mutes(ann.id(), PageRequest.first(10));
        assertThat(muted.items()).singleElement().satisfies(m -> {
            assertThat(m.account().id()).isEqualTo(bob.id());
            assertThat(m.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        });
        assertThat(publicFor(ann)).doesNotContain(bobs.id());

        clock.advance(Duration.ofMinutes(61));

        assertThat(social.follows().relationship(ann.id(), bob.id()).muting()).isFalse();
        assertThat(publicFor(ann)).contains(bobs.id());
        assertThat(social.mutes().mutes(ann.id(), PageRequest.first(10)).items()).isEmpty();
        post(bob, "hi @ann");
        assertThat(notificationsFrom(ann)).containsExactly(bob.id());
    }

    @Test
    void theBlockAndMuteListsAreNewestFirstAndPaged() {
        Account ann = person("ann"), bob = person("bob"), cy = person("cy"), dee = person("dee");
        social.blocks().block(ann.id(), bob.id());
        social.blocks().block(ann.id(), cy.id());
        social.mutes().mute(ann.id(), dee.id(), true, null);
        social.mutes().mute(ann.id(), bob.id(), true, null);

        Page<Account> first = social.blocks().blocks(ann.id(), PageRequest.first(1));
        assertThat(first.items()).extracting(Account::id).containsExactly(cy.id());
        Page<Account> second = social.blocks().blocks(ann.id(), new PageRequest(first.nextMaxId(), null, null, 1));
        assertThat(second.items()).extracting(Account::id).containsExactly(bob.id());
        assertThat(social.mutes().mutes(ann.id(), PageRequest.first(10)).items())
                .extracting(m -> m.account().id(), Muted::expiresAt).containsExactly(tuple(bob.id(), null), tuple(dee.id(), null));
        assertThat(social.blocks().blocks(bob.id(), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void muteSettingsChangeInPlaceAndBadRequestsAreRefused() {
        Account ann = person("ann"), bob = person("bob");
        social.mutes().mute(ann.id(), bob.id(), true, null);
        assertThat(social.mutes().mute(ann.id(), bob.id(), false, Duration.ZERO).mutingNotifications()).isFalse();
        assertThat(social.mutes().mutes(ann.id(), PageRequest.first(10)).items()).hasSize(1);

        assertThatThrownBy(() -> social.blocks().block(ann.id(), ann.id())).isInstanceOf(SocialException.Forbidden.class);
        assertThatThrownBy(() -> social.mutes().mute(ann.id(), ann.id(), true, null)).isInstanceOf(SocialException.Forbidden.class);
        assertThatThrownBy(() -> social.blocks().block(ann.id(), 42L)).isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.mutes().unmute(ann.id(), 42L)).isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.mutes().mute(ann.id(), bob.id(), true, Duration.ofSeconds(-1)))
                .isInstanceOf(SocialException.Invalid.class);
        assertThat(social.blocks().unblock(ann.id(), bob.id()).blocking()).isFalse(); // unblocking nobody is fine
    }
}
