package dev.colossus.social;

import java.util.Locale;
import java.util.Optional;

/**
 * One of an account's lists (Mastodon's {@code List}): a named selection of accounts it follows, read as a timeline
 * of its own.
 *
 * @param repliesPolicy which replies of the members the list's timeline shows
 * @param exclusive     whether the members' posts leave the owner's home timeline
 */
public record TimelineList(long id, long ownerId, String title, RepliesPolicy repliesPolicy, boolean exclusive) {

    /** The longest title, in characters. */
    public static final int MAX_TITLE = 100;

    /** Which replies a list's timeline shows, as Mastodon names them. */
    public enum RepliesPolicy {
        /** Replies to any account the owner follows (Mastodon's default). */
        FOLLOWED,
        /** Replies to the list's members only. */
        LIST,
        /** No replies. */
        NONE;

        /** The API's name: {@code followed}, {@code list} or {@code none}. */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The policy of an API name, if it is one. */
        public static Optional<RepliesPolicy> fromApiName(String name) {
            for (RepliesPolicy p : values()) if (p.apiName().equals(name)) return Optional.of(p);
            return Optional.empty();
        }
    }
}
