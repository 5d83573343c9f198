package dev.colossus.assistant.mention;

import dev.colossus.assistant.Answer;
import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.Question;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.TokenSink;
import dev.colossus.assistant.grounding.Citation;
import dev.colossus.assistant.grounding.Grounding;
import dev.colossus.assistant.grounding.Links;
import dev.colossus.assistant.grounding.SourcePost;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.assistant.store.MentionLog;
import dev.colossus.social.Account;
import dev.colossus.social.Social;
import dev.colossus.social.SocialException;
import dev.colossus.social.Post;
import dev.colossus.social.service.AccountService;
import dev.colossus.social.service.PostService;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;

import java.lang.System.Logger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Pattern;

/**
 * Answers posts that mention the assistant's handle with a reply in the same thread, posted as the assistant's own
 * bot account ({@link #assistantAccount}).
 *
 * <p>The event bus only hands a mention's id to a bounded queue; one background worker answers them in order, so a
 * post request never waits for an answer. A reply is grounded in the thread (the post's ancestors) and in the posts a
 * search finds; with no model it lists the best-matching posts. It is plain text (markdown stripped), at most 500
 * characters, in the question's language (the model is told to), with the visibility of the post it answers.
 *
 * <p>Never answered: the assistant's own posts, posts by bot accounts (so two bots cannot talk forever), a post
 * already answered (the log is kept in the database, so this holds across restarts), and an author's posts beyond
 * {@link Settings#perAuthor} replies per {@link Settings#window}. At start, mentions from the last
 * {@link Settings#catchUp} that were never answered (the server was down, or the queue was full) are queued.
 */
public final class MentionResponder implements AutoCloseable {

    private static final Logger LOG = System.getLogger(MentionResponder.class.getName());
    /** The longest reply, whatever longer posts the server allows (Mastodon's default). */
    public static final int MAX_REPLY_CHARS = 500;
    /** The most posts a reply links. */
    static final int SOURCES_IN_REPLY = 3;
    /** The most recent mentions looked through at start for unanswered ones. */
    private static final int CATCH_UP_SCAN = 10_000;

    /**
     * How the responder behaves.
     *
     * @param perAuthor     most replies to one account per {@code window}
     * @param window        the rate-limit window
     * @param queueCapacity mentions waiting for an answer; beyond that they wait for the next start's catch-up
     * @param catchUp       how far back unanswered mentions are picked up at start (zero: none)
     */
    public record Settings(int perAuthor, Duration window, int queueCapacity, Duration catchUp) {

        /** 5 replies per account per minute, 256 waiting, catch up on the last hour. */
        public static final Settings DEFAULT = new Settings(5, Duration.ofMinutes(1), 256, Duration.ofHours(1));

        public Settings {
            if (perAuthor < 1) throw new IllegalArgumentException("mention replies per account must be at least 1");
            if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("mention window must be positive");
            if (queueCapacity < 1) throw new IllegalArgumentException("mention queue must hold at least 1");
            if (catchUp.isNegative()) throw new IllegalArgumentException("mention catch-up must not be negative");
        }
    }

    private final Assistant assistant;
    private final Persona persona;
    private final PostService posts;
    private final GenerationQueue turns;
    private final Settings settings;
    private final Clock clock;
    private final Account me;
    private final MentionLog log;
    private final Pattern ownHandle;
    private final BlockingQueue<Job> queue;
    private final EventBus.Subscription subscription;
    private final Thread worker;
    private volatile Cancellation current = new Cancellation();
    private volatile boolean closed;

    /** A mention to answer; {@code resume} for one left pending by an earlier run. */
    private record Job(long postId, boolean resume) {
    }

    private MentionResponder(Assistant assistant, Persona persona, Social social, MentionLog log, GenerationQueue turns,
                             Settings settings, Clock clock, Account me) {
        this.assistant = assistant;
        this.persona = persona;
        this.posts = social.posts();
        this.turns = turns;
        this.settings = settings;
        this.clock = clock;
        this.me = me;
        this.log = log;
        this.ownHandle = Pattern.compile("(?<![\\p{L}\\p{N}_])@" + Pattern.quote(me.username()) + "(@[\\w.-]+)?(?![\\w@])",
                Pattern.CASE_INSENSITIVE);
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.subscription = social.bus().subscribe(this::onEvent);
        this.worker = Thread.ofPlatform().daemon().name("colossus-mentions").unstarted(this::work);
    }

    /**
     * Queues the mentions missed while down and starts answering.
     *
     * @param me      the account replies are posted as (see {@link #assistantAccount})
     * @param persona how replies are written (the regular persona, usually)
     * @param log     the record of mentions taken up, in the assistant's database
     * @param turns   the generation queue shared with the HTTP API, so mentions never overload the model
     */
    public static MentionResponder start(Assistant assistant, Persona persona, Social social, MentionLog log,
                                         Account me, GenerationQueue turns, Settings settings, Clock clock) {
        MentionResponder responder = new MentionResponder(assistant, persona, social, log, turns, settings, clock, me);
        if (!settings.catchUp().isZero()) {
            List<Long> mentions = social.posts().mentioning(me.id(), clock.instant().minus(settings.catchUp()),
                    CATCH_UP_SCAN);
            for (long id : responder.log.unanswered(mentions, settings.queueCapacity())) {
                responder.queue.offer(new Job(id, true));
            }
        }
        responder.worker.start();
        return responder;
    }

    /**
     * The account the assistant posts as, named after its handle: created (as a bot) when missing, and flagged as a
     * bot when it is not, so that other bots leave it alone as it leaves them.
     */
    public static Account assistantAccount(AccountService accounts, Identity identity) {
        Account account = accounts.ensure(identity.handle(), identity.name(), true);
        return account.bot() ? account : accounts.update(account.id(), new AccountService.ProfileUpdate(null, null, true));
    }

    /** The account replies are posted as. */
    public Account account() {
        return me;
    }

    /** Mentions queued and not yet answered (the one being answered not counted). */
    public int pending() {
        return queue.size();
    }

    private void onEvent(SocialEvent event) {
        if (!(event instanceof SocialEvent.PostCreated(Post s)) || !wantsAnswer(s)) return;
        if (!queue.offer(new Job(s.id(), false))) {
            LOG.log(Logger.Level.WARNING, "mention queue full; post " + s.id() + " waits for the next start");
        }
    }

    /** A post mentioning the assistant, by someone who is neither the assistant nor a bot. */
    private boolean wantsAnswer(Post s) {
        if (s.reblog() != null || s.account().id() == me.id() || s.account().bot()) return false;
        for (Post.Mention m : s.mentions()) if (m.accountId() == me.id()) return true;
        return false;
    }

    private void work() {
        while (!closed) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                answer(job);
            } catch (RuntimeException e) {
                if (!closed) LOG.log(Logger.Level.WARNING, "could not answer mention " + job.postId() + ": " + e.getMessage(), e);
            }
        }
    }

    private void answer(Job job) {
        Post post;
        try {
            post = posts.get(job.postId(), me.id());
        } catch (SocialException.NotFound e) {
            return; // deleted since, or no longer visible to the assistant
        }
        if (!wantsAnswer(post)) return;
        long now = clock.millis();
        MentionLog.Claim claim = log.claim(post.id(), post.account().id(), settings.perAuthor(),
                now - settings.window().toMillis(), now, job.resume());
        if (claim == MentionLog.Claim.LIMITED) {
            LOG.log(Logger.Level.INFO, "not answering post " + post.id() + ": @" + post.account().username()
                    + " reached " + settings.perAuthor() + " replies per " + settings.window());
        }
        if (claim != MentionLog.Claim.ANSWER) return;
        try {
            Reply answer = reply(post);
            if (closed) return; // left pending: the next start resumes it
            // Imported posts may carry language tags a new post may not ("en-US"): then none.
            String language = post.language() != null && post.language().matches("[a-z]{2,3}") ? post.language() : null;
            Post reply = posts.create(me.id(), null, new PostService.NewPost(answer.text(), post.id(),
                    post.visibility(), null, false, language, answer.mediaIds()), "colossus-mention-" + post.id());
            log.replied(post.id(), reply.id());
        } catch (RuntimeException e) {
            if (closed) return;
            log.failed(post.id());
            throw e;
        }
    }

    /** A reply to post: its text and the media it attaches (the assistant's uploads). */
    private record Reply(String text, List<Long> mediaIds) {
    }

    /**
     * The reply: "@author " and the answer, plain, within the length limit; when the post asks for a picture, a tune
     * or a clip (and the assistant makes media), its description with the media attached.
     */
    private Reply reply(Post post) {
        List<Post> ancestors = posts.context(post.id(), me.id()).ancestors();
        Question question = MentionQuestion.of(persona, me, ownHandle, post, ancestors);
        // The post itself is the question, not a source.
        Grounding found = assistant.ground(question);
        Grounding grounding = found.withPosts(found.posts().stream()
                .filter(p -> !p.id().equals(Long.toString(post.id()))).toList());
        String prefix = "@" + post.account().username() + " ";
        int limit = Math.min(MAX_REPLY_CHARS, posts.maxChars());
        if (assistant.backend().isEmpty()) return new Reply(ExtractiveReply.of(prefix, grounding.posts(), limit), List.of());
        Answer answer;
        Cancellation cancel = new Cancellation();
        current = cancel;
        try (GenerationQueue.Turn turn = enterPatiently()) {
            answer = assistant.answerWithMedia(question, TokenSink.IGNORE, cancel)
                    .orElseGet(() -> assistant.answer(question, grounding, TokenSink.IGNORE, cancel));
        }
        List<String> links = answer.citations().stream().map(Citation::url).limit(SOURCES_IN_REPLY).toList();
        // The reply links posts only by their own URLs, never a link a post (or the model) wrote.
        String body = PlainReply.plain(Links.only(answer.text(), grounding.posts().stream().map(SourcePost::url).toList()));
        if (body.isEmpty()) body = "I have no answer to that.";
        List<Long> media = answer.media().stream().filter(m -> m.id() != null).map(m -> Long.parseLong(m.id())).toList();
        return new Reply(PlainReply.fit(prefix, body, links, limit), media);
    }

    /** A generation turn; a busy model is waited for (this is a background worker) until it frees up or we stop. */
    private GenerationQueue.Turn enterPatiently() {
        while (true) {
            try {
                try {
                    return turns.enter();
                } catch (GenerationQueue.Busy busy) {
                    if (closed) throw new IllegalStateException("stopping");
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopping");
            }
        }
    }

    /** Stops answering: unsubscribes, cancels a generation in progress and waits briefly for the worker. */
    @Override
    public void close() {
        closed = true;
        subscription.close();
        current.cancel();
        worker.interrupt();
        try {
            worker.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
