package dev.colossus.assistant.conversation;

import dev.colossus.assistant.Answer;
import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.ChatMessage;
import dev.colossus.assistant.Question;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.TokenSink;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.assistant.persona.Personas;
import dev.colossus.assistant.store.ConversationStore;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Multi-turn conversations with the assistant, stored per account: each new question is answered with the stored
 * history before it (the assistant fits it into the model's context window), and both turns are stored with the
 * answer's citations. Thread-safe; questions to the same conversation are answered one after the other, each after
 * the turns stored before it.
 */
public final class Conversations {

    /** Most stored messages given to the model with a question; older ones could never fit a context window. */
    public static final int HISTORY_LIMIT = 200;
    /** Longest title, taken from the first question. */
    static final int TITLE_CHARS = 80;

    private final ConversationStore store;
    private final Assistant assistant;
    private final Personas personas;
    /** The lock of each conversation that has a question being answered or waiting; removed when none is. */
    private final ConcurrentHashMap<Long, TurnLock> turns = new ConcurrentHashMap<>();

    private static final class TurnLock {
        final ReentrantLock lock = new ReentrantLock(true);
        int holders; // guarded by the map's compute
    }

    public Conversations(ConversationStore store, Assistant assistant, Personas personas) {
        this.store = store;
        this.assistant = assistant;
        this.personas = personas;
    }

    /** A new, empty conversation. */
    public Conversation start(long accountId, Persona persona) {
        return store.create(accountId, persona.id());
    }

    public Page<Conversation> list(long accountId, PageRequest page) {
        return store.list(accountId, page);
    }

    /** The conversation when it exists and belongs to {@code accountId}; empty for anyone else's. */
    public Optional<Conversation> find(long accountId, long id) {
        return store.find(accountId, id);
    }

    /** The newest {@code limit} messages, oldest first. */
    public List<StoredMessage> messages(Conversation conversation, int limit) {
        return store.messages(conversation.id(), limit);
    }

    /** Deletes the account's conversation; false when there is none with that id. */
    public boolean delete(long accountId, long id) {
        return store.delete(accountId, id);
    }

    /** The persona a conversation answers in (the regular one when its persona is no longer offered). */
    public Persona persona(Conversation conversation) {
        return personas.find(conversation.persona()).orElse(Persona.REGULAR);
    }

    /**
     * A stored turn.
     *
     * @param question the user's message as stored
     * @param answer   the assistant's message as stored, with its citations
     * @param details  the assistant's answer (usage, finish reason, sources)
     * @param stored   false when the conversation was deleted while the answer was written (nothing was stored)
     */
    public record Reply(StoredMessage question, StoredMessage answer, Answer details, boolean stored) {
    }

    /**
     * Answers the question (its last user message is the new turn) after the conversation's stored history, streaming
     * the answer to {@code sink}, then stores both turns; the conversation takes the question's persona from then on.
     * A question sent while another is being answered in the same conversation waits for it, then sees its turn.
     *
     * @throws dev.colossus.assistant.backend.BackendException when the model fails (nothing is stored)
     */
    public Reply reply(Conversation conversation, Question question, TokenSink sink, Cancellation cancel) {
        long id = conversation.id();
        TurnLock turn = turns.compute(id, (k, t) -> {
            TurnLock held = t == null ? new TurnLock() : t;
            held.holders++;
            return held;
        });
        turn.lock.lock();
        try {
            return answerAndStore(conversation, question, sink, cancel);
        } finally {
            turn.lock.unlock();
            turns.computeIfPresent(id, (k, t) -> --t.holders == 0 ? null : t);
        }
    }

    private Reply answerAndStore(Conversation conversation, Question question, TokenSink sink, Cancellation cancel) {
        String text = question.lastUserText();
        List<ChatMessage> history = store.messages(conversation.id(), HISTORY_LIMIT).stream()
                .map(StoredMessage::chatMessage).toList();
        StoredMessage asked = store.newMessage("user", text, List.of());
        Answer answer = assistant.answer(new Question(question.persona(), List.of(ChatMessage.user(text)),
                question.search(), question.temperature(), question.topP(), question.maxTokens(), question.stop(),
                question.seed()).afterHistory(history), sink, cancel);
        StoredMessage answered = store.newMessage("assistant", answer.text(), answer.citations());
        boolean stored = store.append(conversation, question.persona().id(), title(text),
                new ConversationStore.Turn(asked, answered));
        return new Reply(asked, answered, answer, stored);
    }

    private static String title(String question) {
        String line = question.replaceAll("\\s+", " ").strip();
        return line.length() <= TITLE_CHARS ? line : line.substring(0, TITLE_CHARS - 1) + "…";
    }
}
