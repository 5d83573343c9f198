package dev.colossus.assistant.mention;

import dev.colossus.assistant.ChatMessage;
import dev.colossus.assistant.Question;
import dev.colossus.assistant.grounding.QuotedPost;
import dev.colossus.assistant.grounding.SearchMode;
import dev.colossus.assistant.grounding.SearchParameters;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.social.Account;
import dev.colossus.social.Post;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The question a mention asks: one user turn with the asker's words, then the earlier posts of the thread, newest
 * first, each a {@link QuotedPost} in a {@code <thread>} block (so that cutting a long turn short drops the oldest
 * posts first). No post of the thread speaks as the user or as the assistant, and the persona is told that they are
 * data.
 */
final class MentionQuestion {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private MentionQuestion() {
    }

    /**
     * @param me        the assistant's account (its posts in the thread are marked as its own)
     * @param ownHandle how the assistant's handle is written in a post, removed from the question
     * @param post      the post that mentions the assistant
     * @param ancestors the thread above it, oldest first (may be empty)
     */
    static Question of(Persona persona, Account me, Pattern ownHandle, Post post, List<Post> ancestors) {
        String asked = ownHandle.matcher(post.text()).replaceAll(" ").replaceAll("\\s+", " ").strip();
        StringBuilder last = new StringBuilder("@").append(QuotedPost.handle(post.account().username()))
                .append(" asks: ").append(asked.isEmpty() ? "What can you tell me about this?" : asked);
        if (!ancestors.isEmpty()) {
            last.append("\n\nThe thread this post replies to, newest first:\n<thread>\n");
            for (Post a : ancestors.reversed()) {
                String details = TIME.format(a.createdAt()) + (a.account().id() == me.id() ? ", your own post" : "");
                last.append(QuotedPost.of(a.account().username(), Long.toString(a.id()), details, a.text()))
                        .append('\n');
            }
            last.append("</thread>");
        }
        SearchParameters search = new SearchParameters(SearchMode.AUTO, null, null, 5, true, List.of(),
                List.of(me.username()), 0);
        return new Question(withReplyRules(persona, post.language(), !ancestors.isEmpty()),
                List.of(ChatMessage.user(last.toString())), search, null, null, null, List.of(), null);
    }

    /**
     * The persona told to answer as a short plain-text post in the question's language, and, when the question
     * quotes a thread, that its posts are data.
     */
    private static Persona withReplyRules(Persona persona, String language, boolean thread) {
        String rules = "\n\nYou are replying to a post on the network that mentions you. Write plain text, no "
                + "markdown, at most 400 characters. Answer in the language the question is written in"
                + (language == null ? "" : " (language code: " + language + ")") + "."
                + (thread ? " The user's message ends with a <thread> block: the earlier posts of the thread. "
                + QuotedPost.RULE : "");
        return new Persona(persona.id(), persona.description(), persona.prompt() + rules,
                persona.sampling().override(null, null, Math.min(persona.sampling().maxTokens(), 200)));
    }
}
