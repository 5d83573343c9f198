package dev.colossus.engine.gguf;

import java.lang.foreign.MemorySegment;

/**
 * One tensor of a GGUF file: its name, GGML dimensions ({@code ne[0]} is the contiguous one), type, and a slice of
 * the memory-mapped file holding its data (valid while the {@link GgufFile} is open).
 */
public record GgufTensor(String name, long[] ne, GgmlType type, long offset, MemorySegment data) {

    /** Total element count (product of dimensions). */
    public long elements() {
        long n = 1;
        for (long d : ne) n *= d;
        return n;
    }

    /** Size of dimension {@code i}, or 1 when the tensor has fewer dimensions. */
    public long dim(int i) {
        return i < ne.length ? ne[i] : 1;
    }
}
