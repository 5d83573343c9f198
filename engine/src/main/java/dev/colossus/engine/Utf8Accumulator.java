package dev.colossus.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a stream of token bytes into text, whole characters at a time: the bytes of a UTF-8 sequence split across
 * tokens are held back until the sequence is complete. Malformed bytes become U+FFFD.
 * <p>Not thread-safe.
 */
final class Utf8Accumulator {
    private byte[] pending = new byte[16];
    private int length;

    /** Adds bytes; returns the text of all complete characters so far not yet returned (may be empty). */
    String append(byte[] bytes) {
        if (length + bytes.length > pending.length) pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + bytes.length));
        System.arraycopy(bytes, 0, pending, length, bytes.length);
        length += bytes.length;
        int complete = completePrefix();
        String text = new String(pending, 0, complete, StandardCharsets.UTF_8);
        System.arraycopy(pending, complete, pending, 0, length - complete);
        length -= complete;
        return text;
    }

    /** Returns whatever is held back (an incomplete sequence, as U+FFFD) and empties the buffer. */
    String flush() {
        String text = new String(pending, 0, length, StandardCharsets.UTF_8);
        length = 0;
        return text;
    }

    /** Length of the longest prefix that does not end inside an incomplete (but so far valid) sequence. */
    private int completePrefix() {
        for (int back = 1; back <= Math.min(3, length); back++) {
            int b = pending[length - back] & 0xff;
            if ((b & 0xc0) == 0x80) continue; // continuation byte: look further back for the lead
            int needed = b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            return needed > back ? length - back : length;
        }
        return length;
    }
}
