package dev.colossus.train.loop;

import dev.colossus.train.checkpoint.CheckpointStore;
import dev.colossus.train.checkpoint.LossHistory;
import dev.colossus.train.checkpoint.TrainingSettings;
import dev.colossus.train.checkpoint.TrainingState;
import dev.colossus.train.data.TokenData;
import dev.colossus.train.data.Window;
import dev.colossus.train.data.WindowSampler;
import dev.colossus.train.dist.BucketedAllReduce;
import dev.colossus.train.dist.Communicator;
import dev.colossus.train.lora.FrozenBase;
import dev.colossus.train.lora.LoraAdapters;
import dev.colossus.train.lora.LoraRun;
import dev.colossus.train.lora.LoraWeights;
import dev.colossus.train.model.LlamaTrainingModel;
import dev.colossus.train.model.LlamaWeights;
import dev.colossus.train.model.ModelPart;
import dev.colossus.train.model.Parameters;
import dev.colossus.train.optim.AdamW;
import dev.colossus.train.optim.GradientClipping;
import dev.colossus.train.optim.LearningRateSchedule;
import dev.colossus.train.tokenizer.TrainingTokenizer;

import dev.colossus.engine.gguf.GgufFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains a model, data-parallel over a {@link Communicator}'s ranks.
 * <p>Each step takes {@code batch} windows chosen by {@link WindowSampler#train} (window {@code i} of the step goes
 * to rank {@code i mod ranks}), computes the loss and its gradient on each rank, divided by the targets of the whole
 * batch, and sums the gradients (so the result is the gradient of the mean over the whole batch; each part of the
 * model is summed on the reducer's thread as soon as the backward pass has finished it), clips them to the
 * global norm, and takes an AdamW step with the learning rate of the schedule (linear warmup, cosine decay to a
 * tenth). Every rank holds the same weights throughout. The validation loss is measured every
 * {@code evalEvery} steps and at the last step, over up to {@value #VALIDATION_WINDOWS} held-out windows.
 * <p>Exact resume: nothing depends on how the run was cut into calls, so {@code run(N)} and {@code run(N/2)},
 * checkpoint, load, {@code run(N)} compute the same numbers, bit for bit (with the same number of ranks and threads).
 * <p>A LoRA run ({@link TrainingState#lora()} not null) trains only its adapters: the trainer opens the base file,
 * keeps it in its stored type while training, and closes it with {@link #close()}.
 * <p>Thread safety: none; one thread drives a trainer (it uses its own worker threads inside).
 */
public final class Trainer implements AutoCloseable {

    /** Most held-out windows a validation loss is measured on. */
    public static final int VALIDATION_WINDOWS = 32;

    private final TrainingState state;
    private final WindowSampler sampler;
    private final List<Window> validation;
    /**
     * Inputs and targets of one validation batch, as many windows as a training step's share: a last, shorter
     * chunk is padded with ignored targets, so validation reuses the training step's activation buffers.
     */
    private final int[] validationInputs, validationTargets;
    private final Communicator communicator;
    private final TrainingListener listener;
    private final FrozenBase base;
    private final LlamaTrainingModel model;
    private final Parameters gradients;
    /**
     * The gradient tensors' arrays of each part of the model, parts in the order the backward pass finishes them
     * (a tensor of no part goes with the last), as the all-reduce takes them.
     */
    private final Map<ModelPart, List<float[]>> partGradients;
    private final LlamaWeights weights;
    private final BucketedAllReduce reducer;
    private final LearningRateSchedule schedule;
    private int step;

    /**
     * A trainer continuing {@code state} on {@code data}.
     *
     * @param threads   compute threads of this rank
     * @param listener  told of progress on rank 0
     * @throws IllegalArgumentException when the data is not the state's (fingerprint), cannot fill a batch, the
     *                                  batch does not divide among the ranks, or a LoRA run's base is not its shape
     * @throws UncheckedIOException     when a LoRA run's base cannot be read
     */
    public Trainer(TrainingState state, TokenData data, Communicator communicator, int threads,
                   TrainingListener listener) {
        TrainingSettings s = state.settings();
        if (state.data().fingerprint() != data.fingerprint() || state.data().tokens() != data.size()) {
            throw new IllegalArgumentException("the data (" + data.size() + " tokens) is not what the checkpoint was "
                    + "trained on (" + state.data().description() + ", " + state.data().tokens() + " tokens)");
        }
        if (s.batch() % communicator.size() != 0) {
            throw new IllegalArgumentException("--batch " + s.batch() + " does not divide among " + communicator.size()
                    + " ranks");
        }
        this.state = state;
        this.sampler = new WindowSampler(data, s.context(), s.valFraction(), s.seed());
        sampler.requireBatch(s.batch());
        List<Window> all = sampler.validation(VALIDATION_WINDOWS);
        this.validation = new ArrayList<>();
        for (int i = communicator.rank(); i < all.size(); i += communicator.size()) validation.add(all.get(i));
        int validationTokens = Math.max(1, s.batch() / communicator.size()) * s.context();
        this.validationInputs = new int[validationTokens];
        this.validationTargets = new int[validationTokens];
        this.communicator = communicator;
        this.listener = communicator.isRoot() ? listener : TrainingListener.NONE;
        this.base = state.lora() == null ? null : openBase(state.lora(), s);
        this.model = new LlamaTrainingModel(s.shape(), threads);
        this.gradients = Parameters.zerosLike(state.parameters());
        this.partGradients = partGradients(gradients);
        this.weights = base == null ? LlamaWeights.of(state.parameters(), gradients)
                : new LoraWeights(base, new LoraAdapters(state.lora().settings(), state.parameters()), gradients);
        this.reducer = new BucketedAllReduce(communicator);
        this.schedule = LearningRateSchedule.withTenPercentFloor(s.learningRate(), s.warmup(), s.steps());
        this.step = state.step();
    }

    /**
     * A new run: fresh weights from the seed (or {@code initial}, for fine-tuning), zero optimizer state, step 0.
     *
     * @param initial weights to start from (used as they are, not copied), or null for a fresh initialisation
     * @throws IllegalArgumentException when the tokenizer's or the initial weights' shape is not the settings'
     */
    public static TrainingState start(String name, TrainingSettings settings, TrainingTokenizer tokenizer,
                                      Parameters initial, TokenData data, String dataDescription) {
        if (tokenizer.vocabularySize() != settings.shape().vocab()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabularySize()
                    + " tokens but the model's vocabulary " + settings.shape().vocab());
        }
        if (initial != null && !initial.shape().equals(settings.shape())) {
            throw new IllegalArgumentException("the initial weights are of another shape");
        }
        Parameters parameters = initial != null ? initial : Parameters.initialize(settings.shape(), settings.seed());
        AdamW optimizer = new AdamW(parameters, new AdamW.Settings(AdamW.Settings.DEFAULT.beta1(),
                AdamW.Settings.DEFAULT.beta2(), AdamW.Settings.DEFAULT.eps(), settings.weightDecay()));
        return new TrainingState(name, settings, tokenizer, parameters, optimizer, 0,
                new TrainingState.DataInfo(dataDescription, data.size(), data.fingerprint()), new LossHistory());
    }

    /**
     * A new LoRA run: adapters from the seed ({@code B = 0}, so training starts from the base), zero optimizer
     * state, step 0. The settings' shape must be the base's.
     *
     * @throws IllegalArgumentException when the tokenizer's size is not the settings' vocabulary
     */
    public static TrainingState startLora(String name, TrainingSettings settings, TrainingTokenizer tokenizer,
                                          LoraRun lora, TokenData data, String dataDescription) {
        TrainingState plain = start(name, settings, tokenizer,
                LoraAdapters.initialize(settings.shape(), lora.settings(), settings.seed()).parameters(), data,
                dataDescription);
        return new TrainingState(name, settings, tokenizer, plain.parameters(), plain.optimizer(), 0, plain.data(),
                plain.history(), lora);
    }

    private static FrozenBase openBase(LoraRun lora, TrainingSettings s) {
        FrozenBase base;
        try {
            base = new FrozenBase(GgufFile.open(lora.base()));
        } catch (IOException e) {
            throw new UncheckedIOException(lora.base() + ": " + e.getMessage(), e);
        }
        if (!base.shape().equals(s.shape())) {
            base.close();
            throw new IllegalArgumentException(lora.base() + " is not the base this LoRA run was started on");
        }
        return base;
    }

    private static Map<ModelPart, List<float[]>> partGradients(Parameters gradients) {
        Map<ModelPart, List<float[]>> parts = new LinkedHashMap<>();
        List<ModelPart> order = ModelPart.backwardOrder(gradients.shape());
        for (ModelPart part : order) parts.put(part, new ArrayList<>());
        for (Parameters.Tensor t : gradients.tensors()) {
            ModelPart owner = order.stream().filter(part -> part.owns(t.name())).findFirst().orElse(order.getLast());
            parts.get(owner).add(t.data());
        }
        return parts;
    }

    /** Steps done so far. */
    public int step() {
        return step;
    }

    /** The run as it stands (after {@link #run}, at its last step). */
    public TrainingState state() {
        return state.atStep(step);
    }

    public WindowSampler sampler() {
        return sampler;
    }

    /**
     * Trains until {@code until} steps are done (at most the run's length), writing a checkpoint every
     * {@code checkpointEvery} steps and at the end, on rank 0.
     *
     * @param store           where checkpoints go, or null for none
     * @param checkpointEvery steps between checkpoints (positive)
     * @throws TrainingDivergedException when the loss becomes NaN or infinite
     * @throws IOException                when a checkpoint cannot be written
     */
    public TrainingResult run(int until, CheckpointStore store, int checkpointEvery) throws IOException {
        if (checkpointEvery < 1) throw new IllegalArgumentException("--checkpoint-every must be at least 1");
        TrainingSettings s = state.settings();
        int stop = Math.min(until, s.steps());
        int ranks = communicator.size();
        int local = s.batch() / ranks;
        int context = s.context();
        int[] inputs = new int[local * context];
        int[] targets = new int[local * context];
        LossHistory history = state.history();
        float valLoss = Float.NaN;
        int validatedAt = -1;
        // the ranks start timing together: one that is still loading its data is not counted as training time
        communicator.barrier();
        long start = System.nanoTime();
        int first = step;
        while (step < stop) {
            int index = step;
            for (int i = 0; i < local; i++) {
                Window w = sampler.train(index, communicator.rank() + i * ranks);
                System.arraycopy(w.inputs(), 0, inputs, i * context, context);
                System.arraycopy(w.targets(), 0, targets, i * context, context);
            }
            gradients.zero();
            float loss = ranks == 1 ? model.forwardBackward(inputs, targets, local, context, weights)
                    : forwardBackwardReduced(inputs, targets, local, context);
            if (!Float.isFinite(loss)) {
                throw new TrainingDivergedException("the loss became " + loss + " at step " + (index + 1)
                        + "; try a smaller --lr");
            }
            double norm = s.gradClip() > 0 ? GradientClipping.clip(gradients, s.gradClip())
                    : GradientClipping.globalNorm(gradients);
            float lr = schedule.at(index);
            state.optimizer().step(state.parameters(), gradients, lr);
            step = index + 1;
            history.addTrain(step, loss);
            listener.stepDone(step, s.steps(), loss, lr, norm);
            if (step % s.evalEvery() == 0 || step == s.steps()) {
                valLoss = validate();
                validatedAt = step;
                if (!Float.isNaN(valLoss)) {
                    history.addValidation(step, valLoss);
                    listener.validated(step, valLoss);
                }
            }
            if (store != null && (step % checkpointEvery == 0 || step == stop)) checkpoint(store);
        }
        if (validatedAt != step) valLoss = validate();
        double seconds = (System.nanoTime() - start) / 1e9;
        long tokens = (long) (step - first) * s.batch() * context;
        float[] losses = history.trainLosses();
        return new TrainingResult(step, losses.length == 0 ? Float.NaN : losses[losses.length - 1], valLoss,
                tokens == 0 ? 0 : tokens / seconds);
    }

    private void checkpoint(CheckpointStore store) throws IOException {
        if (communicator.isRoot()) {
            store.save(state());
            listener.checkpointed(step);
        }
    }

    /**
     * The pass on this rank's share of the batch, its gradients summed over the ranks while it goes on: each part of
     * the model as soon as the backward pass has finished it. Each rank divides its losses and gradients by the
     * targets of the whole batch, so the sums are the mean loss over all targets and its gradient. Returns that loss.
     */
    private float forwardBackwardReduced(int[] inputs, int[] targets, int batch, int context) {
        float[] count = {countTargets(targets)};
        communicator.allReduceSum(count, 0, 1);
        Set<ModelPart> started = new HashSet<>();
        float localLoss = model.forwardBackward(inputs, targets, batch, context, weights, (int) count[0], part -> {
            reducer.startSum(partGradients.get(part));
            started.add(part);
        });
        // a share without targets has no backward pass: its (zero) gradients still join every sum, in order
        partGradients.forEach((part, arrays) -> {
            if (!started.contains(part)) reducer.startSum(arrays);
        });
        reducer.await();
        float[] loss = {localLoss};
        communicator.allReduceSum(loss, 0, 1);
        return loss[0];
    }

    /** The mean loss over the validation windows of all ranks, NaN when there are none. */
    private float validate() {
        TrainingSettings s = state.settings();
        int context = s.context();
        int chunk = Math.max(1, s.batch() / communicator.size());
        int[] inputs = validationInputs, targets = validationTargets;
        double sum = 0;
        int count = 0;
        for (int from = 0; from < validation.size(); from += chunk) {
            int n = Math.min(chunk, validation.size() - from);
            for (int i = 0; i < n; i++) {
                System.arraycopy(validation.get(from + i).inputs(), 0, inputs, i * context, context);
                System.arraycopy(validation.get(from + i).targets(), 0, targets, i * context, context);
            }
            Arrays.fill(inputs, n * context, inputs.length, 0);
            Arrays.fill(targets, n * context, targets.length, Window.IGNORED);
            int targetCount = countTargets(targets);
            sum += (double) model.evaluate(inputs, targets, chunk, context, weights) * targetCount;
            count += targetCount;
        }
        float[] totals = {(float) sum, count};
        if (communicator.size() > 1) communicator.allReduceSum(totals, 0, 2);
        return totals[1] == 0 ? Float.NaN : totals[0] / totals[1];
    }

    private static int countTargets(int[] targets) {
        int n = 0;
        for (int t : targets) if (t != Window.IGNORED) n++;
        return n;
    }

    @Override
    public void close() {
        reducer.close();
        model.close();
        if (base != null) base.close();
    }
}
