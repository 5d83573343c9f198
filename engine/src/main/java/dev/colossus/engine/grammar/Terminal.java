package dev.colossus.engine.grammar;

import java.nio.charset.StandardCharsets;

/**
 * A rule that consumes bytes itself, keeping its progress in its own (immutable) value.
 */
non-sealed interface Terminal extends Node {

    /** The terminal after consuming {@code b} (0..255), or null when {@code b} cannot come next. */
    Terminal next(int b);

    /** Whether what was consumed so far is a complete match (the rule may end here). */
    boolean canEnd();

    /** A complete match that takes no further bytes. */
    Terminal DONE = new Terminal() {
        @Override
        public Terminal next(int b) {
            return null;
        }

        @Override
        public boolean canEnd() {
            return true;
        }

        @Override
        public String toString() {
            return "DONE";
        }
    };

    /** One byte out of a set. */
    record ByteSet(long b0, long b1, long b2, long b3) implements Terminal {
        static ByteSet of(String chars) {
            long[] w = new long[4];
            for (byte b : chars.getBytes(StandardCharsets.UTF_8)) w[(b & 0xff) >>> 6] |= 1L << (b & 63);
            return new ByteSet(w[0], w[1], w[2], w[3]);
        }

        static ByteSet range(char from, char to) {
            long[] w = new long[4];
            for (int c = from; c <= to; c++) w[c >>> 6] |= 1L << (c & 63);
            return new ByteSet(w[0], w[1], w[2], w[3]);
        }

        @Override
        public Terminal next(int b) {
            long word = switch (b >>> 6) {
                case 0 -> b0;
                case 1 -> b1;
                case 2 -> b2;
                default -> b3;
            };
            return (word >>> (b & 63) & 1) != 0 ? DONE : null;
        }

        @Override
        public boolean canEnd() {
            return false;
        }
    }

    /**
     * Any bytes, none included, in which {@code marker} does not occur (an empty marker: any bytes at all). A
     * Knuth-Morris-Pratt matcher: {@code matched} bytes of the marker end the text so far, {@code fallback[i]} is
     * the longest proper prefix of the marker's first {@code i + 1} bytes that is also their suffix.
     */
    record Text(byte[] marker, int[] fallback, int matched) implements Terminal {
        static Text without(String marker) {
            byte[] m = marker.getBytes(StandardCharsets.UTF_8);
            int[] fallback = new int[m.length];
            for (int i = 1, k = 0; i < m.length; i++) {
                while (k > 0 && m[i] != m[k]) k = fallback[k - 1];
                if (m[i] == m[k]) k++;
                fallback[i] = k;
            }
            return new Text(m, fallback, 0);
        }

        @Override
        public Terminal next(int b) {
            if (marker.length == 0) return this;
            int k = matched;
            while (k > 0 && (marker[k] & 0xff) != b) k = fallback[k - 1];
            if ((marker[k] & 0xff) == b) k++;
            if (k == marker.length) return null;
            return k == matched ? this : new Text(marker, fallback, k);
        }

        @Override
        public boolean canEnd() {
            return true;
        }
    }

    /** Exactly these bytes; {@code at} of them are matched. */
    record Literal(byte[] bytes, int at) implements Terminal {
        static Literal of(String text) {
            return new Literal(text.getBytes(StandardCharsets.UTF_8), 0);
        }

        @Override
        public Terminal next(int b) {
            if (at == bytes.length || (bytes[at] & 0xff) != b) return null;
            return at + 1 == bytes.length ? DONE : new Literal(bytes, at + 1);
        }

        @Override
        public boolean canEnd() {
            return bytes.length == 0;
        }
    }

    /**
     * A JSON string (with its quotes) of {@code min..max} characters (code points; an escape is one), in valid UTF-8.
     *
     * @param phase   0 before the opening quote, 1 in the content, 2 after a backslash, 3..6 in a {@code \\u} escape
     * @param count   characters so far
     * @param pending UTF-8 continuation bytes still expected
     */
    record JsonString(int min, int max, int phase, int count, int pending) implements Terminal {
        static JsonString of(int min, int max) {
            return new JsonString(min, max, 0, 0, 0);
        }

        @Override
        public Terminal next(int b) {
            switch (phase) {
                case 0:
                    return b == '"' ? new JsonString(min, max, 1, 0, 0) : null;
                case 1:
                    if (pending > 0) {
                        return b >= 0x80 && b <= 0xbf ? new JsonString(min, max, 1, count, pending - 1) : null;
                    }
                    if (b == '"') return count >= min ? DONE : null;
                    if (count == max || b < 0x20) return null;
                    if (b == '\\') return new JsonString(min, max, 2, count, 0);
                    if (b < 0x80) return new JsonString(min, max, 1, counted(), 0);
                    if (b >= 0xc2 && b <= 0xdf) return new JsonString(min, max, 1, counted(), 1);
                    if (b >= 0xe0 && b <= 0xef) return new JsonString(min, max, 1, counted(), 2);
                    if (b >= 0xf0 && b <= 0xf4) return new JsonString(min, max, 1, counted(), 3);
                    return null;
                case 2:
                    if (b == 'u') return new JsonString(min, max, 3, count, 0);
                    return "\"\\/bfnrt".indexOf(b) >= 0 ? new JsonString(min, max, 1, counted(), 0) : null;
                default:
                    boolean hex = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
                    if (!hex) return null;
                    return phase == 6 ? new JsonString(min, max, 1, counted(), 0)
                            : new JsonString(min, max, phase + 1, count, 0);
            }
        }

        /**
         * The count after one more character; without an upper bound it stops at the lower one, past which it no
         * longer matters, so states that accept the same continuations are equal.
         */
        private int counted() {
            return max == Integer.MAX_VALUE && count >= min ? count : count + 1;
        }

        @Override
        public boolean canEnd() {
            return false;
        }
    }

    /**
     * A JSON integer in {@code [min, max]} (at most 18 digits), written without leading zeros. Only prefixes that
     * some integer in the range starts with are accepted, so every byte accepted keeps the bounds reachable.
     */
    record IntRange(long min, long max, String prefix) implements Terminal {
        private static final int MAX_DIGITS = 18;

        static IntRange of(long min, long max) {
            return new IntRange(min, max, "");
        }

        @Override
        public Terminal next(int b) {
            boolean digit = b >= '0' && b <= '9';
            if (!(digit || (b == '-' && prefix.isEmpty()))) return null;
            if (prefix.equals("0") || prefix.equals("-0")) return null;
            String p = prefix + (char) b;
            if (p.equals("-0")) return null;
            if (p.length() - (p.startsWith("-") ? 1 : 0) > MAX_DIGITS) return null;
            return feasible(p) ? new IntRange(min, max, p) : null;
        }

        @Override
        public boolean canEnd() {
            if (prefix.isEmpty() || prefix.equals("-")) return false;
            long v = Long.parseLong(prefix);
            return v >= min && v <= max;
        }

        /** Whether some integer in range is written as {@code p} followed by zero or more digits. */
        private boolean feasible(String p) {
            if (p.equals("-")) return min < 0;
            boolean negative = p.startsWith("-");
            String digits = negative ? p.substring(1) : p;
            long v = Long.parseLong(digits);
            if (v == 0) return min <= 0 && max >= 0;
            long scale = 1;
            for (int k = 0; k <= MAX_DIGITS - digits.length(); k++, scale *= 10) {
                long low = v * scale, high = v * scale + scale - 1;
                long from = negative ? -high : low, to = negative ? -low : high;
                if (from <= max && to >= min) return true;
            }
            return false;
        }
    }
}
