package dev.colossus.train.lora;

import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.train.dist.Mpirun;
import dev.colossus.train.export.GgufExport;
import dev.colossus.train.model.LlamaShape;
import dev.colossus.train.model.Parameters;
import dev.colossus.train.testing.TinyRun;
import dev.colossus.train.tokenizer.BpeTrainer;
import dev.colossus.train.tokenizer.TrainingTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merged export of a LoRA run needs memory for its largest tensor, not for the model: a JVM whose heap is a
 * quarter of the merged model's floats writes it, and the file holds exactly the floats of the in-memory merge.
 */
class LoraExportMemoryTest {
    private static final int HEAP_MB = 32;

    @Test
    void mergedExportFitsInAHeapSmallerThanTheModel(@TempDir Path dir) throws Exception {
        TrainingTokenizer tokenizer = TrainingTokenizer.of(new BpeTrainer().add(TinyRun.corpus()).train(270));
        LlamaShape shape = new LlamaShape(tokenizer.vocabularySize(), 512, 8, 8, 8, 2048, 64, 1e-5f, 10000f, false);
        long mergedBytes = 4 * shape.parameterCount();
        assertThat(mergedBytes).as("merged model's floats against the child's heap").isGreaterThan(4L * (HEAP_MB << 20));
        Path base = dir.resolve("base.gguf"), out = dir.resolve("merged.gguf");
        GgufExport.write(Parameters.initialize(shape, 4), tokenizer, "base", GgmlType.F16, base);

        List<String> command = new ArrayList<>(Mpirun.java(MergedExportMain.class, base.toString(), out.toString()));
        command.replaceAll(arg -> arg.equals("-Xmx512m") ? "-Xmx" + HEAP_MB + "m" : arg);
        Path log = dir.resolve("export.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("export finished").isTrue();
        assertThat(process.exitValue()).as("exit code; output:\n" + Files.readString(log)).isZero();

        Parameters expected;
        try (FrozenBase frozen = new FrozenBase(GgufFile.open(base))) {
            expected = LoraMerge.merge(frozen, MergedExportMain.adapters(frozen));
        }
        try (GgufFile written = GgufFile.open(out)) {
            Parameters actual = Parameters.fromGguf(written);
            for (Parameters.Tensor t : expected.tensors()) {
                assertThat(Arrays.mismatch(actual.data(t.name()), t.data())).as("first differing element of "
                        + t.name()).isEqualTo(-1);
            }
            assertThat(TrainingTokenizer.fromGguf(written).metadata().keySet()).isEqualTo(tokenizer.metadata().keySet());
        }
    }
}
