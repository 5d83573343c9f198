package dev.colossus.social;

/**
 * What a valid access token stands for.
 *
 * @param accountId the user it acts for, or null for an app-only ({@code client_credentials}) token
 */
public record AccessGrant(long tokenId, long appId, Long accountId, String scopes) {
}
