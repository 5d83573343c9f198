package dev.colossus.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * What SentencePiece and byte-level BPE tokenizers share, as in llama.cpp's {@code llama_tokenize}: the input is
 * first split on special-token texts, each remaining text fragment is tokenized by the subclass, and BOS/EOS are added
 * as the vocabulary says. Pieces are rendered once, at construction.
 * <p>Thread safety: immutable; safe for concurrent use.
 */
public abstract sealed class GgufTokenizer implements Tokenizer permits SentencePieceTokenizer, BytePairTokenizer {

    private static final byte[] EMPTY = new byte[0];

    final Vocabulary vocabulary;
    /** Each token's piece with special tokens rendered ({@code special = true}). */
    private final byte[][] pieces;

    GgufTokenizer(Vocabulary vocabulary) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.pieces = new byte[vocabulary.size()][];
        for (int id = 0; id < pieces.length; id++) pieces[id] = render(id);
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * {@inheritDoc}
     * <p>A lone surrogate in {@code text} (which has no UTF-8 form) is read as U+FFFD.
     */
    @Override
    public final int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        Objects.requireNonNull(text, "text");
        return encode(vocabulary.partition(CodePoints.sanitize(text), parseSpecial), text.length(), addSpecial);
    }

    /**
     * {@inheritDoc}
     * <p>A lone surrogate in {@code text} (which has no UTF-8 form) is read as U+FFFD.
     */
    @Override
    public final int[] encode(String text, boolean addSpecial, BitSet plainText) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(plainText, "plainText");
        return encode(vocabulary.partition(CodePoints.sanitize(text), true, plainText), text.length(), addSpecial);
    }

    private int[] encode(List<Vocabulary.Fragment> fragments, int length, boolean addSpecial) {
        IntList out = new IntList(length / 3 + 4);
        if (addSpecial && vocabulary.addBos()) out.add(vocabulary.bos());
        boolean atBoundary = true;
        for (Vocabulary.Fragment fragment : fragments) {
            if (fragment.isToken()) {
                out.add(fragment.token());
                atBoundary = true;
            } else {
                encodeText(fragment.text(), atBoundary, out);
                atBoundary = false;
            }
        }
        if (addSpecial && vocabulary.addEos()) out.add(vocabulary.eos());
        return out.toArray();
    }

    /**
     * Tokenizes one fragment of plain text.
     *
     * @param atBoundary the fragment starts the input or follows a special token
     */
    abstract void encodeText(String text, boolean atBoundary, IntList out);

    /** The bytes of a normal token's text (SentencePiece: U+2581 as space; byte-level: the mapped bytes). */
    abstract byte[] normalPiece(String text);

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code token} is not in the vocabulary
     */
    @Override
    public final byte[] piece(int token, boolean special) {
        if (token < 0 || token >= pieces.length) {
            throw new IllegalArgumentException("token " + token + " is outside the vocabulary of " + pieces.length);
        }
        if (!special && vocabulary.hasAttribute(token, TokenAttributes.CONTROL | TokenAttributes.UNKNOWN)) {
            return EMPTY;
        }
        return pieces[token].clone();
    }

    private byte[] render(int id) {
        String text = vocabulary.text(id);
        if (vocabulary.hasAttribute(id,
                TokenAttributes.CONTROL | TokenAttributes.UNKNOWN | TokenAttributes.USER_DEFINED)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (vocabulary.hasAttribute(id, TokenAttributes.NORMAL)) return normalPiece(text);
        if (vocabulary.hasAttribute(id, TokenAttributes.BYTE)) return new byte[] {(byte) byteOf(text)};
        return EMPTY;
    }

    /** The byte of a {@code <0xNN>} token, read like C's strtol (as many hex digits as there are; 0 if none). */
    static int byteOf(String text) {
        int value = 0;
        for (int i = 3; i < Math.min(5, text.length()); i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) break;
            value = value * 16 + digit;
        }
        return value;
    }

    @Override
    public int vocabularySize() {
        return vocabulary.size();
    }

    @Override
    public int bos() {
        return vocabulary.bos();
    }

    @Override
    public int eos() {
        return vocabulary.eos();
    }

    @Override
    public boolean isEndOfGeneration(int token) {
        return vocabulary.isEndOfGeneration(token);
    }
}
