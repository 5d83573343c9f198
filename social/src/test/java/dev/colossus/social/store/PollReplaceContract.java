package dev.colossus.social.store;

import dev.colossus.social.Account;
import dev.colossus.social.Poll;
import dev.colossus.social.Post;
import dev.colossus.social.Social;
import dev.colossus.social.service.PostService;
import dev.colossus.social.stream.EventBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an edit ({@link PollRows#replace}, {@link PollRows#deleteForPost}) and an account's erasure
 * ({@link PollRows#deleteVotesOf}) do to polls: one subclass per database.
 */
abstract class PollReplaceContract {

    private TestDatabase store;
    private Social social;
    private Account ann, bob;

    protected abstract TestDatabase openStore();

    @BeforeEach
    void open() {
        store = openStore();
        social = Social.over(store.db(), new EventBus(), Social.DEFAULT_MAX_CHARS);
        ann = social.accounts().ensure("ann", null, false);
        bob = social.accounts().ensure("bob", null, false);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Post pollPost(List<String> options, boolean multiple) {
        return social.posts().create(ann.id(), null, new PostService.NewPost("Which?", null, null, null, false, null,
                List.of(), new PostService.NewPoll(options, Duration.ofHours(1), multiple, false)), null);
    }

    private boolean replace(Post post, List<String> options, boolean multiple, Duration runs) {
        long now = System.currentTimeMillis();
        return store.db().write(c -> PollRows.replace(c, new PostService.NewPoll(options, runs, multiple, false)
                .row(social.newId(), post.id(), ann.id(), now)));
    }

    private List<String> titles(Post post) {
        return store.db().read(c -> PollRows.optionTitles(c, post.id()));
    }

    private Poll seenByAnn(Post post) {
        return social.posts().get(post.id(), ann.id()).poll();
    }

    @Test
    void anEditThatKeepsTheOptionsKeepsTheVotesAndTakesTheNewExpiry() {
        Post post = pollPost(List.of("a", "b"), false);
        social.polls().vote(bob.id(), post.poll().id(), List.of(1));
        assertThat(replace(post, List.of("a", "b"), false, Duration.ofDays(2))).isFalse();
        Poll after = seenByAnn(post);
        assertThat(after.id()).isEqualTo(post.poll().id());
        assertThat(after.options()).extracting(Poll.Option::votesCount).containsExactly(0L, 1L);
        assertThat(after.expiresAt()).isAfter(post.poll().expiresAt().plus(Duration.ofHours(40)));
    }

    @Test
    void anEditThatChangesTheOptionsOrMultipleDropsTheVotes() {
        Post post = pollPost(List.of("a", "b"), false);
        social.polls().vote(bob.id(), post.poll().id(), List.of(1));
        assertThat(replace(post, List.of("a", "b", "c"), false, Duration.ofHours(1))).isTrue();
        Poll after = seenByAnn(post);
        assertThat(after.options()).extracting(Poll.Option::title).containsExactly("a", "b", "c");
        assertThat(after.options()).extracting(Poll.Option::votesCount).containsExactly(0L, 0L, 0L);
        assertThat(after.votesCount()).isZero();
        assertThat(after.votersCount()).isZero();
        assertThat(social.polls().vote(bob.id(), post.poll().id(), List.of(2)).ownVotes()).containsExactly(2);
        assertThat(replace(post, List.of("a", "b", "c"), true, Duration.ofHours(1))).isTrue();
        assertThat(seenByAnn(post).multiple()).isTrue();
        assertThat(social.polls().get(post.poll().id(), bob.id()).voted()).isFalse();
    }

    @Test
    void anEditAddsAPollToAPostWithoutOneAndCanDropItAgain() {
        Post post = social.posts().create(ann.id(), null,
                new PostService.NewPost("no poll yet", null, null, null, false, null), null);
        assertThat(titles(post)).isEmpty();
        assertThat(replace(post, List.of("x", "y"), false, Duration.ofHours(1))).isFalse();
        assertThat(titles(post)).containsExactly("x", "y");
        Poll added = seenByAnn(post);
        store.db().write(c -> {
            PollRows.deleteForPost(c, post.id());
            return null;
        });
        assertThat(seenByAnn(post)).isNull();
        assertThatThrownBy(() -> social.polls().get(added.id(), ann.id()))
                .isInstanceOf(dev.colossus.social.SocialException.NotFound.class);
    }

    @Test
    void anErasedAccountsVotesComeOffTheCounts() {
        Post post = pollPost(List.of("a", "b"), true);
        Account cy = social.accounts().ensure("cy", null, false);
        social.polls().vote(bob.id(), post.poll().id(), List.of(0, 1));
        social.polls().vote(cy.id(), post.poll().id(), List.of(1));
        store.db().write(c -> AccountErasure.erase(c, bob.id(), System.currentTimeMillis()));
        Poll after = seenByAnn(post);
        assertThat(after.options()).extracting(Poll.Option::votesCount).containsExactly(0L, 1L);
        assertThat(after.votesCount()).isEqualTo(1);
        assertThat(after.votersCount()).isEqualTo(1);
    }

    @Test
    void anEndedPollThatAnEditReopensEndsAgain() throws InterruptedException {
        Post post = pollPost(List.of("a", "b"), false);
        social.polls().vote(bob.id(), post.poll().id(), List.of(0));
        store.db().write(c -> Sql.update(c, "UPDATE polls SET expires_at = ? WHERE id = ?",
                System.currentTimeMillis() - 1, post.poll().id()));
        assertThat(social.polls().endExpired()).isEqualTo(1);
        replace(post, List.of("a", "b"), false, Duration.ofMillis(1));
        Thread.sleep(5);
        assertThat(social.polls().endExpired()).isEqualTo(1);
    }
}
