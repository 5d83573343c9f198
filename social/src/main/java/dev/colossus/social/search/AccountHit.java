package dev.colossus.social.search;

/**
 * One account found by {@link SearchIndex#searchAccounts}.
 *
 * @param accountId the store's account id
 * @param username  the username as indexed
 */
public record AccountHit(long accountId, String username) {
}
