package dev.colossus.social.demo;

import java.time.Instant;

/**
 * A demo account.
 *
 * @param username    unique, valid by Mastodon's rules
 * @param displayName shown name
 * @param bio         profile note, plain text
 * @param createdAt   when it joined (before all its posts)
 */
public record DemoAccount(String username, String displayName, String bio, Instant createdAt) {
}
