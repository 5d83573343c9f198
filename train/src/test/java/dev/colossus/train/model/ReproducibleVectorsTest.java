package dev.colossus.train.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training passes give the same digits interpreted and compiled (so two identical runs, and a run and its
 * resumed continuation, agree bit for bit however far the JIT compiler has got), and the replacements they use for
 * the Vector API's exp and lane sum are accurate.
 */
class ReproducibleVectorsTest {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    @Test
    void aPassGivesTheSameDigitsInterpretedAndCompiled(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("interpreted.bin");
        Process child = new ProcessBuilder(List.of(java(), "-Xint", "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), InterpretedPass.class.getName(), file.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // meanwhile, the same pass here until the JIT compiler has compiled it
        float[] first = InterpretedPass.pass();
        for (int i = 0; i < 300; i++) {
            assertThat(Arrays.mismatch(InterpretedPass.pass(), first)).as("first differing value of pass " + i)
                    .isEqualTo(-1);
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the interpreted pass ended").isTrue();
        assertThat(child.exitValue()).isZero();
        float[] interpreted;
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            interpreted = new float[data.readInt()];
            for (int i = 0; i < interpreted.length; i++) interpreted[i] = data.readFloat();
        }
        assertThat(Arrays.mismatch(interpreted, first)).as("first value differing from the interpreter's")
                .isEqualTo(-1);
    }

    @Test
    void expIsWithinOneUlpOfMathExpAndSaturates() {
        SplittableRandom random = new SplittableRandom(1);
        float[] x = new float[F.length() * 4096], e = new float[x.length];
        for (int i = 0; i < x.length; i++) x[i] = (float) (random.nextDouble() * 2 * 88 - 88);
        for (int i = 0; i < x.length; i += F.length()) ReproducibleVectors.exp(FloatVector.fromArray(F, x, i)).intoArray(e, i);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] < ReproducibleVectors.LOW || x[i] > ReproducibleVectors.HIGH) continue;
            float expected = (float) Math.exp(x[i]);
            worst = Math.max(worst, Math.abs(e[i] - expected) / Math.ulp(expected));
        }
        assertThat(worst).as("largest error in ulps").isLessThanOrEqualTo(1);
        float[] edges = new float[F.length()];
        Arrays.fill(edges, 1f);
        edges[0] = 0f;
        edges[1] = -100f;
        edges[2] = 100f;
        edges[3] = Float.NaN;
        float[] out = new float[F.length()];
        ReproducibleVectors.exp(FloatVector.fromArray(F, edges, 0)).intoArray(out, 0);
        assertThat(out[0]).isEqualTo(1f);
        assertThat(out[1]).isEqualTo(0f);
        assertThat(out[2]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(out[3]).isNaN();
        assertThat(out[4]).isEqualTo((float) Math.E);
    }

    @Test
    void sumAddsTheLanesFromTheFirst() {
        float[] lanes = new float[F.length()];
        lanes[0] = 1e8f;
        for (int i = 1; i < lanes.length; i++) lanes[i] = 4f;
        float expected = lanes[0];
        for (int i = 1; i < lanes.length; i++) expected += lanes[i];
        assertThat(ReproducibleVectors.sum(FloatVector.fromArray(F, lanes, 0))).isEqualTo(expected);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }
}
