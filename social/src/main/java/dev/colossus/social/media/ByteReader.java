package dev.colossus.social.media;

import dev.colossus.social.SocialException;

/**
 * Bounds-checked reads of numbers from a file's bytes, big- or little-endian. Reading past the end throws
 * {@link SocialException.Invalid} (a truncated or damaged file), never an index error. Not thread-safe (it has none
 * of its own state but the array, which must not change).
 */
final class ByteReader {

    private final byte[] b;

    ByteReader(byte[] bytes) {
        this.b = bytes;
    }

    int length() {
        return b.length;
    }

    static SocialException.Invalid damaged() {
        return SocialException.invalid("file", "The file is truncated or damaged");
    }

    private void need(long at, int n) {
        if (at < 0 || at + n > b.length) throw damaged();
    }

    int u8(long at) {
        need(at, 1);
        return b[(int) at] & 0xFF;
    }

    int u16be(long at) {
        need(at, 2);
        return (u8(at) << 8) | u8(at + 1);
    }

    int u16le(long at) {
        need(at, 2);
        return u8(at) | (u8(at + 1) << 8);
    }

    int u24le(long at) {
        need(at, 3);
        return u8(at) | (u8(at + 1) << 8) | (u8(at + 2) << 16);
    }

    long u32be(long at) {
        need(at, 4);
        return ((long) u16be(at) << 16) | u16be(at + 2);
    }

    long u32le(long at) {
        need(at, 4);
        return u16le(at) | ((long) u16le(at + 2) << 16);
    }

    long u64be(long at) {
        need(at, 8);
        return (u32be(at) << 32) | u32be(at + 4);
    }

    long u64le(long at) {
        need(at, 8);
        return u32le(at) | (u32le(at + 4) << 32);
    }

    /** Whether the bytes at {@code at} are the ASCII text {@code s} (false when past the end). */
    boolean ascii(long at, String s) {
        if (at < 0 || at + s.length() > b.length) return false;
        for (int i = 0; i < s.length(); i++) if (b[(int) at + i] != (byte) s.charAt(i)) return false;
        return true;
    }
}
