package dev.colossus.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a stream of token pieces (bytes) into text, whole characters only: a UTF-8 sequence split across pieces is
 * held back until its last byte arrives. Bytes that can never form a character are replaced by U+FFFD as soon as that
 * is certain (one replacement per maximal invalid subsequence, as Java's UTF-8 decoder does).
 * <p>Thread safety: not thread-safe; use one per stream.
 */
public final class Utf8Accumulator {

    private byte[] pending = new byte[0];

    /**
     * Adds {@code bytes} and returns the text of every character completed so far that was not returned before
     * (possibly empty).
     */
    public String accept(byte[] bytes) {
        byte[] all = pending.length == 0 ? bytes : concat(pending, bytes);
        int cut = completeLength(all);
        pending = Arrays.copyOfRange(all, cut, all.length);
        return new String(all, 0, cut, StandardCharsets.UTF_8);
    }

    /** Ends the stream: returns what is held back (an incomplete sequence becomes U+FFFD) and resets. */
    public String flush() {
        String rest = new String(pending, StandardCharsets.UTF_8);
        pending = new byte[0];
        return rest;
    }

    /** Whether bytes of an incomplete character are being held back. */
    public boolean hasPending() {
        return pending.length > 0;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Length of the prefix that can be decoded now: all but a trailing, still completable UTF-8 sequence. */
    private static int completeLength(byte[] b) {
        int end = b.length;
        for (int start = end - 1; start >= 0 && start >= end - 3; start--) {
            int lead = b[start] & 0xFF;
            if (lead < 0x80 || lead >= 0xC0) {
                int needed = sequenceLength(lead);
                return needed > end - start && isCompletablePrefix(b, start, end) ? start : end;
            }
        }
        return end;
    }

    private static int sequenceLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) return 2;
        if (lead >= 0xE0 && lead <= 0xEF) return 3;
        if (lead >= 0xF0 && lead <= 0xF4) return 4;
        return 1; // ASCII, or a byte that never starts a character
    }

    /** The bytes after the lead are valid continuations (with UTF-8's narrower second-byte ranges). */
    private static boolean isCompletablePrefix(byte[] b, int start, int end) {
        int lead = b[start] & 0xFF;
        for (int i = start + 1; i < end; i++) {
            int c = b[i] & 0xFF;
            int low = 0x80;
            int high = 0xBF;
            if (i == start + 1) {
                if (lead == 0xE0) low = 0xA0;
                if (lead == 0xED) high = 0x9F;
                if (lead == 0xF0) low = 0x90;
                if (lead == 0xF4) high = 0x8F;
            }
            if (c < low || c > high) return false;
        }
        return true;
    }
}
