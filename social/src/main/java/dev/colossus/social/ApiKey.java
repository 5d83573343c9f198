package dev.colossus.social;

import java.time.Instant;

/**
 * A user's key for the OpenAI-compatible API, as listed: never the key itself, which is shown only when created.
 *
 * @param hint       the key's first characters, to tell keys apart
 * @param lastUsedAt when a request last carried it (to the minute), or null when never
 */
public record ApiKey(long id, long accountId, String name, String hint, Instant createdAt, Instant lastUsedAt) {
}
