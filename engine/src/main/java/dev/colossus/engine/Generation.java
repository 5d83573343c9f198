package dev.colossus.engine;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * A running generation: its text arrives in chunks (whole characters) as tokens are produced, and it can be
 * cancelled at any time (for example when the client that asked for it goes away).
 * <p>Thread safety: {@link #cancel()} and {@link #result()} may be called from any thread; the text chunks should be
 * consumed by one thread ({@link #stream} or {@link #nextText}).
 */
public final class Generation {
    /** Marks the end of the chunk queue. */
    private static final String END = new String("<end>");

    private final BlockingQueue<String> chunks = new LinkedBlockingQueue<>();
    private final CompletableFuture<GenerationResult> result = new CompletableFuture<>();
    private volatile boolean cancelled;
    private boolean ended;

    Generation() {
    }

    /** Asks the generation to stop; it finishes with {@link FinishReason#CANCELLED} within one decode step. */
    public void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** Completes when the generation ends (exceptionally when the model failed). */
    public CompletableFuture<GenerationResult> result() {
        return result;
    }

    /**
     * The next chunk of text, blocking until there is one; null when the generation has ended and all text was
     * taken.
     */
    public String nextText() throws InterruptedException {
        if (ended) return null;
        String chunk = chunks.take();
        if (chunk == END) {
            ended = true;
            return null;
        }
        return chunk;
    }

    /**
     * Calls {@code onText} on this thread with each chunk of text as it arrives, and returns the result once the
     * generation has ended. If this thread is interrupted, the generation is cancelled.
     *
     * @throws GenerationException when the model failed
     */
    public GenerationResult stream(Consumer<String> onText) throws InterruptedException {
        try {
            for (String chunk; (chunk = nextText()) != null; ) onText.accept(chunk);
            return result.get();
        } catch (InterruptedException e) {
            cancel();
            throw e;
        } catch (ExecutionException e) {
            throw new GenerationException(e.getCause().getMessage(), e.getCause());
        }
    }

    void emit(String text) {
        if (!text.isEmpty()) chunks.add(text);
    }

    void complete(GenerationResult r) {
        chunks.add(END);
        result.complete(r);
    }

    void fail(Throwable t) {
        chunks.add(END);
        result.completeExceptionally(t);
    }
}
