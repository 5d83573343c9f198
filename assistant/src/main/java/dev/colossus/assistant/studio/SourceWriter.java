package dev.colossus.assistant.studio;

import dev.colossus.assistant.ChatMessage;
import dev.colossus.assistant.backend.BackendException;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.backend.Completion;
import dev.colossus.assistant.backend.GenerationOptions;
import dev.colossus.assistant.backend.TokenSink;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.engine.FinishReason;
import dev.colossus.studio.Size;
import dev.colossus.studio.SourceException;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Makes media by having a chat model write its source: the model is prompted in the persona (see
 * {@link StudioPrompts}), the source is taken from its answer ({@link SourceExtraction}) and rendered; when that
 * fails, the model sees the error and writes the source again, at most {@value #RETRIES} more times. Thread-safe.
 */
public final class SourceWriter {

    /** How often the model is asked again after a source that does not render. */
    public static final int RETRIES = 2;

    private final ChatBackend model;
    private final StudioRenderers renderers;
    private final StudioLimits limits;
    private final Identity identity;

    public SourceWriter(ChatBackend model, StudioRenderers renderers, StudioLimits limits, Identity identity) {
        this.model = Objects.requireNonNull(model, "model");
        this.renderers = Objects.requireNonNull(renderers, "renderers");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    /**
     * Writes and renders the media.
     *
     * @throws BackendException {@code PROTOCOL} when no try gave a source that renders (the last error is in the
     *                          message), {@code UNAVAILABLE} when the time limit passed or the job was cancelled, and
     *                          the model's own failures
     */
    public Media write(MediaRequest request, Persona persona, Cancellation cancel) {
        long deadline = System.nanoTime() + limits.timeLimit().toNanos();
        List<ChatMessage> messages = StudioPrompts.first(request, persona, identity);
        String error = null;
        for (int attempt = 0; attempt <= RETRIES; attempt++) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) break;
            GenerationOptions options = new GenerationOptions(persona.sampling().temperature(),
                    persona.sampling().topP(), limits.maxTokens(), List.of(), null, left);
            Completion answer = model.chat(messages, options, TokenSink.IGNORE, cancel);
            if (answer.finishReason() == FinishReason.CANCELLED) {
                throw new BackendException(BackendException.Kind.UNAVAILABLE, "making the " + request.kind().id()
                        + " was cancelled");
            }
            if (answer.finishReason() == FinishReason.TIME_LIMIT) break;
            try {
                return render(request, answer);
            } catch (SourceException e) {
                error = e.getMessage();
                messages = StudioPrompts.retry(messages, answer.text(), error, request.kind());
            }
        }
        if (error == null || System.nanoTime() >= deadline) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "the model did not finish the "
                    + request.kind().id() + " within " + limits.timeLimit().toSeconds() + " s");
        }
        throw new BackendException(BackendException.Kind.PROTOCOL, "the model wrote no " + request.kind().language()
                + " that renders in " + (RETRIES + 1) + " tries; the last error: " + error);
    }

    private Media render(MediaRequest request, Completion answer) throws SourceException {
        String source = SourceExtraction.extract(request.kind(), answer.text());
        if (answer.finishReason().cutShort() && !source.endsWith("</svg>")
                && request.kind() != MediaKind.MUSIC) {
            throw new SourceException("the answer was cut off after " + limits.maxTokens()
                    + " tokens; write a shorter, simpler source");
        }
        if (source.length() > limits.maxSourceChars()) {
            throw new SourceException("the source has " + source.length() + " characters; at most "
                    + limits.maxSourceChars() + " are allowed, so write a simpler one");
        }
        SourceRenderer.Rendered rendered = renderers.forKind(request.kind())
                .render(source, new Size(request.width(), request.height()));
        return new Media(request.kind(), rendered.bytes(), rendered.mimeType(), source, request.prompt());
    }
}
