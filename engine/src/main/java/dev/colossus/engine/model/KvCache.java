package dev.colossus.engine.model;

import java.util.Arrays;

/**
 * One sequence's attention keys and values (float32), per layer laid out as {@code [position][kvDim]}. It grows in
 * chunks as positions are written, up to the model's context length, so a short conversation does not reserve the
 * whole context.
 * <p>Thread safety: not thread-safe; a cache belongs to one sequence, used by one forward pass at a time.
 */
public final class KvCache {
    private static final int CHUNK = 256;

    private final int kvDim;
    private final int maxPositions;
    final float[][] keys;
    final float[][] values;
    private int capacity;

    public KvCache(ModelConfig config) {
        this(config, config.contextLength());
    }

    /** A cache for at most {@code maxPositions} positions (at most the model's context length). */
    public KvCache(ModelConfig config, int maxPositions) {
        this.kvDim = config.kvDim();
        this.maxPositions = Math.min(maxPositions, config.contextLength());
        this.keys = new float[config.layers()][0];
        this.values = new float[config.layers()][0];
    }

    /** The bytes a cache holding {@code positions} positions takes (keys and values, float32). */
    public static long bytesFor(ModelConfig config, int positions) {
        return 2L * config.layers() * positions * config.kvDim() * Float.BYTES;
    }

    /** The number of positions this cache can hold. */
    public int maxPositions() {
        return maxPositions;
    }

    /** The bytes this cache holds now (it grows with the positions written). */
    public long bytes() {
        return 2L * keys.length * capacity * kvDim * Float.BYTES;
    }

    /**
     * Copies the keys and values of positions {@code [0, positions)} from another cache of the same model, so this
     * cache continues from there without computing them again.
     *
     * @throws IllegalArgumentException when the caches belong to differently shaped models or {@code positions} is
     *                                  beyond either cache
     */
    public void copyPrefix(KvCache from, int positions) {
        if (from.kvDim != kvDim || from.keys.length != keys.length) {
            throw new IllegalArgumentException("the caches belong to different models");
        }
        if (positions > from.capacity) throw new IllegalArgumentException("the source holds " + from.capacity
                + " positions, not " + positions);
        ensureCapacity(positions);
        int n = positions * kvDim;
        for (int l = 0; l < keys.length; l++) {
            System.arraycopy(from.keys[l], 0, keys[l], 0, n);
            System.arraycopy(from.values[l], 0, values[l], 0, n);
        }
    }

    /** Makes room for positions {@code [0, positions)}. */
    void ensureCapacity(int positions) {
        if (positions <= capacity) return;
        if (positions > maxPositions) {
            throw new IllegalArgumentException("position " + (positions - 1) + " is beyond the context length of "
                    + maxPositions + " tokens");
        }
        int grown = Math.min(maxPositions, Math.max(positions, Math.max(CHUNK, capacity * 2)));
        for (int l = 0; l < keys.length; l++) {
            keys[l] = Arrays.copyOf(keys[l], grown * kvDim);
            values[l] = Arrays.copyOf(values[l], grown * kvDim);
        }
        capacity = grown;
    }
}
