package dev.colossus.social;

/**
 * One hashtag found by a search.
 *
 * @param name the tag in lower case, without {@code #}
 * @param uses how many searchable (public or unlisted) posts carry it
 */
public record TagHit(String name, long uses) {
}
