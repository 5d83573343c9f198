package dev.colossus.app.cli;

import dev.colossus.assistant.backend.Cancellation;
import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Ctrl-C (SIGINT) in {@code colossus chat}: while an answer is being written, the first Ctrl-C stops it; a Ctrl-C while
 * no answer is being written (at the prompt), or while the answer is already stopping, quits. Thread-safe: the JVM runs
 * the handler on a thread of its own while the chat reads and answers on another.
 */
final class ChatInterrupts {

    private final AtomicReference<Cancellation> answering = new AtomicReference<>();
    private final Runnable quit;

    /** @param quit what a quitting Ctrl-C does (it ends the process) */
    ChatInterrupts(Runnable quit) {
        this.quit = quit;
    }

    /**
     * Takes SIGINT over from the JVM, which would otherwise exit at once. Returns false, leaving Ctrl-C as it was, when
     * the process was started with SIGINT ignored (a background job).
     */
    boolean install() {
        try {
            Signal.handle(new Signal("INT"), signal -> pressed());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** An answer is being written: a Ctrl-C now cancels {@code cancel}. */
    void answering(Cancellation cancel) {
        answering.set(cancel);
    }

    /** The answer is over (written, stopped or failed): a Ctrl-C now quits. */
    void answered() {
        answering.set(null);
    }

    /** Cancels the answer being written, if any and not cancelled yet; returns whether it did. */
    boolean stopAnswer() {
        Cancellation cancel = answering.get();
        if (cancel == null || cancel.isCancelled()) return false;
        cancel.cancel();
        return true;
    }

    /** What one Ctrl-C does: stops the answer being written, else quits. */
    void pressed() {
        if (!stopAnswer()) quit.run();
    }
}
