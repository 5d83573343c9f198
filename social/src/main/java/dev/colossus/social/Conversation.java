package dev.colossus.social;

import java.util.List;

/**
 * A direct conversation as one participant sees it (Mastodon's Conversation).
 *
 * @param id       the participant's own id for it (what the API reads, marks read and removes)
 * @param unread   whether a post arrived since the participant last marked it read (never for its own posts)
 * @param accounts the other participants of the last post
 * @param lastPost the newest post of the conversation the participant wrote or was mentioned in
 */
public record Conversation(long id, boolean unread, List<Account> accounts, Post lastPost) {

    public Conversation {
        accounts = List.copyOf(accounts);
    }
}
