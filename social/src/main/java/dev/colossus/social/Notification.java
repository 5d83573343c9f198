package dev.colossus.social;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Something that happened to an account, as its notifications list shows it.
 *
 * @param account who did it (the mentioning author, the one who reblogged, followed or favourited)
 * @param post    the post it is about as the notified account sees it: the mentioning post, the reblogged or
 *                favourited original, the edited post; null for a follow
 */
public record Notification(long id, Type type, Instant createdAt, Account account, Post post) {

    /** The kinds of notification made here, named as Mastodon's API names them. */
    public enum Type {
        /** A post mentions the account. */
        MENTION,
        /** Someone reblogged one of the account's posts. */
        REBLOG,
        /** Someone followed the account. */
        FOLLOW,
        /** Someone favourited one of the account's posts. */
        FAVOURITE,
        /** A post the account reblogged was edited (only the latest such notification per post is kept). */
        UPDATE,
        /** A poll the account voted in or made has ended (from the poll's author, also when notifying the author). */
        POLL,
        /** Someone asked to follow the (locked) account; it goes when the request is approved, rejected or withdrawn. */
        FOLLOW_REQUEST,
        /** An account the account follows with notifications on ({@code notify}) posted. */
        STATUS;

        /** Mastodon's name: {@code mention}, {@code reblog}, {@code follow}, {@code favourite}, {@code update}. */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type Mastodon calls {@code name}; empty for names of types not made here. */
        public static Optional<Type> fromApiName(String name) {
            return Arrays.stream(values()).filter(t -> t.apiName().equals(name)).findFirst();
        }
    }
}
