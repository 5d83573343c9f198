package dev.colossus.train.tokenizer;

/**
 * GPT-2's byte-to-unicode table: every byte maps to one printable character (printable Latin-1 bytes to themselves,
 * the other 68 to U+0100 and up, in byte order). Byte-level BPE tokens are strings of these characters, which is
 * how {@code tokenizer.ggml.tokens} stores them for {@code tokenizer.ggml.model = gpt2}.
 */
final class ByteAlphabet {
    private static final char[] BYTE_TO_CHAR = new char[256];

    static {
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_TO_CHAR[b] = (char) (printable ? b : next++);
        }
    }

    private ByteAlphabet() {
    }

    /** The character that stands for byte {@code b} (0..255). */
    static char of(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }
}
