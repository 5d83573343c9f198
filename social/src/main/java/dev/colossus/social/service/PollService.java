package dev.colossus.social.service;

import dev.colossus.social.Poll;
import dev.colossus.social.PollLimits;
import dev.colossus.social.Post;
import dev.colossus.social.SocialException;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.PollRows;
import dev.colossus.social.store.PostRows;
import dev.colossus.social.store.PostVisibility;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Polls as Mastodon has them: made with their post ({@code PostService.NewPost.poll}), seen as the post is seen
 * (results hidden as {@link Poll} says), voted on once per account, and ended when they expire: the end of each poll
 * is processed once ({@link #endExpired}), publishing a {@link SocialEvent.PollEnded} from which its voters and its
 * author are notified. Expiry times are the system clock's. Thread-safe.
 */
public final class PollService {

    /** Polls whose end one batch of {@link #endExpired} processes before looking again. */
    private static final int END_BATCH = 100;
    /**
     * The longest the expiry timer waits before looking again even when no poll of this process is due: polls made
     * by other processes sharing a server database end within this much of their time.
     */
    static final Duration MAX_WAIT = Duration.ofMinutes(1);

    private final Database db;
    private final EventBus bus;
    private final PollLimits limits;

    public PollService(Database db, EventBus bus, PollLimits limits) {
        this.db = db;
        this.bus = bus;
        this.limits = limits;
    }

    /** What a new poll may be. */
    public PollLimits limits() {
        return limits;
    }

    /**
     * Poll {@code id} as {@code viewerId} (nullable) sees it.
     *
     * @throws SocialException.NotFound when there is no such poll or its post is hidden from the viewer
     */
    public Poll get(long id, Long viewerId) {
        return db.read(c -> PollRows.visible(c, id, viewerId)).orElseThrow(SocialException::notFound);
    }

    /**
     * Casts {@code accountId}'s vote for the options at {@code choices} (indexes from 0) and returns the poll as the
     * voter now sees it (with results, unless the poll hides totals until it ends). An account votes once per poll,
     * however many requests race: the store's key lets one vote in.
     *
     * @throws SocialException.NotFound when there is no such poll or its post is hidden from the account
     * @throws SocialException.Invalid  when the poll has ended, is the account's own, already has its vote, or the
     *                                  choices are none, out of range, repeated, or several on a single-choice poll
     */
    public Poll vote(long accountId, long id, List<Integer> choices) {
        return db.write(c -> {
            PollRows.Stored poll = PollRows.find(c, id).orElseThrow(SocialException::notFound);
            if (PostVisibility.visible(c, poll.postId(), accountId).isEmpty()) throw SocialException.notFound();
            long now = System.currentTimeMillis();
            if (poll.expiredAt(now)) throw refused("The poll has already ended");
            if (poll.accountId() == accountId) throw refused("You cannot vote in your own polls");
            if (PollRows.choices(c, id, accountId).isPresent()) throw refused("You have already voted on this poll");
            if (choices.isEmpty()) throw refused("Choose at least one option");
            if (choices.stream().anyMatch(i -> i < 0 || i >= poll.titles().size())) {
                throw refused("The chosen vote option does not exist");
            }
            if (new HashSet<>(choices).size() != choices.size()) throw refused("An option is chosen more than once");
            if (!poll.multiple() && choices.size() > 1) throw refused("This poll allows only one choice");
            PollRows.vote(c, id, accountId, choices, now);
            return PollRows.visible(c, id, accountId).orElseThrow(SocialException::notFound);
        });
    }

    private static SocialException.Invalid refused(String why) {
        return SocialException.invalid("choices", why);
    }

    /**
     * Processes the end of every poll expired by now whose end is not yet processed: marks it (each end is processed
     * once, also with several processes on one database) and publishes a {@link SocialEvent.PollEnded}. Returns how
     * many ends this call processed.
     */
    public int endExpired() {
        int ended = 0;
        while (true) {
            long now = System.currentTimeMillis();
            List<Long> due = db.read(c -> PollRows.endedUnprocessed(c, now, END_BATCH));
            for (long id : due) {
                Optional<SocialEvent.PollEnded> event = db.write(c -> {
                    if (!PollRows.markEnded(c, id, now)) return Optional.empty();
                    PollRows.Stored poll = PollRows.find(c, id).orElseThrow();
                    List<Post> post = PostRows.load(c, List.of(poll.postId()), null);
                    if (post.isEmpty()) return Optional.empty();
                    return Optional.of(new SocialEvent.PollEnded(post.getFirst(), PollRows.voters(c, id),
                            Instant.ofEpochMilli(now)));
                });
                if (event.isPresent()) {
                    bus.publish(event.get());
                    ended++;
                }
            }
            if (due.size() < END_BATCH) return ended;
        }
    }

    /**
     * Starts ending polls as they expire, on a daemon thread, until the returned handle is closed: at once (polls
     * that expired while the network was stopped), then at each poll's expiry (new and edited posts with polls are
     * followed on the bus), and at least every {@link #MAX_WAIT}. A failed run is reported on stderr and tried again
     * later.
     */
    public AutoCloseable startExpiry() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poll-expiry");
            t.setDaemon(true);
            return t;
        });
        Expiry expiry = new Expiry(timer);
        EventBus.Subscription subscription = bus.subscribe(event -> {
            Post post = switch (event) {
                case SocialEvent.PostCreated(Post created) -> created;
                case SocialEvent.PostEdited(Post edited, var mentioned) -> edited;
                default -> null;
            };
            if (post != null && post.poll() != null) expiry.wakeBy(post.poll().expiresAt().toEpochMilli());
        });
        expiry.wakeBy(System.currentTimeMillis());
        return () -> {
            subscription.close();
            expiry.close();
            timer.shutdownNow();
            timer.awaitTermination(10, TimeUnit.SECONDS);
        };
    }

    /** The expiry timer's plan: one run at the earliest time anyone asked for. */
    private final class Expiry {
        private final ScheduledExecutorService timer;
        private ScheduledFuture<?> planned;
        private long plannedAt = Long.MAX_VALUE;
        private boolean closed;

        Expiry(ScheduledExecutorService timer) {
            this.timer = timer;
        }

        /** Makes sure a run happens by {@code at} (epoch ms). */
        synchronized void wakeBy(long at) {
            if (closed || at >= plannedAt) return;
            if (planned != null) planned.cancel(false);
            plannedAt = at;
            planned = timer.schedule(this::run, Math.max(0, at - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        }

        synchronized void close() {
            closed = true;
        }

        private void run() {
            synchronized (this) {
                plannedAt = Long.MAX_VALUE;
                planned = null;
            }
            long next = System.currentTimeMillis() + MAX_WAIT.toMillis();
            try {
                endExpired();
                next = Math.min(next, db.read(PollRows::nextExpiry).orElse(Long.MAX_VALUE));
            } catch (RuntimeException e) {
                System.err.println("colossus: ending expired polls failed: " + e.getMessage());
            }
            wakeBy(next);
        }
    }
}
