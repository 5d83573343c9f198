package dev.colossus.train.lora;

import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.train.checkpoint.CheckpointStore;
import dev.colossus.train.checkpoint.TrainingState;
import dev.colossus.train.dist.SingleProcess;
import dev.colossus.train.export.GgufExport;
import dev.colossus.train.loop.Trainer;
import dev.colossus.train.loop.TrainingListener;
import dev.colossus.train.model.LlamaTrainingModel;
import dev.colossus.train.model.Parameters;
import dev.colossus.train.testing.EngineLogits;
import dev.colossus.train.testing.TinyRun;
import dev.colossus.train.tokenizer.TrainingTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LoRA runs through the trainer: the loss falls on a pattern corpus while the base file stays untouched, a run
 * resumed from its checkpoint ends with the same adapters bit for bit, and the merged export computes in the engine
 * the logits of the trainer's adapted model.
 */
class LoraTrainingTest {

    /** The pattern corpus's tokenizer and a random base of its vocabulary (F16, a stored type that is not float). */
    private static TrainingState start(TinyRun run, Path dir, int steps) throws Exception {
        Path base = dir.resolve("base.gguf");
        GgufExport.write(Parameters.initialize(run.settings().shape(), 5), run.tokenizer(), "base", GgmlType.F16, base);
        var s = run.settings();
        var settings = new dev.colossus.train.checkpoint.TrainingSettings(s.shape(), s.context(), steps, s.batch(), 3e-2,
                Math.min(5, steps), 0f, 1f, s.seed(), s.valFraction(), s.evalEvery());
        return Trainer.startLora("tiny-lora", settings, run.tokenizer(), new LoraRun(LoraSettings.of(4), base),
                run.data(), "pattern");
    }

    @Test
    void loraFineTuneLowersTheLossAndOnlyTheAdaptersChange(@TempDir Path dir) throws Exception {
        TinyRun run = TinyRun.create(60);
        TrainingState state = start(run, dir, 60);
        try (Trainer trainer = new Trainer(state, run.data(), SingleProcess.INSTANCE, 2, TrainingListener.NONE)) {
            trainer.run(Integer.MAX_VALUE, null, 1000);
        }
        float[] losses = state.history().trainLosses();
        float first = (losses[0] + losses[1] + losses[2]) / 3, last = (losses[57] + losses[58] + losses[59]) / 3;
        assertThat(last).as("mean loss of the last three steps vs the first three").isLessThan(first - 0.3f);
        assertThat(state.parameters().layout().keySet()).allMatch(n -> n.contains(".lora_"));
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void twoIdenticalLoraRunsEndWithTheSameAdapters(int threads, @TempDir Path dir) throws Exception {
        TinyRun run = TinyRun.create(12);
        TrainingState[] states = new TrainingState[2];
        for (int i = 0; i < 2; i++) {
            states[i] = start(run, dir, 12);
            try (Trainer trainer = new Trainer(states[i], run.data(), SingleProcess.INSTANCE, threads,
                    TrainingListener.NONE)) {
                trainer.run(Integer.MAX_VALUE, null, 1000);
            }
        }
        assertThat(states[1].history().trainLosses()).as("losses").containsExactly(states[0].history().trainLosses());
        for (Parameters.Tensor t : states[0].parameters().tensors()) {
            assertThat(Arrays.mismatch(states[1].parameters().data(t.name()), t.data())).as("first differing element of "
                    + t.name()).isEqualTo(-1);
        }
    }

    @Test
    void resumedLoraRunEndsWithTheSameAdapters(@TempDir Path dir) throws Exception {
        TinyRun run = TinyRun.create(16);
        TrainingState straight = start(run, dir, 16);
        try (Trainer trainer = new Trainer(straight, run.data(), SingleProcess.INSTANCE, 2, TrainingListener.NONE)) {
            trainer.run(Integer.MAX_VALUE, null, 1000);
        }
        CheckpointStore store = new CheckpointStore(dir.resolve("ckpt"));
        try (Trainer first = new Trainer(start(run, dir, 16), run.data(), SingleProcess.INSTANCE, 2, TrainingListener.NONE)) {
            first.run(8, store, 5);
        }
        TrainingState resumed = store.load();
        assertThat(resumed.lora()).isNotNull();
        assertThat(resumed.lora().settings()).isEqualTo(LoraSettings.of(4));
        assertThat(resumed.step()).isEqualTo(8);
        try (Trainer trainer = new Trainer(resumed, run.data(), SingleProcess.INSTANCE, 2, TrainingListener.NONE)) {
            trainer.run(Integer.MAX_VALUE, null, 1000);
        }
        for (Parameters.Tensor t : straight.parameters().tensors()) {
            assertThat(Arrays.mismatch(resumed.parameters().data(t.name()), t.data())).as("first differing element of "
                    + t.name()).isEqualTo(-1);
        }
        assertThat(Arrays.mismatch(resumed.optimizer().secondMoments().tensors().getLast().data(),
                straight.optimizer().secondMoments().tensors().getLast().data())).isEqualTo(-1);
    }

    @Test
    void mergedExportComputesTheAdaptedLogitsInTheEngineAndKeepsTheTokenizer(@TempDir Path dir) throws Exception {
        TinyRun run = TinyRun.create(20);
        TrainingState state = start(run, dir, 20);
        try (Trainer trainer = new Trainer(state, run.data(), SingleProcess.INSTANCE, 2, TrainingListener.NONE)) {
            trainer.run(Integer.MAX_VALUE, null, 1000);
        }
        LoraAdapters adapters = new LoraAdapters(state.lora().settings(), state.parameters());
        Path file = dir.resolve("merged.gguf");
        LoraMerge.export(state.lora().base(), adapters, state.tokenizer(), "merged", GgmlType.F32, file);
        int[] ids = run.tokenizer().tokenizer().encode("red one two three four five", true, false);
        float[] expected;
        try (FrozenBase base = new FrozenBase(GgufFile.open(state.lora().base()));
             LlamaTrainingModel model = new LlamaTrainingModel(base.shape(), 1)) {
            expected = model.logits(ids, 1, ids.length, new LoraWeights(base, adapters, null));
        }
        int vocab = state.settings().shape().vocab();
        try (GgufFile gguf = GgufFile.open(file)) {
            assertThat(TrainingTokenizer.fromGguf(gguf).metadata().keySet())
                    .containsExactlyInAnyOrderElementsOf(run.tokenizer().metadata().keySet());
            EngineLogits.assertMatch(gguf, ids, vocab, expected);
        }
    }
}
