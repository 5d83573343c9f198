package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufTensor;

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
     * A matrix over the tensor's data (not copied): {@code ne[1]} rows of {@code ne[0]} elements; a 1-D tensor is one
     * row.
     *
     * @throws UnsupportedTensorTypeException when the tensor's type has no kernel (the message lists the supported ones)
     * @throws IllegalArgumentException       when the tensor has more than two non-trivial dimensions
     */
    public static WeightMatrix of(GgufTensor tensor) {
        if (tensor.dim(2) != 1 || tensor.dim(3) != 1) {
            throw new IllegalArgumentException("tensor " + tensor.name() + " is not a matrix (ne = "
                    + java.util.Arrays.toString(tensor.ne()) + ")");
        }
        int cols = Math.toIntExact(tensor.dim(0));
        int rows = Math.toIntExact(tensor.dim(1));
        return switch (tensor.type()) {
            case F32 -> new F32Matrix(tensor.data(), rows, cols);
            case F16, BF16 -> new HalfMatrix(tensor.type(), tensor.data(), rows, cols);
            case Q8_0 -> new Q8_0Matrix(tensor.data(), rows, cols);
            case Q4_0 -> new QuantizedActivations(new Q4_0Matrix(tensor.data(), rows, cols));
            case Q4_K -> new QuantizedActivations(new Q4_KMatrix(tensor.data(), rows, cols));
            case Q6_K -> new QuantizedActivations(new Q6_KMatrix(tensor.data(), rows, cols));
            default -> throw new UnsupportedTensorTypeException("tensor " + tensor.name() + " has type "
                    + tensor.type() + ", which is not supported (supported: " + supportedNames() + ")");
        };
    }

    private static String supportedNames() {
        return String.join(", ", SUPPORTED.stream().map(Enum::name).sorted().toList());
    }
}
