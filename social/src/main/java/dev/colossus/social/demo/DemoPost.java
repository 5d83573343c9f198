package dev.colossus.social.demo;

import java.time.Instant;
import java.util.List;

/**
 * A demo post. Posts of a {@link DemoNetwork} are numbered 0, 1, 2... in creation order, so a reply always comes after
 * the post it answers.
 *
 * @param number    this post's number in the network
 * @param author    the author's username
 * @param text      plain text; replies start with {@code @parentAuthor}, hashtags are written inline as {@code #tag}
 * @param createdAt creation time
 * @param replyTo   number of the post this replies to, or -1
 * @param tags      the hashtags in the text, lower case, without {@code #}
 * @param language  ISO 639-1 code of the text
 */
public record DemoPost(int number, String author, String text, Instant createdAt, int replyTo, List<String> tags,
                       String language) {

    public DemoPost {
        tags = List.copyOf(tags);
    }

    public boolean isReply() {
        return replyTo >= 0;
    }
}
