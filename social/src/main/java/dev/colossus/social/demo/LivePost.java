package dev.colossus.social.demo;

import java.time.Instant;
import java.util.List;

/**
 * A post from {@link DemoLiveFeed}.
 *
 * @param number    0, 1, 2... in the order the feed produced them
 * @param author    a demo username
 * @param text      plain text; a reply starts with {@code @parentAuthor}
 * @param createdAt the time passed to {@link DemoLiveFeed#next}
 * @param replyTo   the {@code number} of an earlier live post this answers, or -1
 * @param tags      hashtags in the text, lower case
 */
public record LivePost(int number, String author, String text, Instant createdAt, int replyTo, List<String> tags) {

    public LivePost {
        tags = List.copyOf(tags);
    }
}
