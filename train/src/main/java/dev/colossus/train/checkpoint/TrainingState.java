package dev.colossus.train.checkpoint;

import dev.colossus.train.lora.LoraRun;
import dev.colossus.train.model.Parameters;
import dev.colossus.train.optim.AdamW;
import dev.colossus.train.tokenizer.TrainingTokenizer;

/**
 * A training run at the end of a step: all a checkpoint holds, and all a run needs to continue exactly as if it had
 * not stopped. The parameters, optimizer and history are live (mutable) objects the loop updates.
 *
 * @param name       the model's name ({@code general.name} of checkpoints and exports)
 * @param settings   the run's settings
 * @param tokenizer  its tokenizer
 * @param parameters the weights
 * @param optimizer  AdamW with its moments and step count
 * @param step       steps done
 * @param data       what the run reads
 * @param history    losses so far
 * @param lora       for a LoRA run, its adapters' settings and base file ({@code parameters} are then the
 *                   adapters); null for a run that trains every weight
 */
public record TrainingState(String name, TrainingSettings settings, TrainingTokenizer tokenizer, Parameters parameters,
                            AdamW optimizer, int step, DataInfo data, LossHistory history, LoraRun lora) {

    /** A run that trains every weight. */
    public TrainingState(String name, TrainingSettings settings, TrainingTokenizer tokenizer, Parameters parameters,
                         AdamW optimizer, int step, DataInfo data, LossHistory history) {
        this(name, settings, tokenizer, parameters, optimizer, step, data, history, null);
    }

    /**
     * Identifies a run's data, so that a resumed run can tell when it is given other data.
     *
     * @param description where the data came from
     * @param tokens      tokens after tokenization
     * @param fingerprint digest of the tokens (see {@link dev.colossus.train.data.TokenData#fingerprint()})
     */
    public record DataInfo(String description, int tokens, long fingerprint) {
    }

    /** The same run with {@code step} steps done. */
    public TrainingState atStep(int step) {
        return new TrainingState(name, settings, tokenizer, parameters, optimizer, step, data, history, lora);
    }
}
