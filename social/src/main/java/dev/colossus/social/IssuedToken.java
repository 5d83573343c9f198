package dev.colossus.social;

import java.time.Instant;

/**
 * A freshly issued access token, in clear: the only time it is ever shown (only its hash is stored).
 *
 * @param expiresAt when the token stops working, or null when it never expires
 */
public record IssuedToken(String accessToken, String scope, Instant createdAt, Instant expiresAt) {
}
