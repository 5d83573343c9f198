package dev.colossus.assistant;

import dev.colossus.assistant.grounding.SearchParameters;
import dev.colossus.assistant.persona.Persona;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A question to the assistant.
 *
 * @param persona      how to answer
 * @param conversation the conversation so far, ending with the user's question
 * @param search       how to ground the answer in posts
 * @param temperature  overrides the persona's, or null
 * @param topP         overrides the persona's, or null
 * @param maxTokens    overrides the persona's, or null
 * @param stop         stop sequences (may be empty)
 * @param seed         sampling seed, or null
 */
public record Question(Persona persona, List<ChatMessage> conversation, SearchParameters search, Double temperature,
                       Double topP, Integer maxTokens, List<String> stop, Long seed) {

    public Question {
        Objects.requireNonNull(persona, "persona");
        Objects.requireNonNull(search, "search");
        conversation = List.copyOf(conversation);
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (conversation.stream().noneMatch(m -> m.role().equals("user"))) {
            throw new IllegalArgumentException("the conversation needs at least one user message");
        }
    }

    /** A one-off question with the persona's settings and default search. */
    public static Question simple(Persona persona, String text, SearchParameters search) {
        return new Question(persona, List.of(ChatMessage.user(text)), search, null, null, null, List.of(), null);
    }

    /** This question with earlier messages before its conversation (a stored conversation's history). */
    public Question afterHistory(List<ChatMessage> history) {
        List<ChatMessage> all = new ArrayList<>(history);
        all.addAll(conversation);
        return new Question(persona, all, search, temperature, topP, maxTokens, stop, seed);
    }

    /** The text of the last user message: what is searched for. */
    public String lastUserText() {
        for (int i = conversation.size() - 1; i >= 0; i--) {
            if (conversation.get(i).role().equals("user")) return conversation.get(i).content();
        }
        throw new IllegalStateException("no user message");
    }
}
