package dev.colossus.social.stream;

import dev.colossus.social.Account;
import dev.colossus.social.Status;

/** Something that happened on the network, published on the {@link EventBus} after its transaction committed. */
public sealed interface SocialEvent {

    /** A post or reblog was created; {@code status} is as an anonymous viewer sees it. */
    record StatusCreated(Status status) implements SocialEvent {
    }

    /** A post or reblog was deleted. {@code status} is its last state (as an anonymous viewer saw it). */
    record StatusDeleted(Status status) implements SocialEvent {
    }

    /** An account was created or its profile changed; {@code account} is its new state. */
    record AccountChanged(Account account) implements SocialEvent {
    }

    /** A post's counters changed (a favourite, reblog or reply); {@code status} is its new state. */
    record StatusUpdated(Status status) implements SocialEvent {
    }

    /**
     * {@code accountId} favourited a post it had not favourited (published after the {@link StatusUpdated});
     * {@code status} is the post as an anonymous viewer sees it, {@code at} when the favourite was made.
     */
    record StatusFavourited(Status status, long accountId, java.time.Instant at) implements SocialEvent {
    }
}
