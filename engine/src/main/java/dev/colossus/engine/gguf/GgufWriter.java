package dev.colossus.engine.gguf;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes a GGUF file (version 3 by default): metadata of every value type (arrays, nested arrays), tensor infos and
 * tensor data, each tensor's data aligned to {@code general.alignment} (default 32) as GGML requires.
 * <p>Tensor data is given as raw bytes in the tensor's GGML type (use {@link dev.colossus.engine.tensor.Quantizer}
 * to make them from floats); a {@link Supplier} defers producing them until {@link #write}, so that a large model is
 * generated one tensor at a time instead of being held in memory whole.
 * <p>The file is written to a temporary sibling and moved into place, so a failed write leaves no partial file.
 * <p>Thread safety: none; use one writer from one thread.
 */
public final class GgufWriter {

    private record TensorEntry(String name, long[] ne, GgmlType type, long bytes, Supplier<byte[]> data) {
    }

    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final Map<String, TensorEntry> tensors = new LinkedHashMap<>();
    private int version = 3;

    /** Sets the GGUF version written: 2 or 3 (same layout; 3 is the default and what llama.cpp writes). */
    public GgufWriter version(int version) {
        if (version != 2 && version != 3) throw new IllegalArgumentException("GGUF version must be 2 or 3");
        this.version = version;
        return this;
    }

    /** Adds or replaces a metadata value; insertion order is file order. */
    public GgufWriter put(String key, GgufValue value) {
        checkValue(value, 0);
        if (key.equals("general.alignment")) alignment(value);
        metadata.put(key, value);
        return this;
    }

    /** Adds every metadata value of another file, e.g. to copy a model's header. */
    public GgufWriter putAll(Map<String, GgufValue> values) {
        values.forEach(this::put);
        return this;
    }

    /** Adds an F32 tensor. */
    public GgufWriter addTensor(String name, long[] ne, float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(Math.multiplyExact(values.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        byte[] bytes = buffer.array();
        return addTensor(name, ne, GgmlType.F32, bytes.length, () -> bytes);
    }

    /** Adds a tensor whose data are {@code bytes}, already in {@code type}'s GGML layout. */
    public GgufWriter addTensor(String name, long[] ne, GgmlType type, byte[] bytes) {
        return addTensor(name, ne, type, bytes.length, () -> bytes);
    }

    /**
     * Adds a tensor whose {@code bytes} bytes of data are produced by {@code data} when the file is written.
     *
     * @throws IllegalArgumentException when the dimensions do not fit the type's block size or the byte count
     */
    public GgufWriter addTensor(String name, long[] ne, GgmlType type, long bytes, Supplier<byte[]> data) {
        if (ne.length < 1 || ne.length > 4) throw new IllegalArgumentException(name + ": 1 to 4 dimensions");
        long elements = 1;
        for (long d : ne) {
            if (d <= 0) throw new IllegalArgumentException(name + ": dimension " + d);
            elements = Math.multiplyExact(elements, d);
        }
        if (ne[0] % type.blockSize() != 0) {
            throw new IllegalArgumentException(name + ": row of " + ne[0] + " is not a multiple of " + type
                    + "'s block size " + type.blockSize());
        }
        if (type.bytesFor(elements) != bytes) {
            throw new IllegalArgumentException(name + ": " + type + " " + elements + " elements take "
                    + type.bytesFor(elements) + " bytes, not " + bytes);
        }
        if (tensors.putIfAbsent(name, new TensorEntry(name, ne.clone(), type, bytes, data)) != null) {
            throw new IllegalArgumentException("duplicate tensor " + name);
        }
        return this;
    }

    /** Writes the file, replacing any existing one. */
    public void write(Path path) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            write(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes the whole file to {@code out} (not closed). */
    public void write(OutputStream out) throws IOException {
        int alignment = metadata.containsKey("general.alignment")
                ? alignment(metadata.get("general.alignment")) : GgufFile.DEFAULT_ALIGNMENT;
        Encoder header = new Encoder();
        header.u32(GgufFile.MAGIC);
        header.u32(version);
        header.u64(tensors.size());
        header.u64(metadata.size());
        for (Map.Entry<String, GgufValue> e : metadata.entrySet()) {
            header.string(e.getKey());
            header.u32(e.getValue().type().id());
            header.value(e.getValue());
        }
        List<TensorEntry> entries = new ArrayList<>(tensors.values());
        long offset = 0;
        for (TensorEntry t : entries) {
            header.string(t.name);
            header.u32(t.ne.length);
            for (long d : t.ne) header.u64(d);
            header.u32(t.type.id());
            header.u64(offset);
            offset = align(offset + t.bytes, alignment);
        }
        header.pad(alignment);
        header.writeTo(out);

        long written = 0;
        for (TensorEntry t : entries) {
            byte[] data = t.data.get();
            if (data.length != t.bytes) {
                throw new IllegalStateException(t.name + ": data supplier gave " + data.length + " bytes, declared "
                        + t.bytes);
            }
            out.write(data);
            written += data.length;
            long padded = align(written, alignment);
            out.write(new byte[(int) (padded - written)]);
            written = padded;
        }
        out.flush();
    }

    private static long align(long x, int alignment) {
        return (x + alignment - 1) / alignment * alignment;
    }

    private static int alignment(GgufValue value) {
        long a;
        try {
            a = value.asLong();
        } catch (IllegalStateException | ClassCastException e) {
            throw new IllegalArgumentException("general.alignment must be an integer");
        }
        if (a <= 0 || a > (1 << 20) || (a & (a - 1)) != 0) {
            throw new IllegalArgumentException("general.alignment " + a + " is not a power of two up to 1 MiB");
        }
        return (int) a;
    }

    /** Checks that a value's Java representation matches its type (see {@link GgufValue}), before any writing. */
    private static void checkValue(GgufValue v, int depth) {
        Class<?> expected = v.type() == GgufValueType.ARRAY ? arrayClass(v.elementType()) : scalarClass(v.type());
        if (!expected.isInstance(v.value())) {
            throw new IllegalArgumentException("metadata value of type " + v.type()
                    + (v.elementType() == null ? "" : " of " + v.elementType()) + " must be a "
                    + expected.getSimpleName() + ", not " + (v.value() == null ? "null" : v.value().getClass()
                    .getSimpleName()));
        }
        if (v.type() == GgufValueType.ARRAY && v.elementType() == GgufValueType.ARRAY) {
            if (depth > 64) throw new IllegalArgumentException("arrays nested too deeply");
            for (GgufValue inner : (GgufValue[]) v.value()) {
                if (inner.type() != GgufValueType.ARRAY) {
                    throw new IllegalArgumentException("an array of arrays holds a " + inner.type());
                }
                checkValue(inner, depth + 1);
            }
        }
    }

    private static Class<?> scalarClass(GgufValueType type) {
        return switch (type) {
            case UINT8, INT8 -> Byte.class;
            case UINT16, INT16 -> Short.class;
            case UINT32, INT32 -> Integer.class;
            case UINT64, INT64 -> Long.class;
            case FLOAT32 -> Float.class;
            case FLOAT64 -> Double.class;
            case BOOL -> Boolean.class;
            case STRING -> String.class;
            case ARRAY -> throw new IllegalArgumentException("an ARRAY value needs an element type");
        };
    }

    private static Class<?> arrayClass(GgufValueType element) {
        if (element == null) throw new IllegalArgumentException("an ARRAY value needs an element type");
        return switch (element) {
            case UINT8, INT8 -> byte[].class;
            case UINT16, INT16 -> short[].class;
            case UINT32, INT32 -> int[].class;
            case UINT64, INT64 -> long[].class;
            case FLOAT32 -> float[].class;
            case FLOAT64 -> double[].class;
            case BOOL -> boolean[].class;
            case STRING -> String[].class;
            case ARRAY -> GgufValue[].class;
        };
    }

    /** Little-endian encoding of the header into memory (headers are small: metadata and tensor infos only). */
    private static final class Encoder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void u8(int v) {
            bytes.write(v);
        }

        void u16(short v) {
            bytes.write(scratch.clear().putShort(v).array(), 0, 2);
        }

        void u32(int v) {
            bytes.write(scratch.clear().putInt(v).array(), 0, 4);
        }

        void u64(long v) {
            bytes.write(scratch.clear().putLong(v).array(), 0, 8);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes.write(b, 0, b.length);
        }

        void value(GgufValue v) {
            switch (v.type()) {
                case UINT8, INT8 -> u8((Byte) v.value());
                case UINT16, INT16 -> u16((Short) v.value());
                case UINT32, INT32 -> u32((Integer) v.value());
                case UINT64, INT64 -> u64((Long) v.value());
                case FLOAT32 -> u32(Float.floatToRawIntBits((Float) v.value()));
                case FLOAT64 -> u64(Double.doubleToRawLongBits((Double) v.value()));
                case BOOL -> u8((Boolean) v.value() ? 1 : 0);
                case STRING -> string((String) v.value());
                case ARRAY -> array(v);
            }
        }

        private void array(GgufValue v) {
            u32(v.elementType().id());
            switch (v.value()) {
                case byte[] a -> {
                    u64(a.length);
                    bytes.write(a, 0, a.length);
                }
                case short[] a -> {
                    u64(a.length);
                    for (short x : a) u16(x);
                }
                case int[] a -> {
                    u64(a.length);
                    for (int x : a) u32(x);
                }
                case long[] a -> {
                    u64(a.length);
                    for (long x : a) u64(x);
                }
                case float[] a -> {
                    u64(a.length);
                    for (float x : a) u32(Float.floatToRawIntBits(x));
                }
                case double[] a -> {
                    u64(a.length);
                    for (double x : a) u64(Double.doubleToRawLongBits(x));
                }
                case boolean[] a -> {
                    u64(a.length);
                    for (boolean x : a) u8(x ? 1 : 0);
                }
                case String[] a -> {
                    u64(a.length);
                    for (String x : a) string(x);
                }
                case GgufValue[] a -> {
                    u64(a.length);
                    for (GgufValue x : a) array(x);
                }
                default -> throw new IllegalArgumentException("unsupported array " + v.value().getClass());
            }
        }

        void pad(int alignment) {
            int size = bytes.size();
            int padded = (int) align(size, alignment);
            bytes.write(new byte[padded - size], 0, padded - size);
        }

        void writeTo(OutputStream out) throws IOException {
            bytes.writeTo(out);
        }
    }
}
