package dev.colossus.assistant;

import dev.colossus.assistant.backend.BackendException;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.backend.Completion;
import dev.colossus.assistant.backend.GenerationOptions;
import dev.colossus.assistant.backend.TokenSink;
import dev.colossus.assistant.backend.Usage;
import dev.colossus.assistant.grounding.Citation;
import dev.colossus.assistant.grounding.Citations;
import dev.colossus.assistant.grounding.GroundedPrompt;
import dev.colossus.assistant.grounding.Grounding;
import dev.colossus.assistant.grounding.PostExcerpt;
import dev.colossus.assistant.grounding.PostSearch;
import dev.colossus.assistant.grounding.SearchMode;
import dev.colossus.assistant.grounding.SourcePost;
import dev.colossus.assistant.grounding.TrendQuestion;
import dev.colossus.assistant.grounding.TrendSource;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Sampling;
import dev.colossus.assistant.studio.MediaIntent;
import dev.colossus.assistant.studio.MediaRequest;
import dev.colossus.assistant.studio.MediaShelf;
import dev.colossus.assistant.studio.ShelvedMedia;
import dev.colossus.assistant.studio.Studio;

import dev.colossus.engine.FinishReason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The assistant: answers a {@link Question} in a persona, grounded in the network's posts (and, when asked what is
 * happening, in the hashtags trending now), with the configured backend; without one, answers extractively with the
 * most relevant posts. Thread-safe: one instance serves every conversation.
 */
public final class Assistant {

    /** How many trending hashtags a question about what is happening is told. */
    public static final int TRENDS_TOLD = 5;
    /** The longest quote of a post in an extractive answer. */
    private static final int EXCERPT_CHARS = 280;

    private final Identity identity;
    private final ChatBackend backend;
    private final PostSearch search;
    private final TrendSource trends;
    private final Limits limits;
    private final Clock clock;
    private final Studio studio;
    private final MediaShelf shelf;

    /** An assistant that knows no trends. */
    public Assistant(Identity identity, ChatBackend backend, PostSearch search, Limits limits, Clock clock) {
        this(identity, backend, search, TrendSource.NONE, limits, clock);
    }

    /**
     * @param backend the model to answer with, or null for extractive answers only
     * @param trends  what is rising now, told with questions about what is happening and in search mode "on"
     */
    public Assistant(Identity identity, ChatBackend backend, PostSearch search, TrendSource trends, Limits limits,
                     Clock clock) {
        this(identity, backend, search, trends, limits, clock, null, null);
    }

    private Assistant(Identity identity, ChatBackend backend, PostSearch search, TrendSource trends, Limits limits,
                      Clock clock, Studio studio, MediaShelf shelf) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.backend = backend;
        this.search = Objects.requireNonNull(search, "search");
        this.trends = Objects.requireNonNull(trends, "trends");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.studio = studio;
        this.shelf = shelf;
    }

    /**
     * This assistant making media when asked in a chat or a mention: {@code studio} makes it, {@code shelf} keeps it
     * for the answer to link to (see {@link #answerWithMedia}).
     */
    public Assistant withStudio(Studio studio, MediaShelf shelf) {
        return new Assistant(identity, backend, search, trends, limits, clock, Objects.requireNonNull(studio, "studio"),
                Objects.requireNonNull(shelf, "shelf"));
    }

    /** The studio media is made with, when there is one. */
    public Optional<Studio> studio() {
        return Optional.ofNullable(studio);
    }

    /** Where the assistant finds posts. */
    public PostSearch search() {
        return search;
    }

    /** What is rising on the network now. */
    public TrendSource trends() {
        return trends;
    }

    public Identity identity() {
        return identity;
    }

    public Optional<ChatBackend> backend() {
        return Optional.ofNullable(backend);
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Answers a question, streaming the answer's text to {@code sink}: with media when it asks for some (see
     * {@link #answerWithMedia}), else in words.
     *
     * @throws dev.colossus.assistant.backend.BackendException when the model fails
     */
    public Answer answer(Question question, TokenSink sink, Cancellation cancel) {
        return answerWithMedia(question, sink, cancel).orElseGet(() -> answer(question, ground(question), sink, cancel));
    }

    /**
     * When this assistant has a studio and a model, and the model decides that the question's last message asks for a
     * picture, a tune or a clip ({@link MediaIntent}): makes it in the question's persona, keeps it on the shelf and
     * answers with its markdown ({@link ShelvedMedia#markdown}), streamed to {@code sink}. A failure to make it is
     * answered in words, saying why. Empty when nothing is to be made.
     *
     * @throws dev.colossus.assistant.backend.BackendException when the model fails while deciding, or the question
     *                                                        is cancelled
     */
    public Optional<Answer> answerWithMedia(Question question, TokenSink sink, Cancellation cancel) {
        if (studio == null || backend == null) return Optional.empty();
        Optional<MediaRequest> wanted = MediaIntent.decide(backend, question.conversation(), limits.timeLimit(), cancel);
        if (wanted.isEmpty()) return Optional.empty();
        String text;
        List<ShelvedMedia> media = List.of();
        try {
            ShelvedMedia kept = shelf.put(studio.make(wanted.get(), question.persona(), cancel));
            media = List.of(kept);
            text = kept.markdown();
        } catch (BackendException e) {
            if (cancel.isCancelled()) throw e;
            text = "I could not make the " + wanted.get().kind().id() + ": " + e.getMessage();
        }
        sink.accept(text);
        return Optional.of(new Answer(text, List.of(), List.of(), Usage.NONE, FinishReason.END_OF_GENERATION, false, media));
    }

    /**
     * What a question is grounded in: nothing in search mode "off"; else the posts its search parameters find and,
     * for a question about what is happening (or in mode "on"), the trending hashtags. A question about what is
     * happening also searches for posts with those hashtags, since its own words name no subject.
     */
    public Grounding ground(Question question) {
        if (question.search().mode() == SearchMode.OFF) return Grounding.NONE;
        String text = question.lastUserText();
        boolean asksTrends = TrendQuestion.asks(text);
        List<String> rising = asksTrends || question.search().mode() == SearchMode.ON
                ? trends.risingTags(TRENDS_TOLD) : List.of();
        String searchText = asksTrends && !rising.isEmpty() ? text + " " + String.join(" ", rising) : text;
        List<SourcePost> found = question.search().query(searchText, search::accountId).map(search::search).orElse(List.of());
        return new Grounding(found, rising);
    }

    /**
     * Answers a question from the given grounding (no search of its own), streaming the answer's text to
     * {@code sink}; the answer's {@code [n]} markers number {@code grounding.posts()}.
     *
     * @throws dev.colossus.assistant.backend.BackendException when the model fails
     */
    public Answer answer(Question question, Grounding grounding, TokenSink sink, Cancellation cancel) {
        if (backend == null) return extractive(question, grounding, sink);

        Sampling sampling = question.persona().sampling()
                .override(question.temperature(), question.topP(), question.maxTokens());
        ContextWindow.Fit fit = ContextWindow.fit(backend, new ContextWindow.Parts(
                        question.persona().systemPrompt(identity), question.conversation(), grounding,
                        question.search().mode() == SearchMode.ON, clock.instant()),
                limits.maxPromptTokens(), Math.min(sampling.maxTokens(), limits.maxOutputTokens()));
        GenerationOptions options = new GenerationOptions(sampling.temperature(), sampling.topP(), fit.maxTokens(),
                question.stop(), question.seed(), limits.timeLimit());
        Completion completion = backend.chat(fit.messages(), options, sink, cancel);
        List<Citation> citations = question.search().returnCitations()
                ? Citations.extractOrGiven(completion.text(), fit.sources()) : List.of();
        return new Answer(completion.text(), citations, fit.sources(), completion.usage(), completion.finishReason(),
                false);
    }

    /**
     * The answer without a model: the most relevant posts, quoted and cited, after a line saying plainly that answers
     * here are quotes. How to add a model is the operator's business ({@link #NO_MODEL_NOTICE}), never told here.
     */
    private Answer extractive(Question question, Grounding grounding, TokenSink sink) {
        List<SourcePost> sources = grounding.posts();
        List<String> pieces = new ArrayList<>();
        if (!grounding.trendingTags().isEmpty()) {
            pieces.add("Trending now: #" + String.join(", #", grounding.trendingTags()) + "\n\n");
        }
        if (sources.isEmpty()) {
            pieces.add(question.search().mode() == SearchMode.OFF
                    ? EXTRACTIVE + " (quotes from posts), and search is off for this question, so there is nothing to quote."
                    : EXTRACTIVE + " (quotes from posts), and no posts match your question.");
        } else {
            pieces.add(EXTRACTIVE + ": quotes from the posts that match best.\n\n");
            // Quoted after their authors without their links: a post's words never read as the assistant's own, and
            // the only links are the citations' (each post's own URL).
            for (int i = 0; i < sources.size(); i++) {
                SourcePost p = sources.get(i);
                pieces.add((i == 0 ? "" : "\n") + "[" + (i + 1) + "] " + PostExcerpt.attributed(p.handle(), p.text(), EXCERPT_CHARS));
            }
        }
        StringBuilder text = new StringBuilder();
        for (String piece : pieces) {
            text.append(piece);
            sink.accept(piece);
        }
        List<Citation> citations = question.search().returnCitations() ? Citations.all(sources) : List.of();
        return new Answer(text.toString(), citations, sources, Usage.NONE, FinishReason.END_OF_GENERATION, true);
    }

    /** How an answer without a model begins: it says plainly that it quotes posts rather than writing. */
    public static final String EXTRACTIVE = "Answers here are extractive";

    /** How to add a model, for operators (the start-up log, the admin docs, {@code /v1} errors), never end users. */
    public static final String HOW_TO_ADD_A_MODEL = "To get written answers, add a model: start with "
            + "`./colossus serve --model FILE.gguf` (fetch one with `./colossus pull URL`), or point Colossus at an "
            + "OpenAI-compatible server with COLOSSUS_LLM_URL, COLOSSUS_LLM_MODEL and COLOSSUS_LLM_API_KEY.";

    /** Told to the operator once, at start, when the assistant has no model. */
    public static final String NO_MODEL_NOTICE = "no generative model: the assistant answers extractively (quotes from "
            + "the posts that match, cited). " + HOW_TO_ADD_A_MODEL;
}
