package dev.colossus.social.importer;

import java.time.Instant;

/**
 * One valid line of an import file.
 *
 * @param line      1-based line number in the file
 * @param sourceId  the post's id in the source, unique within the file
 * @param author    the author's username, valid by Mastodon's rules ({@code [a-zA-Z0-9_]{1,30}})
 * @param text      the post text, within the length limit
 * @param createdAt when the post was created in the source
 * @param replyTo   the source id of the post this replies to, or null; it may appear later in the file or not at all
 * @param likes     like count, at least 0
 */
public record ImportedPost(long line, String sourceId, String author, String text, Instant createdAt,
                           String replyTo, int likes) {
}
