package dev.colossus.engine.gguf;

/**
 * One metadata value with its GGUF type, so that it can be written back unchanged.
 * <p>Java representation by type: UINT8/INT8 {@code Byte}, UINT16/INT16 {@code Short}, UINT32/INT32
 * {@code Integer}, UINT64/INT64 {@code Long} (unsigned values keep their bits), FLOAT32 {@code Float}, FLOAT64
 * {@code Double}, BOOL {@code Boolean}, STRING {@code String}. ARRAY: {@code elementType} names the element type
 * and {@code value} is a primitive array ({@code byte[]}, {@code short[]}, {@code int[]}, {@code long[]},
 * {@code float[]}, {@code double[]}, {@code boolean[]}), a {@code String[]}, or for nested arrays a
 * {@code GgufValue[]}.
 *
 * @param type        the value's type
 * @param elementType for arrays, the element type; null otherwise
 * @param value       the value as described above
 */
public record GgufValue(GgufValueType type, GgufValueType elementType, Object value) {

    public static GgufValue of(String s) {
        return new GgufValue(GgufValueType.STRING, null, s);
    }

    public static GgufValue ofUint32(int v) {
        return new GgufValue(GgufValueType.UINT32, null, v);
    }

    public static GgufValue ofInt32(int v) {
        return new GgufValue(GgufValueType.INT32, null, v);
    }

    public static GgufValue ofFloat32(float v) {
        return new GgufValue(GgufValueType.FLOAT32, null, v);
    }

    public static GgufValue ofBool(boolean v) {
        return new GgufValue(GgufValueType.BOOL, null, v);
    }

    public static GgufValue ofArray(String[] values) {
        return new GgufValue(GgufValueType.ARRAY, GgufValueType.STRING, values);
    }

    public static GgufValue ofArray(float[] values) {
        return new GgufValue(GgufValueType.ARRAY, GgufValueType.FLOAT32, values);
    }

    public static GgufValue ofArray(int[] values) {
        return new GgufValue(GgufValueType.ARRAY, GgufValueType.INT32, values);
    }

    /** The value as a long, for any integer type (unsigned 8/16/32-bit values are widened without sign). */
    public long asLong() {
        return switch (type) {
            case UINT8 -> ((Byte) value) & 0xFFL;
            case UINT16 -> ((Short) value) & 0xFFFFL;
            case UINT32 -> ((Integer) value) & 0xFFFFFFFFL;
            case INT8, INT16, INT32, INT64, UINT64 -> ((Number) value).longValue();
            case BOOL -> (Boolean) value ? 1 : 0;
            default -> throw new IllegalStateException("metadata value of type " + type + " is not an integer");
        };
    }

    /** The value as a double, for any numeric type. */
    public double asDouble() {
        return switch (type) {
            case FLOAT32, FLOAT64 -> ((Number) value).doubleValue();
            default -> asLong();
        };
    }
}
