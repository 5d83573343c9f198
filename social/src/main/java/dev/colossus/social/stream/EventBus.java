package dev.colossus.social.stream;

import java.lang.System.Logger;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * In-process publish/subscribe for {@link SocialEvent}s. {@link #publish} calls every subscriber on the publishing
 * thread, in subscription order, so subscribers must be quick and must not block (hand work to a queue of your own).
 * A subscriber that throws is logged and does not stop delivery to the others. Thread-safe.
 */
public final class EventBus {

    private static final Logger LOG = System.getLogger(EventBus.class.getName());
    private final CopyOnWriteArrayList<Consumer<SocialEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** Adds a subscriber; closing the returned handle removes it. */
    public Subscription subscribe(Consumer<SocialEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** A handle on a subscription; {@link #close()} is idempotent. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    public void publish(SocialEvent event) {
        for (Consumer<SocialEvent> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Logger.Level.WARNING, "event subscriber failed on " + event.getClass().getSimpleName(), e);
            }
        }
    }

    /** How many subscribers are attached (for metrics and tests). */
    public int subscriberCount() {
        return subscribers.size();
    }
}
