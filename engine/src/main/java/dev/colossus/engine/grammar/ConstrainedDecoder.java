package dev.colossus.engine.grammar;

import dev.colossus.engine.sample.Sampler;

import java.util.Arrays;

/**
 * Keeps one generation inside a {@link Grammar}. Each step it first samples as usual and keeps the token when the
 * grammar takes it (the common case costs one state advance per byte of that token); a refused token is removed and
 * the draw repeated (for a few tries), after which every token the grammar cannot take is masked at once, found
 * through the {@link TokenTrie}, and the token drawn among the rest.
 * End-of-generation tokens are allowed only where the grammar accepts.
 * <p>Not thread-safe: one per generation.
 */
public final class ConstrainedDecoder {
    /** Refused draws before the whole vocabulary is masked at once. */
    private static final int RETRIES = 8;
    private final TokenTrie trie;
    private GrammarState state;
    private float[] scratch = new float[0];
    private boolean[] allowed = new boolean[0];

    public ConstrainedDecoder(Grammar grammar, TokenTrie trie) {
        this.trie = trie;
        this.state = grammar.start();
    }

    /**
     * The next token for {@code logits[offset .. offset + vocab)} (left unchanged), chosen by {@code sampler} among
     * the tokens the grammar can take; -1 when it can take none.
     */
    public int choose(Sampler sampler, float[] logits, int offset, int vocab) {
        if (scratch.length != vocab) {
            scratch = new float[vocab];
            allowed = new boolean[vocab];
        }
        System.arraycopy(logits, offset, scratch, 0, vocab);
        int token = sampler.sample(scratch, 0);
        for (int tries = 0; tries < RETRIES; tries++) {
            if (takes(token)) return token;
            scratch[token] = Float.NEGATIVE_INFINITY; // drawing again without it = drawing among the rest
            token = sampler.resample(scratch, 0);
        }
        if (takes(token)) return token;
        Arrays.fill(allowed, false);
        if (trie.allowed(state, allowed) == 0) return -1;
        for (int i = 0; i < vocab; i++) if (!allowed[i]) scratch[i] = Float.NEGATIVE_INFINITY;
        token = sampler.resample(scratch, 0);
        return allowed[token] ? token : -1;
    }

    /** Whether the grammar can take {@code token} now. */
    public boolean takes(int token) {
        if (trie.isEnd(token)) return state.accepting();
        if (token < 0 || token >= trie.size()) return false;
        byte[] piece = trie.piece(token);
        return piece.length > 0 && !state.advance(piece).dead();
    }

    /** Moves past a chosen token (not an end-of-generation one). */
    public void accept(int token) {
        state = state.advance(trie.piece(token));
    }

    /** Whether the output so far is complete and the grammar allows nothing more. */
    public boolean complete() {
        return state.complete();
    }
}
