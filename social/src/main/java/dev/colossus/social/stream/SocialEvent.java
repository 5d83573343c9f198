package dev.colossus.social.stream;

import dev.colossus.social.Account;
import dev.colossus.social.Post;

/** Something that happened on the network, published on the {@link EventBus} after its transaction committed. */
public sealed interface SocialEvent {

    /** A post or reblog was created; {@code post} is as an anonymous viewer sees it. */
    record PostCreated(Post post) implements SocialEvent {
    }

    /** A post or reblog was deleted. {@code post} is its last state (as an anonymous viewer saw it). */
    record PostDeleted(Post post) implements SocialEvent {
    }

    /** An account was created or its profile changed; {@code account} is its new state. */
    record AccountChanged(Account account) implements SocialEvent {
    }

    /** A post's counters changed (a favourite, reblog or reply); {@code post} is its new state. */
    record PostUpdated(Post post) implements SocialEvent {
    }

    /**
     * Its author edited a post (its text, content warning, sensitivity, language or media changed); {@code post} is
     * its new state as an anonymous viewer sees it, {@code newlyMentioned} the accounts the edit mentions that the
     * version before did not.
     */
    record PostEdited(Post post, java.util.Set<Long> newlyMentioned) implements SocialEvent {
        public PostEdited {
            newlyMentioned = java.util.Set.copyOf(newlyMentioned);
        }
    }

    /**
     * {@code accountId} favourited a post it had not favourited (published after the {@link PostUpdated});
     * {@code post} is the post as an anonymous viewer sees it, {@code at} when the favourite was made.
     */
    record PostFavourited(Post post, long accountId, java.time.Instant at) implements SocialEvent {
    }

    /** {@code accountId} started following {@code targetAccountId} (not published for a follow that already was). */
    record AccountFollowed(long accountId, long targetAccountId, java.time.Instant at) implements SocialEvent {
    }

    /**
     * {@code recipientId} got a notification (published after it was stored); its post is as the recipient sees it.
     */
    record NotificationCreated(long recipientId, dev.colossus.social.Notification notification) implements SocialEvent {
    }

    /**
     * A direct post reached {@code recipientId}'s view of a conversation (a new post in it, including the recipient's
     * own); {@code conversation} is as the recipient sees it. Published after it was stored, for the direct stream.
     */
    record ConversationUpdated(long recipientId, dev.colossus.social.Conversation conversation) implements SocialEvent {
    }

    /** {@code accountId} asked to follow the locked account {@code targetAccountId} (not published for a repeat). */
    record FollowRequested(long accountId, long targetAccountId, java.time.Instant at) implements SocialEvent {
    }

    /**
     * The poll of {@code post} (as an anonymous viewer sees it) ended and its end was processed, once: its voters
     * ({@code voterIds}, in the order they voted) and its author are to be told. {@code at} is when it was processed.
     */
    record PollEnded(Post post, java.util.List<Long> voterIds, java.time.Instant at) implements SocialEvent {
        public PollEnded {
            voterIds = java.util.List.copyOf(voterIds);
        }
    }
}
