package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Post;
import dev.colossus.social.SocialException;
import dev.colossus.social.StoreContract;
import dev.colossus.social.TimelineList;
import dev.colossus.social.TimelineList.RepliesPolicy;
import dev.colossus.social.Visibility;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lists and their timelines over a real store: one subclass per database. */
abstract class ListStoreContract extends StoreContract {

    ListStoreContract() {
        super(Instant.parse("2026-03-01T12:00:00Z"));
    }

    private Post post(Account author, String text, Visibility visibility, Long inReplyTo) {
        return social.posts().create(author.id(), null,
                new PostService.NewPost(text, inReplyTo, visibility, null, false, null), null);
    }

    private Post post(Account author, String text) {
        return post(author, text, Visibility.PUBLIC, null);
    }

    private List<Long> timeline(Account owner, TimelineList list) {
        return social.lists().timeline(owner.id(), list.id(), PageRequest.first(40)).items().stream().map(Post::id).toList();
    }

    @Test
    void listsAreMadeChangedAndDeletedByTheirOwnerOnly() {
        Account ann = person("ann"), bob = person("bob");
        TimelineList news = social.lists().create(ann.id(), "  News  ", RepliesPolicy.LIST, false);
        assertThat(news.title()).isEqualTo("News");
        TimelineList friends = social.lists().create(ann.id(), "Friends", RepliesPolicy.FOLLOWED, true);
        assertThat(social.lists().all(ann.id())).containsExactly(news, friends);
        assertThat(social.lists().all(bob.id())).isEmpty();

        TimelineList renamed = social.lists().update(ann.id(), news.id(), "World news", null, true);
        assertThat(renamed).isEqualTo(new TimelineList(news.id(), ann.id(), "World news", RepliesPolicy.LIST, true));
        assertThat(social.lists().get(ann.id(), news.id())).isEqualTo(renamed);

        assertThatThrownBy(() -> social.lists().get(bob.id(), news.id())).isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.lists().update(bob.id(), news.id(), "mine", null, null))
                .isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.lists().delete(bob.id(), news.id())).isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.lists().create(ann.id(), " ", RepliesPolicy.LIST, false))
                .isInstanceOf(SocialException.Invalid.class);
        assertThatThrownBy(() -> social.lists().create(ann.id(), "x".repeat(101), RepliesPolicy.LIST, false))
                .isInstanceOf(SocialException.Invalid.class);

        social.lists().delete(ann.id(), news.id());
        assertThat(social.lists().all(ann.id())).containsExactly(friends);
    }

    @Test
    void onlyFollowedAccountsJoinAndTheyLeaveWithTheFollow() {
        Account ann = person("ann"), bob = person("bob"), cy = person("cy");
        TimelineList list = social.lists().create(ann.id(), "Close", RepliesPolicy.LIST, false);
        assertThatThrownBy(() -> social.lists().add(ann.id(), list.id(), List.of(bob.id())))
                .isInstanceOf(SocialException.Invalid.class);
        social.follows().follow(ann.id(), bob.id());
        social.follows().follow(ann.id(), cy.id());
        social.lists().add(ann.id(), list.id(), List.of(bob.id(), cy.id()));
        social.lists().add(ann.id(), list.id(), List.of(bob.id())); // again: still once
        assertThat(social.lists().members(ann.id(), list.id(), PageRequest.first(40)).items())
                .extracting(Account::id).containsExactly(cy.id(), bob.id());
        assertThat(social.lists().containing(ann.id(), bob.id())).containsExactly(list);

        social.follows().unfollow(ann.id(), bob.id());
        assertThat(social.lists().members(ann.id(), list.id(), PageRequest.first(40)).items())
                .extracting(Account::id).containsExactly(cy.id());
        social.blocks().block(cy.id(), ann.id()); // a block ends the follow too
        assertThat(social.lists().members(ann.id(), list.id(), PageRequest.first(40)).items()).isEmpty();
        assertThat(social.lists().containing(ann.id(), cy.id())).isEmpty();
    }

    @Test
    void aListsTimelineCarriesItsMembersPostsAndTheRepliesItsPolicyAllows() {
        Account ann = person("ann"), bob = person("bob"), cy = person("cy"), dee = person("dee"), eve = person("eve");
        for (Account a : List.of(bob, cy, dee)) social.follows().follow(ann.id(), a.id());
        TimelineList list = social.lists().create(ann.id(), "Crew", RepliesPolicy.LIST, false);
        social.lists().add(ann.id(), list.id(), List.of(bob.id(), cy.id()));

        Post bobs = post(bob, "bob's news");
        Post forFollowers = post(bob, "for followers", Visibility.PRIVATE, null);
        Post direct = post(bob, "@ann secret", Visibility.DIRECT, null);
        Post deesPost = post(dee, "dee, not in the list");
        Post evesPost = post(eve, "eve, not followed");
        Post toMember = post(cy, "@bob agreed", Visibility.PUBLIC, bobs.id());
        Post toFollowed = post(cy, "@dee agreed", Visibility.PUBLIC, deesPost.id());
        Post toStranger = post(cy, "@eve agreed", Visibility.PUBLIC, evesPost.id());
        Post thread = post(cy, "my own thread", Visibility.PUBLIC, null);
        Post ownReply = post(cy, "and more", Visibility.PUBLIC, thread.id());
        Post reblog = social.posts().reblog(cy.id(), deesPost.id());

        assertThat(timeline(ann, list)).containsExactly(reblog.id(), ownReply.id(), thread.id(), toMember.id(),
                forFollowers.id(), bobs.id());
        assertThat(timeline(ann, list)).doesNotContain(direct.id(), toFollowed.id(), toStranger.id());

        TimelineList followed = social.lists().update(ann.id(), list.id(), null, RepliesPolicy.FOLLOWED, null);
        assertThat(timeline(ann, followed)).contains(toMember.id(), toFollowed.id()).doesNotContain(toStranger.id());
        TimelineList none = social.lists().update(ann.id(), list.id(), null, RepliesPolicy.NONE, null);
        assertThat(timeline(ann, none)).contains(ownReply.id(), thread.id()).doesNotContain(toMember.id(), toFollowed.id());

        social.mutes().mute(ann.id(), cy.id(), true, null);
        assertThat(timeline(ann, none)).containsExactly(forFollowers.id(), bobs.id());
        assertThatThrownBy(() -> social.lists().timeline(bob.id(), list.id(), PageRequest.first(20)))
                .isInstanceOf(SocialException.NotFound.class);
    }

    @Test
    void anExclusiveListsMembersLeaveTheHomeTimeline() {
        Account ann = person("ann"), bob = person("bob"), cy = person("cy");
        social.follows().follow(ann.id(), bob.id());
        social.follows().follow(ann.id(), cy.id());
        TimelineList list = social.lists().create(ann.id(), "Loud", RepliesPolicy.LIST, false);
        social.lists().add(ann.id(), list.id(), List.of(bob.id()));
        Post bobs = post(bob, "bob talks a lot"), cys = post(cy, "cy talks"), own = post(ann, "me");
        List<Long> everyone = List.of(own.id(), cys.id(), bobs.id());
        assertThat(home(ann)).containsExactlyElementsOf(everyone);

        social.lists().update(ann.id(), list.id(), null, null, true);
        assertThat(home(ann)).containsExactly(own.id(), cys.id());
        assertThat(timeline(ann, list)).containsExactly(bobs.id());
        social.lists().update(ann.id(), list.id(), null, null, false);
        assertThat(home(ann)).containsExactlyElementsOf(everyone);
    }

    private List<Long> home(Account viewer) {
        return social.timelines().home(viewer.id(), PageRequest.first(40)).items().stream().map(Post::id).toList();
    }
}
