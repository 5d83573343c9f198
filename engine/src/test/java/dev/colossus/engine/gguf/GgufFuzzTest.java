package dev.colossus.engine.gguf;

import dev.colossus.engine.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Mutates real and written GGUF files (seeded byte flips, huge counts and lengths, truncation at every header byte
 * and at every tensor boundary) and checks that the reader either succeeds or throws {@link GgufFormatException}:
 * never another exception, an {@code OutOfMemoryError}, or a hang (each case is bounded by a timeout).
 */
class GgufFuzzTest {
    private static final long[] HUGE = {-1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 31, (1L << 32) + 1, 1L << 40,
            Integer.MAX_VALUE, 0x7FFFFFF0L, 65536};

    private static ExecutorService executor;
    @TempDir
    static Path dir;

    @BeforeAll
    static void startExecutor() {
        executor = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().unstarted(r));
    }

    @AfterAll
    static void stopExecutor() {
        executor.shutdownNow();
    }

    /** A written file with every metadata type and a few tensors, so every parsing path is mutated. */
    private static byte[] writtenFile() throws Exception {
        GgufWriter writer = GgufWriterTest.everyValueType()
                .addTensor("a", new long[]{4, 2}, new float[8])
                .addTensor("b", new long[]{32}, GgmlType.Q8_0, new byte[34])
                .addTensor("c", new long[]{2, 1, 1, 3}, new float[6]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out);
        return out.toByteArray();
    }

    private static int headerLength(byte[] file) throws Exception {
        Path p = dir.resolve("orig.gguf");
        Files.write(p, file);
        try (GgufFile gguf = GgufFile.open(p)) {
            return (int) gguf.dataOffset();
        }
    }

    @Test
    void randomMutationsOfAWrittenFileOnlyEverFailWithAFormatError() throws Exception {
        byte[] file = writtenFile();
        fuzz("written", file, headerLength(file), 1200);
    }

    @Test
    void randomMutationsOfARealModelOnlyEverFailWithAFormatError() throws Exception {
        byte[] file = Files.readAllBytes(Fixtures.model("stories260K.gguf"));
        fuzz("stories260K", file, headerLength(file), 400);
    }

    @Test
    void truncationAtEveryHeaderByteAndTensorBoundaryFailsWithAFormatError() throws Exception {
        // Every byte of the written file's header (all kinds of fields); a stride through the real model's long vocab.
        byte[] written = writtenFile();
        for (byte[] file : List.of(written, Files.readAllBytes(Fixtures.model("rand-llama-v512-Q4_K_M.gguf")))) {
            int stride = file == written ? 1 : 23;
            Path p = dir.resolve("full.gguf");
            Files.write(p, file);
            List<Integer> cuts = new ArrayList<>();
            try (GgufFile gguf = GgufFile.open(p)) {
                for (int i = 0; i < gguf.dataOffset(); i += stride) cuts.add(i);
                for (GgufTensor t : gguf.tensors().values()) {
                    long start = gguf.dataOffset() + t.offset();
                    long end = start + t.data().byteSize();
                    for (long c : new long[]{start - 1, start, start + 1, end - 1}) cuts.add((int) c);
                }
            }
            for (int cut : cuts) {
                String label = "truncated to " + cut + " of " + file.length;
                Throwable thrown = open(label, Arrays.copyOf(file, cut));
                assertThat(thrown).as(label).isInstanceOf(GgufFormatException.class);
            }
        }
    }

    @Test
    void deeplyNestedArraysAreRejectedWithoutExhaustingTheStack() throws Exception {
        int depth = 200_000;
        ByteBuffer b = ByteBuffer.allocate(64 + depth * 12).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(GgufFile.MAGIC).putInt(3).putLong(0).putLong(1).putLong(1).put((byte) 'x').putInt(9);
        for (int i = 0; i < depth; i++) b.putInt(9).putLong(1);
        b.putInt(5).putLong(0);
        Throwable thrown = open("nested", Arrays.copyOf(b.array(), b.position()));
        assertThat(thrown).isInstanceOf(GgufFormatException.class).hasMessageContaining("nested");
    }

    @Test
    void hugeStringAndArrayLengthsAreRejectedBeforeAllocating() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(GgufFile.MAGIC).putInt(3).putLong(0).putLong(1).putLong(1).put((byte) 'x').putInt(8)
                .putLong(Long.MAX_VALUE);
        assertThatThrownBy(() -> rethrow(open("string", Arrays.copyOf(b.array(), b.position()))))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining("string length");
    }

    private static void rethrow(Throwable t) throws Throwable {
        if (t != null) throw t;
    }

    private void fuzz(String name, byte[] original, int headerLength, int cases) throws Exception {
        int failures = 0;
        for (int seed = 0; seed < cases; seed++) {
            Random random = new Random(seed * 31L + name.hashCode());
            byte[] mutated = original.clone();
            String what = mutate(random, mutated, headerLength);
            if (random.nextInt(4) == 0) {
                int cut = random.nextInt(mutated.length);
                mutated = Arrays.copyOf(mutated, cut);
                what += ", truncated to " + cut;
            }
            String label = name + " seed " + seed + ": " + what;
            Throwable thrown = open(label, mutated);
            if (thrown != null && !(thrown instanceof GgufFormatException)) {
                fail(label + " threw " + thrown, thrown);
            }
            if (thrown != null) failures++;
        }
        // Most mutations of the header must be detected; if none were, the mutations did not reach the parser.
        assertThat(failures).isGreaterThan(cases / 4);
    }

    /** Flips bytes or writes a huge 32/64-bit value somewhere in the header (where counts and lengths live). */
    private static String mutate(Random random, byte[] file, int headerLength) {
        int kind = random.nextInt(3);
        int at = random.nextInt(headerLength);
        switch (kind) {
            case 0 -> {
                int n = 1 + random.nextInt(8);
                for (int i = 0; i < n; i++) file[random.nextInt(headerLength)] = (byte) random.nextInt(256);
                return n + " random bytes";
            }
            case 1 -> {
                long v = HUGE[random.nextInt(HUGE.length)];
                at = Math.min(at, file.length - 8);
                ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(at, v);
                return "u64 " + Long.toUnsignedString(v) + " at " + at;
            }
            default -> {
                int v = (int) HUGE[random.nextInt(HUGE.length)];
                at = Math.min(at, file.length - 4);
                ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
                return "u32 " + Integer.toUnsignedString(v) + " at " + at;
            }
        }
    }

    /** Opens the bytes as a GGUF file within a time limit; returns what it threw, or null. */
    private static Throwable open(String label, byte[] bytes) throws Exception {
        Path p = dir.resolve("case.gguf");
        Files.write(p, bytes);
        Future<Throwable> result = executor.submit(() -> {
            try (GgufFile gguf = GgufFile.open(p)) {
                gguf.tensors().values().forEach(t -> t.data().byteSize());
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return fail(label + ": the reader did not finish within 10 s");
        }
    }
}
