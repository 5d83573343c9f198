package dev.colossus.social;

import java.time.Instant;

/** A muted account as its muter's list shows it; {@code expiresAt} is when the mute lapses, null: never. */
public record Muted(Account account, Instant expiresAt) {
}
