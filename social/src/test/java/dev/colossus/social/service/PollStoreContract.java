package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Notification;
import dev.colossus.social.NotificationFilter;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Poll;
import dev.colossus.social.PollLimits;
import dev.colossus.social.Post;
import dev.colossus.social.SocialException;
import dev.colossus.social.StoreContract;
import dev.colossus.social.Visibility;
import dev.colossus.social.stream.SocialEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Polls made, seen, voted on and ended over a real store: one subclass per database. */
abstract class PollStoreContract extends StoreContract {

    /** Short enough for a test to wait for a poll's end. */
    private static final Duration SHORT = Duration.ofMillis(300);

    PollStoreContract() {
        super(Instant.parse("2026-03-01T12:00:00Z"));
    }

    @Override
    protected PollLimits pollLimits() {
        return new PollLimits(4, 50, SHORT, Duration.ofDays(30));
    }

    private Post pollPost(Account author, Visibility visibility, Duration runs, boolean multiple, boolean hideTotals,
                          String... options) {
        return social.posts().create(author.id(), null, new PostService.NewPost("Which one?", null, visibility, null,
                false, null, List.of(), new PostService.NewPoll(List.of(options), runs, multiple, hideTotals)), null);
    }

    private Post pollPost(Account author, String... options) {
        return pollPost(author, Visibility.PUBLIC, Duration.ofHours(1), false, false, options);
    }

    private static List<Long> counts(Poll poll) {
        return poll.options().stream().map(Poll.Option::votesCount).toList();
    }

    private List<Notification> notifications(Account who) {
        return social.notifications().list(who.id(), NotificationFilter.ALL, PageRequest.first(40)).items();
    }

    @Test
    void aPostCarriesItsPollWithResultsHiddenFromThoseWhoHaveNotVoted() {
        Account ann = person("ann"), bob = person("bob");
        Post post = pollPost(ann, "  tea ", "coffee", "", "water");

        Poll own = post.poll();
        assertThat(own.options()).extracting(Poll.Option::title).containsExactly("tea", "coffee", "water");
        assertThat(counts(own)).containsExactly(0L, 0L, 0L);
        assertThat(own.votersCount()).isZero();
        assertThat(own.expired()).isFalse();
        assertThat(own.multiple()).isFalse();
        assertThat(own.expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofHours(1)));

        Poll seenByBob = social.posts().get(post.id(), bob.id()).poll();
        assertThat(counts(seenByBob)).containsOnlyNulls();
        assertThat(seenByBob.votersCount()).isNull();
        assertThat(seenByBob.votesCount()).isZero();
        assertThat(seenByBob.voted()).isFalse();
        assertThat(seenByBob.ownVotes()).isEmpty();
        assertThat(social.polls().get(own.id(), null)).isEqualTo(social.posts().get(post.id(), null).poll());
        assertThat(social.timelines().publicTimeline(bob.id(), PageRequest.first(20)).items())
                .extracting(p -> p.poll() == null ? null : p.poll().id()).containsExactly(own.id());
    }

    @Test
    void aPollThatBreaksARuleIsRefusedWithThePost() {
        Account ann = person("ann");
        Duration hour = Duration.ofHours(1);
        assertRefused(() -> pollPost(ann, "only one"), "more than one item");
        assertRefused(() -> pollPost(ann, "a", "b", "c", "d", "e"), "more than 4 items");
        assertRefused(() -> pollPost(ann, "a", "b".repeat(51)), "longer than 50 characters");
        assertRefused(() -> pollPost(ann, "same", " same"), "duplicate");
        assertRefused(() -> pollPost(ann, Visibility.PUBLIC, SHORT.minusMillis(1), false, false, "a", "b"), "too soon");
        assertRefused(() -> pollPost(ann, Visibility.PUBLIC, Duration.ofDays(31), false, false, "a", "b"), "too far");
        assertRefused(() -> pollPost(ann, Visibility.PUBLIC, null, false, false, "a", "b"), "can't be blank");
        assertRefused(() -> social.posts().create(ann.id(), null, new PostService.NewPost("with media", null, null,
                null, false, null, List.of(1L), new PostService.NewPoll(List.of("a", "b"), hour, false, false)), null),
                "media attachments or a poll");
        assertThat(pollPost(ann, "a", "b".repeat(50)).poll().options()).hasSize(2);
        assertThat(social.accounts().get(ann.id()).postsCount()).isEqualTo(1);
    }

    private static void assertRefused(Runnable action, String why) {
        assertThatThrownBy(action::run).isInstanceOf(SocialException.Invalid.class).hasMessageContaining(why);
    }

    @Test
    void aVoteIsCountedAndShowsTheVoterTheResults() {
        Account ann = person("ann"), bob = person("bob"), carol = person("carol");
        Poll poll = pollPost(ann, "tea", "coffee").poll();

        Poll afterVote = social.polls().vote(bob.id(), poll.id(), List.of(1));
        assertThat(afterVote.voted()).isTrue();
        assertThat(afterVote.ownVotes()).containsExactly(1);
        assertThat(counts(afterVote)).containsExactly(0L, 1L);
        assertThat(afterVote.votesCount()).isEqualTo(1);
        assertThat(afterVote.votersCount()).isEqualTo(1);
        assertThat(social.polls().get(poll.id(), bob.id())).isEqualTo(afterVote);
        assertThat(counts(social.polls().get(poll.id(), carol.id()))).containsOnlyNulls();
        assertThat(social.polls().get(poll.id(), carol.id()).votesCount()).isEqualTo(1);
        assertThat(counts(social.polls().get(poll.id(), ann.id()))).containsExactly(0L, 1L);
    }

    @Test
    void aMultipleChoicePollCountsEveryChoiceAndEachVoterOnce() {
        Account ann = person("ann"), bob = person("bob"), carol = person("carol");
        Poll poll = pollPost(ann, Visibility.PUBLIC, Duration.ofHours(1), true, false, "a", "b", "c").poll();
        social.polls().vote(bob.id(), poll.id(), List.of(2, 0));
        Poll after = social.polls().vote(carol.id(), poll.id(), List.of(2));
        assertThat(counts(after)).containsExactly(1L, 0L, 2L);
        assertThat(after.votesCount()).isEqualTo(3);
        assertThat(after.votersCount()).isEqualTo(2);
        assertThat(social.polls().get(poll.id(), bob.id()).ownVotes()).containsExactly(0, 2);
    }

    @Test
    void hiddenTotalsStayHiddenFromVotersUntilThePollEnds() throws InterruptedException {
        Account ann = person("ann"), bob = person("bob");
        Poll poll = pollPost(ann, Visibility.PUBLIC, SHORT, false, true, "a", "b").poll();
        Poll voted = social.polls().vote(bob.id(), poll.id(), List.of(0));
        assertThat(voted.voted()).isTrue();
        assertThat(counts(voted)).containsOnlyNulls();
        assertThat(counts(social.polls().get(poll.id(), ann.id()))).containsExactly(1L, 0L);
        awaitExpiry(poll);
        assertThat(counts(social.polls().get(poll.id(), bob.id()))).containsExactly(1L, 0L);
        assertThat(counts(social.polls().get(poll.id(), null))).containsExactly(1L, 0L);
    }

    @Test
    void votesThatBreakARuleAreRefusedAndCountNothing() throws InterruptedException {
        Account ann = person("ann"), bob = person("bob"), carol = person("carol");
        Poll poll = pollPost(ann, "a", "b", "c").poll();
        assertRefused(() -> social.polls().vote(ann.id(), poll.id(), List.of(0)), "your own polls");
        assertRefused(() -> social.polls().vote(bob.id(), poll.id(), List.of(3)), "does not exist");
        assertRefused(() -> social.polls().vote(bob.id(), poll.id(), List.of(-1)), "does not exist");
        assertRefused(() -> social.polls().vote(bob.id(), poll.id(), List.of()), "at least one");
        assertRefused(() -> social.polls().vote(bob.id(), poll.id(), List.of(0, 1)), "only one choice");
        Poll multiple = pollPost(ann, Visibility.PUBLIC, Duration.ofHours(1), true, false, "a", "b").poll();
        assertRefused(() -> social.polls().vote(bob.id(), multiple.id(), List.of(1, 1)), "more than once");
        assertThat(social.polls().get(poll.id(), ann.id()).votesCount()).isZero();
        assertThat(social.polls().get(multiple.id(), ann.id()).votesCount()).isZero();

        social.polls().vote(bob.id(), poll.id(), List.of(0));
        assertRefused(() -> social.polls().vote(bob.id(), poll.id(), List.of(1)), "already voted");
        assertThat(counts(social.polls().get(poll.id(), bob.id()))).containsExactly(1L, 0L, 0L);

        Poll ending = pollPost(ann, Visibility.PUBLIC, SHORT, false, false, "a", "b").poll();
        awaitExpiry(ending);
        assertRefused(() -> social.polls().vote(carol.id(), ending.id(), List.of(0)), "already ended");
        Poll ended = social.polls().get(ending.id(), carol.id());
        assertThat(ended.expired()).isTrue();
        assertThat(counts(ended)).containsExactly(0L, 0L);
    }

    @Test
    void aPollIsSeenAndVotedOnOnlyByThoseWhoMaySeeItsPost() {
        Account ann = person("ann"), bob = person("bob"), carol = person("carol");
        Poll poll = pollPost(ann, Visibility.PRIVATE, Duration.ofHours(1), false, false, "a", "b").poll();
        social.follows().follow(bob.id(), ann.id());
        assertThat(social.polls().vote(bob.id(), poll.id(), List.of(0)).voted()).isTrue();
        assertThatThrownBy(() -> social.polls().get(poll.id(), carol.id())).isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.polls().get(poll.id(), null)).isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.polls().vote(carol.id(), poll.id(), List.of(0)))
                .isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.polls().get(poll.id() + 1, ann.id())).isInstanceOf(SocialException.NotFound.class);
    }

    @Test
    void concurrentVotesOfOneAccountCountOnceAndOfManyAccountsAllCount() throws Exception {
        Account ann = person("ann"), bob = person("bob");
        Poll poll = pollPost(ann, Visibility.PUBLIC, Duration.ofHours(1), true, false, "a", "b", "c").poll();
        List<Callable<Poll>> sameVoter = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int choice = i % 3;
            sameVoter.add(() -> social.polls().vote(bob.id(), poll.id(), List.of(choice)));
        }
        List<Throwable> failures = race(sameVoter);
        assertThat(failures).hasSize(7).allSatisfy(e -> assertThat(e).isInstanceOf(SocialException.Invalid.class)
                .hasMessageContaining("already voted"));
        Poll afterOne = social.polls().get(poll.id(), ann.id());
        assertThat(afterOne.votersCount()).isEqualTo(1);
        assertThat(afterOne.votesCount()).isEqualTo(1);

        List<Callable<Poll>> manyVoters = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Account voter = person("voter" + i);
            manyVoters.add(() -> social.polls().vote(voter.id(), poll.id(), List.of(0, 2)));
        }
        assertThat(race(manyVoters)).isEmpty();
        Poll after = social.polls().get(poll.id(), ann.id());
        assertThat(after.votersCount()).isEqualTo(13);
        assertThat(after.votesCount()).isEqualTo(25);
        assertThat(after.options().stream().mapToLong(Poll.Option::votesCount).sum()).isEqualTo(25);
    }

    /** Runs the calls at once; returns what they threw. */
    private static List<Throwable> race(List<Callable<Poll>> calls) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(calls.size())) {
            List<Future<?>> running = new ArrayList<>();
            for (Callable<Poll> call : calls) {
                running.add(pool.submit(() -> {
                    start.await();
                    try {
                        return call.call();
                    } catch (Exception e) {
                        failures.add(e);
                        return null;
                    }
                }));
            }
            start.countDown();
        }
        return failures;
    }

    @Test
    void theEndOfAPollNotifiesItsVotersAndItsAuthorOnce() throws InterruptedException {
        Account ann = person("ann"), bob = person("bob"), carol = person("carol"), dan = person("dan");
        List<SocialEvent.NotificationCreated> live = new CopyOnWriteArrayList<>();
        social.bus().subscribe(e -> {
            if (e instanceof SocialEvent.NotificationCreated n && n.notification().type() == Notification.Type.POLL) {
                live.add(n);
            }
        });
        Post post = pollPost(ann, Visibility.PUBLIC, SHORT, false, false, "a", "b");
        social.polls().vote(bob.id(), post.poll().id(), List.of(0));
        social.polls().vote(carol.id(), post.poll().id(), List.of(1));
        assertThat(social.polls().endExpired()).isZero();

        awaitExpiry(post.poll());
        assertThat(social.polls().endExpired()).isEqualTo(1);
        assertThat(social.polls().endExpired()).isZero();

        for (Account who : List.of(ann, bob, carol)) {
            assertThat(notifications(who)).extracting(Notification::type, n -> n.account().id(), n -> n.post().id())
                    .containsExactly(tuple(Notification.Type.POLL, ann.id(), post.id()));
            assertThat(notifications(who).getFirst().post().poll().expired()).isTrue();
        }
        assertThat(notifications(dan)).isEmpty();
        assertThat(live).extracting(SocialEvent.NotificationCreated::recipientId)
                .containsExactlyInAnyOrder(ann.id(), bob.id(), carol.id());
    }

    @Test
    void theExpiryTimerEndsPollsAtTheirTimeAndThoseThatEndedWhileItWasStopped() throws Exception {
        Account ann = person("ann"), bob = person("bob");
        Post whileStopped = pollPost(ann, Visibility.PUBLIC, SHORT, false, false, "a", "b");
        awaitExpiry(whileStopped.poll());
        try (AutoCloseable timer = social.polls().startExpiry()) {
            awaitNotifications(ann, 1);
            Post later = pollPost(ann, Visibility.PUBLIC, Duration.ofMillis(700), false, false, "a", "b");
            social.polls().vote(bob.id(), later.poll().id(), List.of(1));
            awaitNotifications(bob, 1);
            assertThat(Instant.now()).isAfterOrEqualTo(later.poll().expiresAt());
            assertThat(Instant.now()).isBefore(later.poll().expiresAt().plusSeconds(10));
            assertThat(notifications(ann)).extracting(n -> n.post().id()).containsExactly(later.id(), whileStopped.id());
        }
    }

    @Test
    void aDeletedPostTakesItsPollAndVotesWithIt() {
        Account ann = person("ann"), bob = person("bob");
        Post post = pollPost(ann, "a", "b");
        social.polls().vote(bob.id(), post.poll().id(), List.of(0));
        social.posts().delete(ann.id(), post.id());
        assertThatThrownBy(() -> social.polls().get(post.poll().id(), ann.id())).isInstanceOf(SocialException.NotFound.class);
        assertThat(pollPost(ann, "c", "d").poll().votesCount()).isZero();
    }

    private static void awaitExpiry(Poll poll) throws InterruptedException {
        while (!Instant.now().isAfter(poll.expiresAt())) Thread.sleep(20);
    }

    private void awaitNotifications(Account who, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (notifications(who).size() < count && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(notifications(who)).hasSize(count);
    }
}
