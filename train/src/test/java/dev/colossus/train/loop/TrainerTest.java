package dev.colossus.train.loop;

import dev.colossus.train.checkpoint.CheckpointStore;
import dev.colossus.train.checkpoint.TrainingSettings;
import dev.colossus.train.checkpoint.TrainingState;
import dev.colossus.train.data.Window;
import dev.colossus.train.dist.SingleProcess;
import dev.colossus.train.model.LlamaTrainingModel;
import dev.colossus.train.model.Parameters;
import dev.colossus.train.testing.TinyRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

        String completion = TinyRun.greedy(state, "one two three four", 6);
        assertThat(completion).startsWith(" five six seven");
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
            assertThat(Arrays.mismatch(resumed.parameters().data(t.name()), t.data())).as("first differing element of "
                    + t.name()).isEqualTo(-1);
        }
        assertThat(second.valLoss()).isEqualTo(whole.valLoss());
        assertThat(Arrays.mismatch(resumed.history().trainLosses(), straight.history().trainLosses()))
                .as("first step whose loss differs").isEqualTo(-1);
        assertThat(store.load().step()).isEqualTo(24);
    }

    @Test
    void theValidationLossIsTheMeanOverEveryHeldOutWindowWhenTheLastBatchIsShort() throws Exception {
        TinyRun tiny = TinyRun.create(1);
        var t = tiny.settings();
        TrainingSettings settings = new TrainingSettings(t.shape(), t.context(), 1, 3, t.learningRate(), 1,
                t.weightDecay(), t.gradClip(), t.seed(), 0.25, 1);
        TinyRun run = new TinyRun(tiny.tokenizer(), tiny.data(), settings);
        TrainingState state = run.start();
        TrainingResult result;
        List<Window> windows;
        try (Trainer trainer = new Trainer(state, run.data(), SingleProcess.INSTANCE, 2, TrainingListener.NONE)) {
            windows = trainer.sampler().validation(Trainer.VALIDATION_WINDOWS);
            result = trainer.run(Integer.MAX_VALUE, null, 1000);
        }
        assertThat(windows.size() % settings.batch()).as("held-out windows left for a short last batch").isNotZero();

        double sum = 0;
        int count = 0;
        try (LlamaTrainingModel model = new LlamaTrainingModel(settings.shape(), 1)) {
            for (Window w : windows) {
                sum += (double) model.evaluate(w.inputs(), w.targets(), 1, settings.context(), state.parameters())
                        * w.targetCount();
                count += w.targetCount();
            }
        }
        assertThat((double) result.valLoss()).isCloseTo(sum / count, within(1e-5 * sum / count));
    }
}
