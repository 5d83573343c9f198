package dev.colossus.assistant.grounding;

import dev.colossus.assistant.ChatMessage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the messages a model is given for a grounded question.
 *
 * <p>The system message holds only instructions: the persona's prompt and fixed grounding rules. Posts never go
 * there. They go into the last user turn inside a {@code <sources>} block, each as a {@link QuotedPost}: author
 * and id outside the quote, the text as a string literal with every quote, line break and angle bracket escaped, so
 * a post can neither end its quote, nor start a fake source, nor close the block: whatever a post says ("ignore your
 * instructions"...) stays data.
 */
public final class GroundedPrompt {

    /** Appended to every persona's system prompt when sources are given. Never varies with the posts. */
    public static final String GROUNDING_RULES = """
            The user's message may contain a <sources> block: numbered posts from the network, found by search. \
            """ + QuotedPost.RULE + """
             Base claims about what people are saying on the sources and cite each one with its number in \
            square brackets, like [1] or [2][3]. If the sources do not answer the question, say so.""";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private GroundedPrompt() {
    }

    /**
     * The messages for a model.
     *
     * @param systemPrompt the persona's system prompt
     * @param conversation the conversation so far, ending with the user's question; client-supplied system
     *                     messages are kept after the assistant's own
     * @param grounding    the posts found (may be none) and the hashtags trending now (may be none)
     * @param announceNone whether to tell the model that a search found nothing (search mode "on")
     * @param now          the current time, told to the model so "today" means something
     */
    public static List<ChatMessage> build(String systemPrompt, List<ChatMessage> conversation, Grounding grounding,
                                          boolean announceNone, Instant now) {
        boolean block = !grounding.posts().isEmpty() || !grounding.trendingTags().isEmpty() || announceNone;
        StringBuilder system = new StringBuilder(systemPrompt);
        system.append("\n\nThe current time is ").append(TIME.format(now)).append('.');
        if (block) system.append("\n\n").append(GROUNDING_RULES);
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(system.toString()));
        int lastUser = -1;
        for (int i = 0; i < conversation.size(); i++) {
            if (conversation.get(i).role().equals("user")) lastUser = i;
        }
        for (int i = 0; i < conversation.size(); i++) {
            ChatMessage m = conversation.get(i);
            if (i == lastUser && block) {
                messages.add(ChatMessage.user(sourcesBlock(grounding) + "\n\n" + m.content()));
            } else {
                messages.add(m);
            }
        }
        return messages;
    }

    /** The {@code <sources>} block: the trending hashtags, if any, then the numbered posts. */
    public static String sourcesBlock(Grounding grounding) {
        List<SourcePost> sources = grounding.posts();
        StringBuilder out = new StringBuilder("<sources>\n");
        if (!grounding.trendingTags().isEmpty()) {
            out.append("Hashtags trending on the network now:");
            // Tag names are user-made too: keep only the characters a hashtag may have.
            for (String tag : grounding.trendingTags()) out.append(" #").append(tag.replaceAll("[^\\p{L}\\p{N}_]", ""));
            out.append('\n');
        }
        if (sources.isEmpty()) out.append("(the search found no posts for this question)\n");
        for (int i = 0; i < sources.size(); i++) {
            SourcePost p = sources.get(i);
            out.append('[').append(i + 1).append("] ").append(QuotedPost.of(p.handle(), p.id(), TIME.format(p.createdAt())
                    + ", " + p.likes() + " likes, " + p.reposts() + " reposts", p.text())).append('\n');
        }
        return out.append("</sources>").toString();
    }
}
