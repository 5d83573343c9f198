package dev.colossus.engine.grammar;

import dev.colossus.engine.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * A vocabulary's tokens arranged by the bytes of their pieces, so a grammar state is advanced once per shared
 * prefix and a refused byte rejects every token below it at once. Tokens without bytes (control tokens) are left
 * out; end-of-generation tokens are listed apart.
 * <p>Immutable and thread-safe; built once per tokenizer ({@link #of}).
 */
public final class TokenTrie {
    private static final Map<Tokenizer, TokenTrie> CACHE = new WeakHashMap<>();

    /** Children by byte (sorted), and the tokens whose piece ends here. */
    private record TrieNode(byte[] keys, TrieNode[] children, int[] tokens) {
    }

    private final TrieNode root;
    private final byte[][] pieces;
    private final int[] endTokens;
    private final boolean[] end;
    private final int longestPiece;

    private TokenTrie(Tokenizer tokenizer) {
        int n = tokenizer.vocabularySize();
        pieces = new byte[n][];
        end = new boolean[n];
        List<Integer> ends = new ArrayList<>();
        Builder rootBuilder = new Builder();
        for (int t = 0; t < n; t++) {
            pieces[t] = tokenizer.piece(t, false);
            if (tokenizer.isEndOfGeneration(t)) {
                end[t] = true;
                ends.add(t);
                continue;
            }
            if (pieces[t].length == 0) continue;
            Builder b = rootBuilder;
            for (byte x : pieces[t]) b = b.children.computeIfAbsent(x & 0xff, k -> new Builder());
            b.tokens.add(t);
        }
        root = rootBuilder.build();
        longestPiece = java.util.Arrays.stream(pieces).mapToInt(p -> p.length).max().orElse(0);
        endTokens = ends.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The trie of {@code tokenizer}'s vocabulary, built on first use and kept while the tokenizer lives. */
    public static TokenTrie of(Tokenizer tokenizer) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(tokenizer, TokenTrie::new);
        }
    }

    /** The number of tokens in the vocabulary. */
    int size() {
        return pieces.length;
    }

    /** The length in bytes of the longest token piece. */
    int longestPiece() {
        return longestPiece;
    }

    /** The bytes of {@code token}'s piece (empty for control tokens). */
    byte[] piece(int token) {
        return pieces[token];
    }

    boolean isEnd(int token) {
        return token >= 0 && token < end.length && end[token];
    }

    /**
     * Every token the grammar can take in {@code state}: tokens whose bytes keep it alive, and the end-of-generation
     * tokens when it is accepting (in no particular order).
     */
    int[] allowed(GrammarState state) {
        IntList out = new IntList();
        if (state.accepting()) for (int t : endTokens) out.add(t);
        walk(root, state, out);
        return out.toArray();
    }

    private static void walk(TrieNode node, GrammarState state, IntList out) {
        for (int i = 0; i < node.keys.length; i++) {
            GrammarState next = state.advance(node.keys[i] & 0xff);
            if (next.dead()) continue;
            TrieNode child = node.children[i];
            for (int t : child.tokens) out.add(t);
            walk(child, next, out);
        }
    }

    /** A growable list of ints. */
    private static final class IntList {
        private int[] values = new int[64];
        private int size;

        void add(int v) {
            if (size == values.length) values = java.util.Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    private static final class Builder {
        final TreeMap<Integer, Builder> children = new TreeMap<>();
        final List<Integer> tokens = new ArrayList<>(1);

        TrieNode build() {
            byte[] keys = new byte[children.size()];
            TrieNode[] nodes = new TrieNode[children.size()];
            int i = 0;
            for (Map.Entry<Integer, Builder> e : children.entrySet()) {
                keys[i] = (byte) (int) e.getKey();
                nodes[i++] = e.getValue().build();
            }
            return new TrieNode(keys, nodes, tokens.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
