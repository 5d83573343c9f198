package dev.colossus.social;

import java.time.Instant;

/** A freshly issued access token, in clear: the only time it is ever shown (only its hash is stored). */
public record IssuedToken(String accessToken, String scope, Instant createdAt) {
}
