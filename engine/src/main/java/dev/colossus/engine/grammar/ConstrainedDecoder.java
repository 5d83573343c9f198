package dev.colossus.engine.grammar;

import dev.colossus.engine.sample.Sampler;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Keeps one generation inside a {@link Grammar}. Each step it first samples as usual and keeps the token when the
 * grammar takes it (the common case costs one state advance per byte of that token); when it refuses it, the token is
 * drawn again among the other likely tokens of that draw that the grammar takes ({@link Sampler#redrawAmong}; greedy
 * decoding tries the next best few); only when that fails are the tokens it can take listed at once, found through
 * the {@link TokenTrie}, and the token drawn among them ({@link Sampler#sampleAmong}, in proportion to their
 * number). The lists of recent states are kept (up to a million ids, least recently used dropped first), as a grammar
 * keeps coming back to the same states (with repetition counts beyond a token's reach set aside:
 * {@link GrammarState#capped}).
 * End-of-generation tokens are allowed only where the grammar accepts.
 * <p>Not thread-safe: one per generation.
 */
public final class ConstrainedDecoder {
    /** Greedy decoding: refused best tokens before the allowed ones are listed. */
    private static final int GREEDY_RETRIES = 8;
    /** Token ids kept in the lists of recent states, at most (4 MB), however many states that is. */
    private static final int IDS_KEPT = 1 << 20;
    private final TokenTrie trie;
    private GrammarState state;
    /** The state after the last token {@link #takes} accepted, so {@link #accept} need not advance again. */
    private int checkedToken = -1;
    private GrammarState checkedState;
    /** Allowed tokens of recent states (a grammar revisits the same states: inside a string, between items...). */
    private final LinkedHashMap<GrammarState, int[]> masks = new LinkedHashMap<>(16, 0.75f, true);
    private int idsKept;

    public ConstrainedDecoder(Grammar grammar, TokenTrie trie) {
        this.trie = trie;
        this.state = grammar.start();
    }

    /**
     * The next token for the row of logits at {@code offset} (as long as the vocabulary), chosen by
     * {@code sampler} among the tokens the grammar can take; -1 when it can take none. The logits are modified
     * (penalised; a refused best token masked under greedy decoding).
     */
    public int choose(Sampler sampler, float[] logits, int offset) {
        int token = sampler.sample(logits, offset);
        if (takes(token)) return token;
        if (!sampler.greedy()) {
            int redrawn = sampler.redrawAmong(this::takes);
            if (redrawn >= 0) return redrawn;
        }
        GrammarState key = state.capped(trie.longestPiece() + 1);
        int[] allowed = masks.get(key);
        if (allowed == null) {
            for (int tries = 0; sampler.greedy() && tries < GREEDY_RETRIES; tries++) {
                logits[offset + token] = Float.NEGATIVE_INFINITY; // the next best, as greedy decoding would take
                token = sampler.resample(logits, offset);
                if (takes(token)) return token;
            }
            allowed = trie.allowed(state);
            keep(key, allowed);
        }
        return allowed.length == 0 ? -1 : sampler.sampleAmong(logits, offset, allowed);
    }

    /** Remembers a state's allowed tokens, forgetting the least recently used lists beyond {@link #IDS_KEPT} ids. */
    private void keep(GrammarState key, int[] allowed) {
        masks.put(key, allowed);
        idsKept += allowed.length;
        for (Iterator<int[]> eldest = masks.values().iterator(); idsKept > IDS_KEPT && masks.size() > 1; ) {
            idsKept -= eldest.next().length;
            eldest.remove();
        }
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
