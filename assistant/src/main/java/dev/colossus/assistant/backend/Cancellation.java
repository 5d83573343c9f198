package dev.colossus.assistant.backend;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cancellation signal shared between whoever asked for an answer and the backend producing it. Thread-safe;
 * cancelling twice is harmless. Listeners registered after cancellation run at once.
 */
public final class Cancellation {

    private volatile boolean cancelled;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (cancelled) return;
        cancelled = true;
        for (Runnable r : listeners) r.run();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code action} when (or, if already cancelled, as soon as) this is cancelled. */
    public void onCancel(Runnable action) {
        listeners.add(action);
        if (cancelled) action.run();
    }
}
