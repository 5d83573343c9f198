package dev.colossus.train.model;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A process that computes {@link #pass()} once and writes its floats to the file {@code args[0]}; the test starts it
 * with {@code -Xint}, so every operation runs in the interpreter.
 */
public final class InterpretedPass {

    public static void main(String[] args) throws IOException {
        float[] values = pass();
        try (OutputStream file = Files.newOutputStream(Path.of(args[0]));
             DataOutputStream out = new DataOutputStream(file)) {
            out.writeInt(values.length);
            for (float v : values) out.writeFloat(v);
        }
    }

    /**
     * The loss and every gradient of one forward and backward pass of a small model, with dimensions that leave
     * tails after the vector loops (model width 40, vocabulary 67, 21 positions).
     */
    static float[] pass() {
        LlamaShape shape = new LlamaShape(67, 40, 2, 2, 1, 72, 32, 1e-5f, 10000f, false);
        Parameters params = Parameters.initialize(shape, 5);
        Parameters grads = Parameters.zeros(shape);
        SplittableRandom random = new SplittableRandom(9);
        int batch = 2, seqLen = 21;
        int[] inputs = new int[batch * seqLen], targets = new int[batch * seqLen];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextInt(shape.vocab());
            targets[i] = random.nextInt(shape.vocab());
        }
        float loss;
        try (LlamaTrainingModel model = new LlamaTrainingModel(shape, 2)) {
            loss = model.forwardBackward(inputs, targets, batch, seqLen, params, grads);
        }
        float[] all = new float[1 + grads.tensors().stream().mapToInt(t -> t.data().length).sum()];
        all[0] = loss;
        int at = 1;
        for (Parameters.Tensor t : grads.tensors()) {
            System.arraycopy(t.data(), 0, all, at, t.data().length);
            at += t.data().length;
        }
        return all;
    }
}
