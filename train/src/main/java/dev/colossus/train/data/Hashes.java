package dev.colossus.train.data;

/** SplitMix64's finaliser: a fixed, well-mixing function of 64 bits, the same on every machine and JVM. */
final class Hashes {
    private Hashes() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A hash of three values, each of which changes it everywhere. */
    static long of(long a, long b, long c) {
        return mix(mix(mix(a + 0x9E3779B97F4A7C15L) ^ b) + 0x632BE59BD9B4E019L ^ c);
    }
}
