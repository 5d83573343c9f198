package dev.colossus.assistant.mention;

import dev.colossus.assistant.grounding.PostExcerpt;
import dev.colossus.assistant.grounding.QuotedPost;
import dev.colossus.assistant.grounding.SourcePost;

import java.util.List;

/**
 * A mention's reply without a model: a few words saying it quotes posts, then the posts that match best, each quoted
 * after its author with the links it carries left out ({@link PostExcerpt}), then the post's own link. Never how to
 * set a model up: that is for the operator, not the people who mention the assistant. A post's words never read as the assistant's
 * own, and the reply links nothing but the posts. No {@code @} before the authors: a reply mentions (and notifies)
 * only the asker.
 */
final class ExtractiveReply {

    private ExtractiveReply() {
    }

    /**
     * @param prefix  {@code "@asker "}
     * @param sources the posts found, best first
     * @param limit   the longest reply, in characters as posts count them
     */
    static String of(String prefix, List<SourcePost> sources, int limit) {
        if (sources.isEmpty()) {
            return prefix + "I found no posts about this (I answer with quotes from posts).";
        }
        List<SourcePost> best = sources.subList(0, Math.min(MentionResponder.SOURCES_IN_REPLY, sources.size()));
        // Each excerpt gets an equal share of what is left after the links and the sentence around them.
        int share = Math.max(40, (limit - prefix.length() - 80 - best.size() * 30) / best.size());
        StringBuilder body = new StringBuilder("The posts that match best (I answer with quotes from posts):");
        for (SourcePost p : best) {
            body.append("\n- ").append(QuotedPost.handle(p.handle())).append(" wrote: ")
                    .append(PlainReply.plain(PostExcerpt.of(p.text(), share))).append(' ').append(p.url());
        }
        return PlainReply.fit(prefix, body.toString(), List.of(), limit);
    }
}
