package dev.colossus.social;

import dev.colossus.social.media.MediaAttachment;

import java.time.Instant;
import java.util.List;

/**
 * One version of a post in its edit history (Mastodon's StatusEdit): the original or the result of an edit.
 *
 * @param createdAt when this version was made: the post's creation for the original, else the edit's time
 * @param account   who made it (the author)
 * @param media     the attachments it showed, in order, with the alt text they had then
 * @param mentions    the accounts its text mentions that exist here (for rendering the text)
 * @param pollOptions the titles of its poll's options, in order (empty without a poll)
 */
public record PostEdit(String text, String spoilerText, boolean sensitive, Instant createdAt, Account account,
                       List<MediaAttachment> media, List<Post.Mention> mentions, List<String> pollOptions) {

    public PostEdit {
        media = List.copyOf(media);
        mentions = List.copyOf(mentions);
        pollOptions = List.copyOf(pollOptions);
    }
}
