package dev.colossus.engine.grammar;

import dev.colossus.engine.sample.Sampler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps one generation inside a {@link Grammar}. Each step it first samples as usual and keeps the token when the
 * grammar takes it (the common case costs one state advance per byte of that token); a refused token is removed and
 * the draw repeated (for a few tries), after which every token the grammar cannot take is masked at once, found
 * through the {@link TokenTrie}, and the token drawn among the rest. Masks of the last 32 states are kept, as a
 * grammar keeps coming back to the same states.
 * End-of-generation tokens are allowed only where the grammar accepts.
 * <p>Not thread-safe: one per generation.
 */
public final class ConstrainedDecoder {
    /** Refused draws before the whole vocabulary is masked at once. */
    private static final int RETRIES = 8;
    private static final int MASKS_KEPT = 32;
    private final TokenTrie trie;
    private GrammarState state;
    /** The state after the last token {@link #takes} accepted, so {@link #accept} need not advance again. */
    private int checkedToken = -1;
    private GrammarState checkedState;
    /** Masks of recent states (a grammar revisits the same states: inside a string, between items...). */
    private final Map<GrammarState, boolean[]> masks = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<GrammarState, boolean[]> eldest) {
            return size() > MASKS_KEPT;
        }
    };

    public ConstrainedDecoder(Grammar grammar, TokenTrie trie) {
        this.trie = trie;
        this.state = grammar.start();
    }

    /**
     * The next token for {@code logits[offset .. offset + vocab)}, chosen by {@code sampler} among the tokens the
     * grammar can take; -1 when it can take none. The logits are modified (penalised, refused tokens masked).
     */
    public int choose(Sampler sampler, float[] logits, int offset, int vocab) {
        int token = sampler.sample(logits, offset);
        if (takes(token)) return token;
        boolean[] mask = masks.get(state);
        if (mask == null) {
            for (int tries = 0; tries < RETRIES; tries++) {
                logits[offset + token] = Float.NEGATIVE_INFINITY; // drawing again without it = drawing among the rest
                token = sampler.resample(logits, offset);
                if (takes(token)) return token;
            }
            mask = new boolean[vocab];
            if (trie.allowed(state, mask) == 0) return -1;
            masks.put(state, mask);
        }
        for (int i = 0; i < vocab; i++) if (!mask[i]) logits[offset + i] = Float.NEGATIVE_INFINITY;
        token = sampler.resample(logits, offset);
        return mask[token] ? token : -1;
    }

    /** Whether the grammar can take {@code token} now. */
    public boolean takes(int token) {
        if (trie.isEnd(token)) return state.accepting();
        if (token < 0 || token >= trie.size()) return false;
        byte[] piece = trie.piece(token);
        if (piece.length == 0) return false;
        GrammarState next = state.advance(piece);
        if (next.dead()) return false;
        checkedToken = token;
        checkedState = next;
        return true;
    }

    /** Moves past a chosen token (not an end-of-generation one). */
    public void accept(int token) {
        state = token == checkedToken && checkedState != null ? checkedState : state.advance(trie.piece(token));
        checkedState = null;
    }

    /** Whether the output so far is complete and the grammar allows nothing more. */
    public boolean complete() {
        return state.complete();
    }
}
