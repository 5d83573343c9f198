package dev.colossus.train.loop;

import dev.colossus.train.checkpoint.CheckpointStore;
import dev.colossus.train.checkpoint.TrainingState;
import dev.colossus.train.dist.SingleProcess;
import dev.colossus.train.model.LlamaTrainingModel;
import dev.colossus.train.model.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class TrainerTest {

    @Test
    void lossFallsFarBelowTheUniformGuessAndTheModelCompletesThePattern() throws Exception {
        TinyRun run = TinyRun.create(150);
        TrainingState state = run.start();
        TrainingResult result;
        try (Trainer trainer = new Trainer(state, run.data(), SingleProcess.INSTANCE, 2, TrainingListener.NONE)) {
            result = trainer.run(Integer.MAX_VALUE, null, 1000);
        }
        double uniform = Math.log(run.tokenizer().vocabularySize());
        assertThat(result.step()).isEqualTo(150);
        assertThat((double) result.loss()).isLessThan(uniform / 8);
        assertThat((double) result.valLoss()).isLessThan(uniform / 4);
        assertThat(state.history().validationSteps()).contains(10, 150);

        String completion = greedy(state, "one two three four", 6);
        assertThat(completion).startsWith(" five six seven");
    }

    /** Greedy continuation of {@code prompt} by the trainer's own forward pass. */
    static String greedy(TrainingState state, String prompt, int tokens) {
        int[] ids = state.tokenizer().tokenizer().encode(prompt, true, false);
        StringBuilder out = new StringBuilder();
        try (LlamaTrainingModel model = new LlamaTrainingModel(state.parameters().shape(), 1)) {
            for (int n = 0; n < tokens; n++) {
                float[] logits = model.logits(ids, 1, ids.length, state.parameters());
                int vocab = state.parameters().shape().vocab();
                int best = 0;
                for (int v = 1; v < vocab; v++) {
                    if (logits[(ids.length - 1) * vocab + v] > logits[(ids.length - 1) * vocab + best]) best = v;
                }
                out.append(new String(state.tokenizer().tokenizer().piece(best, false), StandardCharsets.UTF_8));
                ids = Arrays.copyOf(ids, ids.length + 1);
                ids[ids.length - 1] = best;
            }
        }
        return out.toString();
    }

    @Test
    void aRunResumedFromItsHalfwayCheckpointEndsWithTheSameLossAndWeights(@TempDir Path dir) throws Exception {
        TinyRun run = TinyRun.create(24);
        TrainingState straight = run.start();
        TrainingResult whole;
        try (Trainer trainer = new Trainer(straight, run.data(), SingleProcess.INSTANCE, 2, TrainingListener.NONE)) {
            whole = trainer.run(Integer.MAX_VALUE, null, 1000);
        }

        CheckpointStore store = new CheckpointStore(dir);
        try (Trainer first = new Trainer(run.start(), run.data(), SingleProcess.INSTANCE, 2, TrainingListener.NONE)) {
            assertThat(first.run(12, store, 5).step()).isEqualTo(12);
        }
        TrainingState resumed = store.load();
        assertThat(resumed.step()).isEqualTo(12);
        TrainingResult second;
        try (Trainer trainer = new Trainer(resumed, run.data(), SingleProcess.INSTANCE, 2, TrainingListener.NONE)) {
            second = trainer.run(Integer.MAX_VALUE, store, 5);
        }

        assertThat(Float.toString(second.loss())).isEqualTo(Float.toString(whole.loss()));
        for (Parameters.Tensor t : straight.parameters().tensors()) {
            assertThat(resumed.parameters().data(t.name())).as(t.name()).isEqualTo(t.data());
        }
        assertThat(second.valLoss()).isEqualTo(whole.valLoss());
        assertThat(resumed.history().trainLosses()).isEqualTo(straight.history().trainLosses());
        assertThat(store.load().step()).isEqualTo(24);
    }
}
