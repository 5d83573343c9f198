package dev.colossus.train.loop;

import dev.colossus.train.checkpoint.TrainingState;
import dev.colossus.train.dist.Communicator;
import dev.colossus.train.dist.Communicators;
import dev.colossus.train.model.Parameters;
import dev.colossus.train.testing.TinyRun;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * Trains the tiny run on the ranks this process belongs to (one process, or those of {@code mpirun}) and prints, on
 * every rank, a digest of its final weights and, on rank 0, the loss of every step and the final validation loss.
 * Arguments: {@code steps threads}.
 */
public final class DataParallelTraining {
    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        try (Communicator comm = Communicators.fromEnvironment()) {
            Outcome outcome = train(comm, steps, threads);
            System.out.println("rank " + comm.rank() + " weights " + outcome.weightsDigest());
            if (comm.isRoot()) {
                StringJoiner losses = new StringJoiner(",");
                for (float loss : outcome.losses()) losses.add(Float.toString(loss));
                System.out.println("losses " + losses);
                System.out.println("validation " + outcome.validationLoss());
            }
        }
    }

    /** What a run ends with: every step's training loss, the last validation loss, a digest of the weights' bits. */
    record Outcome(float[] losses, float validationLoss, String weightsDigest) {}

    static Outcome train(Communicator comm, int steps, int threads) throws Exception {
        TinyRun run = TinyRun.create(steps);
        TrainingState state = run.start();
        TrainingResult result;
        try (Trainer trainer = new Trainer(state, run.data(), comm, threads, TrainingListener.NONE)) {
            result = trainer.run(Integer.MAX_VALUE, null, 1000);
        }
        long digest = 1;
        for (Parameters.Tensor t : state.parameters().tensors()) digest = 31 * digest + Arrays.hashCode(t.data());
        return new Outcome(state.history().trainLosses(), result.valLoss(), Long.toHexString(digest));
    }
}
