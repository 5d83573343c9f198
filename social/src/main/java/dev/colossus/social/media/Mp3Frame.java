package dev.colossus.social.media;

/**
 * One MPEG audio frame header (MPEG 1, 2 and 2.5, layers I to III), read from its four bytes.
 *
 * @param version    1 for MPEG 1, 2 for MPEG 2 and MPEG 2.5
 * @param layer      1, 2 or 3
 * @param bitrate    bits per second (0 for the "free" bitrate)
 * @param sampleRate samples per second
 * @param length     the frame's length in bytes, header included (0 for the free bitrate)
 * @param samples    samples per frame and channel
 * @param mono       single channel
 */
record Mp3Frame(int version, int layer, int bitrate, int sampleRate, int length, int samples, boolean mono) {

    private static final int[][] BITRATES = { // kbit/s by [version 1 layer 1..3, version 2 layer 1, version 2 layers 2..3][index]
            {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}};
    private static final int[] RATES = {44100, 48000, 32000};

    /** The frame header at {@code at}, or null when the bytes there are not one. */
    static Mp3Frame at(ByteReader r, long at) {
        if (at < 0 || at + 4 > r.length()) return null;
        int b1 = r.u8(at), b2 = r.u8(at + 1), b3 = r.u8(at + 2), b4 = r.u8(at + 3);
        if (b1 != 0xFF || (b2 & 0xE0) != 0xE0) return null;
        int versionBits = (b2 >> 3) & 3, layerBits = (b2 >> 1) & 3;
        int bitrateIndex = (b3 >> 4) & 15, rateIndex = (b3 >> 2) & 3;
        if (versionBits == 1 || layerBits == 0 || bitrateIndex == 15 || rateIndex == 3) return null;
        int layer = 4 - layerBits;
        boolean v1 = versionBits == 3;
        int table = v1 ? layer - 1 : layer == 1 ? 3 : 4;
        int bitrate = BITRATES[table][bitrateIndex] * 1000;
        int rate = RATES[rateIndex] >> (v1 ? 0 : versionBits == 2 ? 1 : 2);
        int padding = (b3 >> 1) & 1;
        int samples = layer == 1 ? 384 : layer == 2 || v1 ? 1152 : 576;
        int length = bitrate == 0 ? 0 : layer == 1 ? (12 * bitrate / rate + padding) * 4 : samples / 8 * bitrate / rate + padding;
        return new Mp3Frame(v1 ? 1 : 2, layer, bitrate, rate, length, samples, ((b4 >> 6) & 3) == 3);
    }

    /** Where the audio starts: after an ID3v2 tag (and its footer) when the file begins with one, else 0. */
    static long audioStart(ByteReader r) {
        if (!r.ascii(0, "ID3") || r.length() < 10) return 0;
        long size = ((long) (r.u8(6) & 0x7F) << 21) | ((r.u8(7) & 0x7F) << 14) | ((r.u8(8) & 0x7F) << 7) | (r.u8(9) & 0x7F);
        boolean footer = (r.u8(5) & 0x10) != 0;
        return 10 + size + (footer ? 10 : 0);
    }

    /** The first frame at or after {@code from} (within 64 KiB of it) that another frame follows, or null. */
    static Mp3Frame first(ByteReader r, long from, long[] foundAt) {
        long end = Math.min(r.length() - 4L, from + 65536);
        for (long at = from; at <= end; at++) {
            Mp3Frame f = at(r, at);
            if (f == null) continue;
            boolean followed = f.length == 0 || at + f.length + 4 > r.length() || at(r, at + f.length) != null;
            if (followed) {
                foundAt[0] = at;
                return f;
            }
        }
        return null;
    }
}
