package dev.colossus.engine.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GGUF file (versions 2 and 3), memory-mapped: metadata is parsed eagerly, tensor data stays in the mapping and is
 * never copied onto the heap.
 * <p>Every count, length and offset read from the file is checked against the file's size before it is used, so a
 * truncated, corrupted or hostile file fails with a {@link GgufFormatException} naming what is wrong and at which
 * byte offset; never an {@code OutOfMemoryError}, an index exception or a hang.
 * <p>Thread safety: immutable after {@link #open}; tensors may be read from any thread until {@link #close}.
 */
public final class GgufFile implements AutoCloseable {

    /** "GGUF" read as a little-endian uint32. */
    public static final int MAGIC = 0x46554747;
    public static final int DEFAULT_ALIGNMENT = 32;
    private static final int MAX_DIMS = 4;
    /** Arrays of arrays deeper than this are rejected: real files nest at most once or twice. */
    static final int MAX_ARRAY_DEPTH = 16;
    /**
     * Limits that keep a hostile header from making the reader allocate far more heap than a real model needs:
     * the largest real vocabularies and merge lists hold about a million entries, chat templates tens of KB.
     */
    static final int MAX_ARRAY_LENGTH = 1 << 25;
    static final int MAX_STRING_BYTES = 1 << 26;

    private final Path path;
    private final Arena arena;
    private final MemorySegment file;
    private final int version;
    private final Map<String, GgufValue> metadata;
    private final Map<String, GgufTensor> tensors;
    private final long dataOffset;

    private GgufFile(Path path, Arena arena, MemorySegment file, int version, Map<String, GgufValue> metadata,
                     Map<String, GgufTensor> tensors, long dataOffset) {
        this.path = path;
        this.arena = arena;
        this.file = file;
        this.version = version;
        this.metadata = metadata;
        this.tensors = tensors;
        this.dataOffset = dataOffset;
    }

    /**
     * Maps and parses a GGUF file.
     *
     * @throws GgufFormatException when the file is not valid GGUF (the message names the problem and offset)
     * @throws IOException         when the file cannot be read
     */
    public static GgufFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            MemorySegment segment = size == 0 ? MemorySegment.NULL.reinterpret(0)
                    : channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            Parsed parsed = new Parser(segment).parse();
            return new GgufFile(path, arena, segment, parsed.version, parsed.metadata, parsed.tensors,
                    parsed.dataOffset);
        } catch (NoSuchFileException e) {
            arena.close();
            throw new NoSuchFileException(path.toString(), null, "no such model file");
        } catch (IOException | RuntimeException e) {
            arena.close();
            if (e instanceof GgufFormatException g) {
                throw new GgufFormatException(path.getFileName() + ": " + g.getMessage());
            }
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    public int version() {
        return version;
    }

    /** File size in bytes. */
    public long size() {
        return file.byteSize();
    }

    /** Byte offset where tensor data starts (aligned). */
    public long dataOffset() {
        return dataOffset;
    }

    /** All metadata in file order, unmodifiable. */
    public Map<String, GgufValue> metadata() {
        return metadata;
    }

    /** All tensors by name in file order, unmodifiable. */
    public Map<String, GgufTensor> tensors() {
        return tensors;
    }

    /** The tensor of this name, or a {@link GgufFormatException} naming the missing tensor. */
    public GgufTensor tensor(String name) {
        GgufTensor t = tensors.get(name);
        if (t == null) throw new GgufFormatException(path.getFileName() + ": missing tensor '" + name + "'");
        return t;
    }

    public boolean hasTensor(String name) {
        return tensors.containsKey(name);
    }

    public boolean has(String key) {
        return metadata.containsKey(key);
    }

    public GgufValue value(String key) {
        GgufValue v = metadata.get(key);
        if (v == null) throw new GgufFormatException(path.getFileName() + ": missing metadata key '" + key + "'");
        return v;
    }

    public String getString(String key) {
        GgufValue v = value(key);
        if (v.type() != GgufValueType.STRING) throw wrongType(key, v, "a string");
        return (String) v.value();
    }

    public String getString(String key, String defaultValue) {
        return has(key) ? getString(key) : defaultValue;
    }

    public long getLong(String key) {
        GgufValue v = value(key);
        try {
            return v.asLong();
        } catch (IllegalStateException e) {
            throw wrongType(key, v, "an integer");
        }
    }

    public long getLong(String key, long defaultValue) {
        return has(key) ? getLong(key) : defaultValue;
    }

    public int getInt(String key) {
        return Math.toIntExact(getLong(key));
    }

    public int getInt(String key, int defaultValue) {
        return has(key) ? getInt(key) : defaultValue;
    }

    public double getDouble(String key, double defaultValue) {
        if (!has(key)) return defaultValue;
        GgufValue v = value(key);
        try {
            return v.asDouble();
        } catch (IllegalStateException e) {
            throw wrongType(key, v, "a number");
        }
    }

    public boolean getBool(String key, boolean defaultValue) {
        if (!has(key)) return defaultValue;
        GgufValue v = value(key);
        if (v.type() != GgufValueType.BOOL) throw wrongType(key, v, "a bool");
        return (Boolean) v.value();
    }

    /** An array value of the given element type, e.g. {@code String[].class} for STRING arrays. */
    public <T> T getArray(String key, Class<T> arrayClass) {
        GgufValue v = value(key);
        if (v.type() != GgufValueType.ARRAY || !arrayClass.isInstance(v.value())) {
            throw wrongType(key, v, "an array of " + arrayClass.getComponentType().getSimpleName());
        }
        return arrayClass.cast(v.value());
    }

    private GgufFormatException wrongType(String key, GgufValue v, String expected) {
        String actual = v.type() == GgufValueType.ARRAY ? "ARRAY of " + v.elementType() : v.type().toString();
        return new GgufFormatException(path.getFileName() + ": metadata key '" + key + "' should be " + expected
                + " but is " + actual);
    }

    /** Unmaps the file; tensors' data segments become invalid. */
    @Override
    public void close() {
        arena.close();
    }

    private record Parsed(int version, Map<String, GgufValue> metadata, Map<String, GgufTensor> tensors,
                          long dataOffset) {
    }

    /** A bounds-checked little-endian cursor over the mapped file. */
    private static final class Parser {
        private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        private static final ValueLayout.OfLong LONG =
                ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        private static final ValueLayout.OfShort SHORT =
                ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

        private final MemorySegment seg;
        private final long size;
        private long pos;

        Parser(MemorySegment seg) {
            this.seg = seg;
            this.size = seg.byteSize();
        }

        Parsed parse() {
            if (size < 24) throw fail("file is " + size + " bytes, too short for a GGUF header");
            int magic = seg.get(INT, 0);
            if (magic != MAGIC) {
                throw fail(String.format("not a GGUF file: magic is 0x%08x at offset 0, expected 0x%08x (\"GGUF\")",
                        magic, MAGIC));
            }
            pos = 4;
            int version = readInt();
            if (version != 2 && version != 3) {
                throw fail("unsupported GGUF version " + version + " at offset 4 (supported: 2, 3)");
            }
            long tensorCount = readCount("tensor count", 8 + 4 + 8 + 4);
            long kvCount = readCount("metadata count", 8 + 4 + 1);

            Map<String, GgufValue> metadata = new LinkedHashMap<>();
            for (long i = 0; i < kvCount; i++) {
                long at = pos;
                String key = readString("metadata key #" + i);
                GgufValueType type = readValueType("metadata '" + key + "'");
                GgufValue value = readValue(type, "metadata '" + key + "'");
                if (metadata.put(key, value) != null) {
                    throw fail("duplicate metadata key '" + key + "' at offset " + at);
                }
            }

            int alignment = DEFAULT_ALIGNMENT;
            GgufValue alignValue = metadata.get("general.alignment");
            if (alignValue != null) {
                long a;
                try {
                    a = alignValue.asLong();
                } catch (IllegalStateException e) {
                    throw fail("general.alignment is not an integer");
                }
                if (a <= 0 || a > (1 << 20) || (a & (a - 1)) != 0) {
                    throw fail("general.alignment " + a + " is not a power of two up to 1 MiB");
                }
                alignment = (int) a;
            }

            record Info(String name, long[] ne, GgmlType type, long offset, long at) {
            }
            Info[] infos = new Info[(int) tensorCount];
            for (int i = 0; i < tensorCount; i++) {
                long at = pos;
                String name = readString("tensor #" + i + " name");
                int nDims = readInt();
                if (nDims < 1 || nDims > MAX_DIMS) {
                    throw fail("tensor '" + name + "' has " + nDims + " dimensions at offset " + (pos - 4)
                            + " (1 to " + MAX_DIMS + " allowed)");
                }
                long[] ne = new long[nDims];
                for (int d = 0; d < nDims; d++) {
                    ne[d] = readLong();
                    if (ne[d] <= 0 || ne[d] > (1L << 40)) {
                        throw fail("tensor '" + name + "' dimension " + d + " is " + ne[d] + " at offset "
                                + (pos - 8));
                    }
                }
                long typeId = Integer.toUnsignedLong(readInt());
                GgmlType type = GgmlType.byId(typeId);
                if (type == null) {
                    throw fail("tensor '" + name + "' has unknown type id " + typeId + " at offset " + (pos - 4));
                }
                long offset = readLong();
                infos[i] = new Info(name, ne, type, offset, at);
            }
            long dataOffset = align(pos, alignment);
            if (tensorCount > 0 && dataOffset > size) {
                throw fail("tensor data would start at offset " + dataOffset + ", past the end of the file ("
                        + size + " bytes)");
            }

            Map<String, GgufTensor> tensors = new LinkedHashMap<>();
            for (Info info : infos) {
                long elements = 1;
                for (long d : info.ne) {
                    elements = multiply(elements, d, info.name);
                }
                if (info.ne[0] % info.type.blockSize() != 0) {
                    throw fail("tensor '" + info.name + "' of type " + info.type + " has a row of " + info.ne[0]
                            + " elements, not a multiple of the block size " + info.type.blockSize());
                }
                long bytes = multiply(elements / info.type.blockSize(), info.type.blockBytes(), info.name);
                if (info.offset < 0 || info.offset % alignment != 0) {
                    throw fail("tensor '" + info.name + "' data offset " + info.offset + " is not aligned to "
                            + alignment);
                }
                long start = dataOffset + info.offset;
                if (start < dataOffset || start > size || bytes > size - start) {
                    throw fail("tensor '" + info.name + "' data (" + bytes + " bytes at offset " + start
                            + ") runs past the end of the file (" + size + " bytes): the file is truncated?");
                }
                GgufTensor tensor = new GgufTensor(info.name, info.ne, info.type, info.offset,
                        seg.asSlice(start, bytes));
                if (tensors.put(info.name, tensor) != null) {
                    throw fail("duplicate tensor name '" + info.name + "' at offset " + info.at);
                }
            }
            return new Parsed(version, Collections.unmodifiableMap(metadata), Collections.unmodifiableMap(tensors),
                    dataOffset);
        }

        private static long align(long x, int alignment) {
            return (x + alignment - 1) / alignment * alignment;
        }

        private long multiply(long a, long b, String tensor) {
            try {
                return Math.multiplyExact(a, b);
            } catch (ArithmeticException e) {
                throw fail("tensor '" + tensor + "' is impossibly large (dimensions overflow)");
            }
        }

        private GgufValue readValue(GgufValueType type, String what) {
            return switch (type) {
                case UINT8, INT8 -> new GgufValue(type, null, readBytes(1, what)[0]);
                case UINT16, INT16 -> new GgufValue(type, null, readShort());
                case UINT32, INT32 -> new GgufValue(type, null, readInt());
                case UINT64, INT64 -> new GgufValue(type, null, readLong());
                case FLOAT32 -> new GgufValue(type, null, Float.intBitsToFloat(readInt()));
                case FLOAT64 -> new GgufValue(type, null, Double.longBitsToDouble(readLong()));
                case BOOL -> new GgufValue(type, null, readBool(what));
                case STRING -> new GgufValue(type, null, readString(what));
                case ARRAY -> readArray(what, 0);
            };
        }

        private GgufValue readArray(String what, int depth) {
            if (depth > MAX_ARRAY_DEPTH) {
                throw fail(what + ": arrays nested more than " + MAX_ARRAY_DEPTH + " deep at offset " + pos);
            }
            GgufValueType elem = readValueType(what + " array element");
            long count = readCount(what + " array length", elem.minBytes());
            if (count > MAX_ARRAY_LENGTH) {
                throw fail(what + ": array of " + count + " elements at offset " + (pos - 8) + " is longer than the "
                        + MAX_ARRAY_LENGTH + " allowed");
            }
            int n = (int) count;
            Object values = switch (elem) {
                case UINT8, INT8 -> readBytes(n, what);
                case UINT16, INT16 -> {
                    short[] a = new short[n];
                    for (int i = 0; i < n; i++) a[i] = readShort();
                    yield a;
                }
                case UINT32, INT32 -> {
                    int[] a = new int[n];
                    for (int i = 0; i < n; i++) a[i] = readInt();
                    yield a;
                }
                case UINT64, INT64 -> {
                    long[] a = new long[n];
                    for (int i = 0; i < n; i++) a[i] = readLong();
                    yield a;
                }
                case FLOAT32 -> {
                    float[] a = new float[n];
                    for (int i = 0; i < n; i++) a[i] = Float.intBitsToFloat(readInt());
                    yield a;
                }
                case FLOAT64 -> {
                    double[] a = new double[n];
                    for (int i = 0; i < n; i++) a[i] = Double.longBitsToDouble(readLong());
                    yield a;
                }
                case BOOL -> {
                    boolean[] a = new boolean[n];
                    for (int i = 0; i < n; i++) a[i] = readBool(what);
                    yield a;
                }
                case STRING -> {
                    String[] a = new String[n];
                    for (int i = 0; i < n; i++) a[i] = readString(what + "[" + i + "]");
                    yield a;
                }
                case ARRAY -> {
                    GgufValue[] a = new GgufValue[n];
                    for (int i = 0; i < n; i++) a[i] = readArray(what + "[" + i + "]", depth + 1);
                    yield a;
                }
            };
            return new GgufValue(GgufValueType.ARRAY, elem, values);
        }

        private GgufValueType readValueType(String what) {
            long id = Integer.toUnsignedLong(readInt());
            GgufValueType type = GgufValueType.byId(id);
            if (type == null) throw fail(what + " has unknown value type " + id + " at offset " + (pos - 4));
            return type;
        }

        /** Reads a uint64 count and checks that that many items of at least {@code minItemBytes} can still fit. */
        private long readCount(String what, int minItemBytes) {
            long at = pos;
            long count = readLong();
            long remaining = size - pos;
            if (count < 0 || count > Integer.MAX_VALUE - 8 || count * (long) minItemBytes > remaining) {
                throw fail(what + " is " + Long.toUnsignedString(count) + " at offset " + at
                        + ", more than the " + remaining + " bytes left in the file can hold");
            }
            return count;
        }

        private String readString(String what) {
            long at = pos;
            long len = readLong();
            if (len < 0 || len > size - pos) {
                throw fail(what + ": string length " + Long.toUnsignedString(len) + " at offset " + at
                        + " runs past the end of the file");
            }
            if (len > MAX_STRING_BYTES) {
                throw fail(what + ": string of " + len + " bytes at offset " + at + " is longer than the "
                        + MAX_STRING_BYTES + " allowed");
            }
            byte[] bytes = readBytes((int) len, what);
            // Invalid UTF-8 is replaced, as llama.cpp tolerates it in vocabularies.
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private boolean readBool(String what) {
            byte b = readBytes(1, what)[0];
            if (b != 0 && b != 1) throw fail(what + ": bool value " + b + " at offset " + (pos - 1));
            return b == 1;
        }

        private byte[] readBytes(int n, String what) {
            need(n, what);
            byte[] out = new byte[n];
            MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, pos, out, 0, n);
            pos += n;
            return out;
        }

        private short readShort() {
            need(2, "a 16-bit value");
            short v = seg.get(SHORT, pos);
            pos += 2;
            return v;
        }

        private int readInt() {
            need(4, "a 32-bit value");
            int v = seg.get(INT, pos);
            pos += 4;
            return v;
        }

        private long readLong() {
            need(8, "a 64-bit value");
            long v = seg.get(LONG, pos);
            pos += 8;
            return v;
        }

        private void need(long n, String what) {
            if (n > size - pos) {
                throw fail("unexpected end of file at offset " + pos + " reading " + what + " (file is " + size
                        + " bytes): the file is truncated");
            }
        }

        private static GgufFormatException fail(String message) {
            return new GgufFormatException(message);
        }
    }

    /** Lists tensor names, mostly for error messages and tools. */
    public List<String> tensorNames() {
        return List.copyOf(tensors.keySet());
    }
}
