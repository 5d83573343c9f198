package dev.colossus.engine.tokenizer;

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
