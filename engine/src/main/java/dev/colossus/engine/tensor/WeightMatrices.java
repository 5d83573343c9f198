package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufTensor;

import java.lang.foreign.Arena;
import java.util.EnumSet;
import java.util.Set;

/** Builds the {@link WeightMatrix} for a GGUF tensor's storage type. */
public final class WeightMatrices {
    private static final Set<GgmlType> SUPPORTED = EnumSet.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0,
            GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K);

    private WeightMatrices() {
    }

    /** The types {@link #of} accepts. */
    public static Set<GgmlType> supportedTypes() {
        return Set.copyOf(SUPPORTED);
    }

    /**
     * {@link #of(GgufTensor, Arena)} with repacked weights freed by the garbage collector once the matrix is
     * unreachable.
     */
    public static WeightMatrix of(GgufTensor tensor) {
        return of(tensor, Arena.ofAuto());
    }

    /**
     * A matrix of the tensor's {@code ne[1]} rows of {@code ne[0]} elements (a 1-D tensor is one row). F32, F16
     * and BF16 are read in place from the tensor's data; the quantized types are repacked into memory of
     * {@code arena} (Q4_0, Q8_0 and Q4_K about as many bytes as the tensor's, Q6_K a third more), which must stay open while the matrix is used and must allow access from every thread that
     * multiplies with it.
     *
     * @throws UnsupportedTensorTypeException when the tensor's type has no kernel (the message lists the supported ones)
     * @throws IllegalArgumentException       when the tensor has more than two non-trivial dimensions
     */
    public static WeightMatrix of(GgufTensor tensor, Arena arena) {
        if (tensor.dim(2) != 1 || tensor.dim(3) != 1) {
            throw new IllegalArgumentException("tensor " + tensor.name() + " is not a matrix (ne = "
                    + java.util.Arrays.toString(tensor.ne()) + ")");
        }
        int cols = Math.toIntExact(tensor.dim(0));
        int rows = Math.toIntExact(tensor.dim(1));
        return switch (tensor.type()) {
            case F32 -> new F32Matrix(tensor.data(), rows, cols);
            case F16, BF16 -> new HalfMatrix(tensor.type(), tensor.data(), rows, cols);
            case Q8_0 -> new Q8_0Matrix(tensor.data(), rows, cols, arena);
            case Q4_0 -> new Q4_0Matrix(tensor.data(), rows, cols, arena);
            case Q4_K -> new Q4_KMatrix(tensor.data(), rows, cols, arena);
            case Q6_K -> new Q6_KMatrix(tensor.data(), rows, cols, arena);
            default -> throw new UnsupportedTensorTypeException("tensor " + tensor.name() + " has type "
                    + tensor.type() + ", which is not supported (supported: " + supportedNames() + ")");
        };
    }

    private static String supportedNames() {
        return String.join(", ", SUPPORTED.stream().map(Enum::name).sorted().toList());
    }
}
