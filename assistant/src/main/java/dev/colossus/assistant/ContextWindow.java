package dev.colossus.assistant;

import dev.colossus.assistant.backend.BackendException;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.grounding.GroundedPrompt;
import dev.colossus.assistant.grounding.Grounding;
import dev.colossus.assistant.grounding.SourcePost;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Fits a grounded conversation into a model's context window, so that a long conversation never fails for length.
 *
 * <p>The answer gets the tokens it asks for, but at most half the window; the prompt gets the rest (and at most the
 * prompt limit). When the prompt is longer, in this order: the oldest turns go (a user message with the answers
 * after it, never a client's system message), replaced by a short note in the system prompt that recalls the last
 * questions left out; then the note; then the least relevant sources; then the end of the last user message; and
 * finally the end of the system prompt. Token counts are the backend's own ({@link ChatBackend#countTokens(List)}),
 * exact for a local model.
 */
final class ContextWindow {

    /** Questions recalled by the note about left-out turns, and how long each may be. */
    private static final int RECALLED_QUESTIONS = 3;
    private static final int RECALLED_CHARS = 100;
    /** About what a template spends on one message's role markers, for estimates. */
    private static final int MESSAGE_MARKERS = 4;

    /**
     * What is to be fitted.
     *
     * @param systemPrompt the persona's system prompt
     * @param conversation the conversation, ending with the user's question
     * @param grounding    the posts found, most relevant first, and the trends to tell
     * @param announceNone tell the model that a search found nothing
     * @param now          the current time
     */
    record Parts(String systemPrompt, List<ChatMessage> conversation, Grounding grounding, boolean announceNone,
                 Instant now) {
    }

    /**
     * A prompt that fits.
     *
     * @param messages     what to send to the model
     * @param sources      the sources it still holds, numbered as in the prompt
     * @param droppedTurns how many of the oldest turns were left out
     * @param promptTokens the prompt's length as the backend counts it
     * @param maxTokens    the most tokens the answer may take without overflowing the window
     */
    record Fit(List<ChatMessage> messages, List<SourcePost> sources, int droppedTurns, int promptTokens,
               int maxTokens) {
    }

    private final ChatBackend backend;
    private final Parts parts;
    private final int budget;
    private final int lastUser;
    /** Per message before the last user message: its turn number, or -1 for a kept system message. */
    private final int[] turnOf;
    private final int turns;

    private ContextWindow(ChatBackend backend, Parts parts, int budget) {
        this.backend = backend;
        this.parts = parts;
        this.budget = budget;
        List<ChatMessage> conversation = parts.conversation();
        int last = -1;
        for (int i = 0; i < conversation.size(); i++) {
            if (conversation.get(i).role().equals("user")) last = i;
        }
        this.lastUser = last;
        this.turnOf = new int[Math.max(0, last)];
        int turn = -1;
        for (int i = 0; i < turnOf.length; i++) {
            ChatMessage m = conversation.get(i);
            if (m.role().equals("system")) {
                turnOf[i] = -1;
                continue;
            }
            if (m.role().equals("user") || turn < 0) turn++;
            turnOf[i] = turn;
        }
        this.turns = turn + 1;
    }

    /**
     * Fits {@code parts} into the backend's window.
     *
     * @param maxPromptTokens the prompt limit, whatever the window
     * @param maxTokens       the tokens the answer asks for
     * @throws BackendException only when not even an empty system prompt and question fit (a window of a few tokens)
     */
    static Fit fit(ChatBackend backend, Parts parts, int maxPromptTokens, int maxTokens) {
        int context = backend.contextLength();
        int answer = Math.max(1, Math.min(maxTokens, context / 2));
        int budget = Math.min(maxPromptTokens, context - answer);
        Fit fit = new ContextWindow(backend, parts, budget).fit();
        return new Fit(fit.messages(), fit.sources(), fit.droppedTurns(), fit.promptTokens(),
                Math.max(1, Math.min(maxTokens, context - fit.promptTokens())));
    }

    private Fit fit() {
        List<SourcePost> sources = parts.grounding().posts();
        int whole = tokens(0, true, sources, -1, -1);
        if (whole <= budget) return fit(0, true, sources, -1, -1, whole);
        // The fewest oldest turns to leave out: estimated from each turn's own size (one pass over the text), then
        // corrected with exact counts of the whole prompt, up while it is too long, down while one turn fewer fits.
        int dropped = estimatedTurnsCovering(whole - budget);
        int tokens = tokens(dropped, true, sources, -1, -1);
        while (tokens > budget && dropped < turns) tokens = tokens(++dropped, true, sources, -1, -1);
        if (tokens <= budget) {
            while (dropped > 0) {
                int fewer = tokens(dropped - 1, true, sources, -1, -1);
                if (fewer > budget) break;
                dropped--;
                tokens = fewer;
            }
            return fit(dropped, true, sources, -1, -1, tokens);
        }
        if (tokens(turns, false, sources, -1, -1) <= budget) return fit(turns, false, sources, -1, -1);
        // The most relevant sources that fit.
        int keep = largest(0, sources.size(), n -> tokens(turns, false, sources.subList(0, n), -1, -1) <= budget);
        List<SourcePost> kept = sources.subList(0, Math.max(keep, 0));
        if (keep >= 0) return fit(turns, false, kept, -1, -1);
        // Still too long: shorten the question, then the system prompt.
        String question = parts.conversation().get(lastUser).content();
        int questionChars = largest(0, question.length(), n -> tokens(turns, false, kept, n, -1) <= budget);
        if (questionChars >= 0) return fit(turns, false, kept, questionChars, -1);
        int systemChars = largest(0, parts.systemPrompt().length(), n -> tokens(turns, false, kept, 0, n) <= budget);
        if (systemChars >= 0) return fit(turns, false, kept, 0, systemChars);
        throw new BackendException(BackendException.Kind.BAD_REQUEST, "model " + backend.modelId()
                + " has a context window too small for any prompt (" + budget + " tokens left for it)");
    }

    /** How many of the oldest turns must go to save {@code excess} tokens, by the sizes of their texts. */
    private int estimatedTurnsCovering(int excess) {
        int[] size = new int[turns];
        for (int i = 0; i < turnOf.length; i++) {
            if (turnOf[i] < 0) continue;
            size[turnOf[i]] += backend.countTokens(parts.conversation().get(i).content()) + MESSAGE_MARKERS;
        }
        int saved = 0;
        for (int t = 0; t < turns; t++) {
            saved += size[t];
            if (saved >= excess) return t + 1;
        }
        return turns;
    }

    /** The largest n in [from, to] for which the test holds (assumed monotone), or -1 when none. */
    private static int largest(int from, int to, IntPredicate test) {
        int lo = from - 1, hi = to;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (test.test(mid)) lo = mid;
            else hi = mid - 1;
        }
        return lo < from ? -1 : lo;
    }

    private int tokens(int dropped, boolean note, List<SourcePost> sources, int questionChars, int systemChars) {
        return backend.countTokens(messages(dropped, note, sources, questionChars, systemChars));
    }

    private Fit fit(int dropped, boolean note, List<SourcePost> sources, int questionChars, int systemChars) {
        return fit(dropped, note, sources, questionChars, systemChars,
                tokens(dropped, note, sources, questionChars, systemChars));
    }

    private Fit fit(int dropped, boolean note, List<SourcePost> sources, int questionChars, int systemChars,
                    int tokens) {
        return new Fit(messages(dropped, note, sources, questionChars, systemChars), List.copyOf(sources), dropped,
                tokens, 0);
    }

    /**
     * The prompt with the {@code dropped} oldest turns left out, with or without the note about them, and the last
     * question and system prompt cut to the given number of characters (-1: whole).
     */
    private List<ChatMessage> messages(int dropped, boolean note, List<SourcePost> sources, int questionChars,
                                       int systemChars) {
        List<ChatMessage> conversation = parts.conversation();
        List<ChatMessage> kept = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (int i = 0; i < conversation.size(); i++) {
            ChatMessage m = conversation.get(i);
            if (i < lastUser && turnOf[i] >= 0 && turnOf[i] < dropped) {
                if (m.role().equals("user")) leftOut.add(m.content());
            } else if (i == lastUser && questionChars >= 0) {
                kept.add(ChatMessage.user(cut(m.content(), questionChars)));
            } else {
                kept.add(m);
            }
        }
        String system = systemChars >= 0 ? cut(parts.systemPrompt(), systemChars) : parts.systemPrompt();
        if (note && !leftOut.isEmpty()) system += note(leftOut);
        return GroundedPrompt.build(system, kept, parts.grounding().withPosts(sources), parts.announceNone(), parts.now());
    }

    /** Tells the model that earlier turns are missing and what the last of them asked. */
    private static String note(List<String> leftOut) {
        StringBuilder note = new StringBuilder("\n\nEarlier turns of this conversation were left out to fit the "
                + "context window. The last questions left out were: ");
        List<String> recalled = leftOut.subList(Math.max(0, leftOut.size() - RECALLED_QUESTIONS), leftOut.size());
        for (int i = 0; i < recalled.size(); i++) {
            if (i > 0) note.append("; ");
            note.append('"').append(cut(recalled.get(i).replaceAll("\\s+", " ").strip(), RECALLED_CHARS)).append('"');
        }
        return note.append('.').toString();
    }

    /** The first {@code chars} characters, marked with an ellipsis when anything was cut. */
    private static String cut(String text, int chars) {
        if (text.length() <= chars) return text;
        if (chars == 0) return "";
        int end = Character.isLowSurrogate(text.charAt(chars)) ? chars - 1 : chars;
        return text.substring(0, end) + "…";
    }
}
