package dev.colossus.train.checkpoint;

import dev.colossus.train.loop.Trainer;
import dev.colossus.train.model.LlamaShape;
import dev.colossus.train.model.Parameters;
import dev.colossus.train.testing.TinyRun;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A process that writes checkpoints of step 1, 2, 3, ... into the directory {@code args[0]} as fast as it can,
 * printing "saved N" after each; every tensor of checkpoint N (weights and both moments) is filled with N. For the
 * test that kills it at random moments.
 */
public final class CheckpointWriterProcess {
    public static void main(String[] args) throws Exception {
        TinyRun run = TinyRun.create(10);
        LlamaShape shape = new LlamaShape(run.tokenizer().vocabularySize(), 128, 4, 4, 4, 384, 32, 1e-5f, 10000f, false);
        TrainingSettings settings = new TrainingSettings(shape, 32, 10, 4, 1e-3, 0, 0.1f, 1f, 1, 0.1, 5);
        TrainingState state = Trainer.start("killed", settings, run.tokenizer(), null, run.data(), "pattern");
        CheckpointStore store = new CheckpointStore(Path.of(args[0]));
        for (int step = 1; ; step++) {
            fill(state.parameters(), step);
            fill(state.optimizer().firstMoments(), step);
            fill(state.optimizer().secondMoments(), step);
            store.save(state.atStep(step));
            System.out.println("saved " + step);
            System.out.flush();
        }
    }

    static void fill(Parameters p, float value) {
        for (Parameters.Tensor t : p.tensors()) Arrays.fill(t.data(), value);
    }
}
