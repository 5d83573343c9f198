package dev.colossus.social.importer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A set of ids kept as 64-bit digests in an open-addressing table: about 16 bytes per id however long the ids are,
 * so a file of millions of posts fits. Two different ids share a digest with negligible probability (2^-64 per pair).
 * Not thread safe.
 */
final class SeenIds {

    private long[] slots = new long[1 << 16];
    private int size;
    private boolean hasZero;
    private final MessageDigest sha;

    SeenIds() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** Adds the id; false when it was already there. */
    boolean add(String id) {
        byte[] d = sha.digest(id.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) h = (h << 8) | (d[i] & 0xFF);
        if (h == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if (size * 2 >= slots.length) grow();
        if (!insert(slots, h)) return false;
        size++;
        return true;
    }

    private static boolean insert(long[] table, long h) {
        int mask = table.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (table[i] == h) return false;
            if (table[i] == 0) {
                table[i] = h;
                return true;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long h : slots) if (h != 0) insert(bigger, h);
        slots = bigger;
    }
}
