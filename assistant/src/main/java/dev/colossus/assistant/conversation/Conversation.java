package dev.colossus.assistant.conversation;

import java.time.Instant;

/**
 * A stored multi-turn chat with the assistant, owned by one account.
 *
 * @param id        snowflake id (newer conversations have larger ids)
 * @param accountId the owner; nobody else can read, continue or delete it
 * @param persona   the persona id it answers in ({@code regular}, {@code fun}, ...); a turn may switch it
 * @param title     the start of its first question ("" until one was asked)
 * @param createdAt when it was started
 * @param updatedAt when its last turn was stored
 */
public record Conversation(long id, long accountId, String persona, String title, Instant createdAt,
                           Instant updatedAt) {
}
