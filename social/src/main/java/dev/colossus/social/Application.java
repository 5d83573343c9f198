package dev.colossus.social;

/**
 * A registered client application (OAuth client).
 *
 * @param clientSecret the secret in clear, present only in the answer to its registration (stored hashed)
 */
public record Application(long id, String name, String website, String redirectUri, String scopes, String clientId,
                          String clientSecret) {
}
