package dev.colossus.assistant;

import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.backend.Completion;
import dev.colossus.assistant.backend.FinishReason;
import dev.colossus.assistant.backend.GenerationOptions;
import dev.colossus.assistant.backend.TokenSink;
import dev.colossus.assistant.backend.Usage;
import dev.colossus.assistant.grounding.Citation;
import dev.colossus.assistant.grounding.Citations;
import dev.colossus.assistant.grounding.PostSearch;
import dev.colossus.assistant.grounding.SearchMode;
import dev.colossus.assistant.grounding.SourcePost;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Sampling;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The assistant: answers a {@link Question} in a persona, grounded in the network's posts, with the configured
 * backend; without one, answers extractively with the most relevant posts. Thread-safe: one instance serves every
 * conversation.
 */
public final class Assistant {

    private final Identity identity;
    private final ChatBackend backend;
    private final PostSearch search;
    private final Limits limits;
    private final Clock clock;

    /**
     * @param backend the model to answer with, or null for extractive answers only
     */
    public Assistant(Identity identity, ChatBackend backend, PostSearch search, Limits limits, Clock clock) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.backend = backend;
        this.search = Objects.requireNonNull(search, "search");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
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
     * Answers a question, streaming the answer's text to {@code sink}.
     *
     * @throws dev.colossus.assistant.backend.BackendException when the model fails
     */
    public Answer answer(Question question, TokenSink sink, Cancellation cancel) {
        List<SourcePost> sources = question.search().mode() == SearchMode.OFF ? List.of()
                : search.search(question.search().query(question.lastUserText()));
        if (backend == null) return extractive(question, sources, sink);

        Sampling sampling = question.persona().sampling()
                .override(question.temperature(), question.topP(), question.maxTokens());
        ContextWindow.Fit fit = ContextWindow.fit(backend, new ContextWindow.Parts(
                        question.persona().systemPrompt(identity), question.conversation(), sources,
                        question.search().mode() == SearchMode.ON, clock.instant()),
                limits.maxPromptTokens(), Math.min(sampling.maxTokens(), limits.maxOutputTokens()));
        GenerationOptions options = new GenerationOptions(sampling.temperature(), sampling.topP(), fit.maxTokens(),
                question.stop(), question.seed(), limits.timeLimit());
        Completion completion = backend.chat(fit.messages(), options, sink, cancel);
        List<Citation> citations = question.search().returnCitations()
                ? Citations.extract(completion.text(), fit.sources()) : List.of();
        return new Answer(completion.text(), citations, fit.sources(), completion.usage(), completion.finishReason(),
                false);
    }

    /** The answer without a model: the most relevant posts, cited, and how to get a real model. */
    private Answer extractive(Question question, List<SourcePost> sources, TokenSink sink) {
        List<String> pieces = new ArrayList<>();
        if (sources.isEmpty()) {
            pieces.add(question.search().mode() == SearchMode.OFF
                    ? "No generative model is loaded, and search is off for this question, so there is nothing I can answer with.\n\n"
                    : "No generative model is loaded, and no posts match your question.\n\n");
        } else {
            pieces.add("No generative model is loaded, so here are the most relevant posts:\n\n");
            for (int i = 0; i < sources.size(); i++) {
                SourcePost p = sources.get(i);
                pieces.add("[" + (i + 1) + "] @" + p.handle() + ": " + oneLine(p.text()) + "\n");
            }
            pieces.add("\n");
        }
        pieces.add(HOW_TO_ADD_A_MODEL);
        StringBuilder text = new StringBuilder();
        for (String piece : pieces) {
            text.append(piece);
            sink.accept(piece);
        }
        List<Citation> citations = new ArrayList<>();
        if (question.search().returnCitations()) {
            for (int i = 0; i < sources.size(); i++) citations.add(Citations.of(i + 1, sources.get(i)));
        }
        return new Answer(text.toString(), citations, sources, Usage.NONE, FinishReason.STOP, true);
    }

    /** Told with every extractive answer. */
    public static final String HOW_TO_ADD_A_MODEL = "To get written answers, add a model: start with "
            + "`./colossus serve --model FILE.gguf` (fetch one with `./colossus pull URL`), or point Colossus at an "
            + "OpenAI-compatible server with COLOSSUS_LLM_URL, COLOSSUS_LLM_MODEL and COLOSSUS_LLM_API_KEY.";

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 280 ? line.substring(0, 279) + "…" : line;
    }
}
