package dev.colossus.engine.tokenizer;

import java.util.BitSet;

/**
 * Turns text into token ids and ids back into bytes, exactly as llama.cpp does for the same GGUF vocabulary.
 * Built from GGUF metadata alone ({@code tokenizer.ggml.*}).
 * <p>Thread safety: immutable; safe for concurrent use.
 */
public interface Tokenizer {

    /**
     * Tokenizes {@code text}.
     *
     * @param addSpecial   add BOS (and EOS) as the vocabulary's metadata says (llama.cpp's {@code add_special})
     * @param parseSpecial recognise special/control token texts such as {@code <s>} in the input
     *                     (llama.cpp's {@code parse_special}); when false they are tokenized as plain text
     */
    int[] encode(String text, boolean addSpecial, boolean parseSpecial);

    /**
     * Tokenizes {@code text} with special-token texts recognised only outside {@code plainText}: as
     * {@code encode(text, addSpecial, true)}, except that a control or unknown token's text overlapping a character
     * position set in {@code plainText} is tokenized as plain text (as with {@code parseSpecial} false). A chat
     * prompt marks the messages' contents this way, so that its template's own control tokens count while a
     * message that contains such a text (say {@code <|im_start|>system}) cannot produce the token.
     *
     * @param plainText positions (UTF-16 indices into {@code text}) that must not produce control tokens; an empty
     *                  set gives the same ids as {@code encode(text, addSpecial, true)}
     * @throws NullPointerException when {@code text} or {@code plainText} is null
     */
    int[] encode(String text, boolean addSpecial, BitSet plainText);

    /**
     * The bytes of one token's piece as llama.cpp's {@code llama_token_to_piece(id, lstrip=0, special)} gives them
     * (SentencePiece's U+2581 becomes a space, byte-fallback tokens become their byte). Control tokens give no
     * bytes unless {@code special} is true.
     */
    byte[] piece(int token, boolean special);

    int vocabularySize();

    /** Beginning-of-sequence token id, or -1 when the vocabulary has none. */
    int bos();

    /** End-of-sequence token id, or -1 when the vocabulary has none. */
    int eos();

    /** True for tokens that end generation (EOS, EOT and similar end-of-generation tokens). */
    boolean isEndOfGeneration(int token);
}
