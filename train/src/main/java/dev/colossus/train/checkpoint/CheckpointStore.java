package dev.colossus.train.checkpoint;

import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufFormatException;
import dev.colossus.engine.gguf.GgufTensor;
import dev.colossus.engine.gguf.GgufValue;
import dev.colossus.engine.gguf.GgufValueType;
import dev.colossus.engine.gguf.GgufWriter;
import dev.colossus.train.export.GgufExport;
import dev.colossus.train.lora.LoraAdapters;
import dev.colossus.train.lora.LoraRun;
import dev.colossus.train.lora.LoraSettings;
import dev.colossus.train.lora.LoraTarget;
import dev.colossus.train.model.LlamaShape;
import dev.colossus.train.model.Parameters;
import dev.colossus.train.optim.AdamW;
import dev.colossus.train.tokenizer.TrainingTokenizer;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The checkpoint of a run in a directory: one file, {@code checkpoint.gguf}, replaced atomically each time (see
 * {@link AtomicFiles}), so that killing the process at any moment leaves the last complete checkpoint.
 * <p>The file is a GGUF model like an exported one (F32; the engine can load it) plus the AdamW moments as tensors
 * {@code adam.m.NAME} and {@code adam.v.NAME}, and the run's step, settings, data identity and loss history as
 * {@code colossus.train.*} metadata. Every float is stored as its exact bits, so a resumed run computes the same
 * numbers as one that never stopped.
 * <p>A LoRA run's checkpoint holds the adapters (and their moments) in place of the model's tensors, with
 * {@code colossus.train.lora.rank}, {@code .alpha}, {@code .targets} and {@code .base} (the base file's path);
 * the engine cannot load it as a model.
 * <p>Thread safety: none; one writer per directory (saving deletes the temporary files a killed writer left).
 */
public final class CheckpointStore {

    /** File name of the checkpoint inside its directory. */
    public static final String FILE_NAME = "checkpoint.gguf";
    private static final String K = "colossus.train.";
    private static final String FIRST_MOMENT = "adam.m.";
    private static final String SECOND_MOMENT = "adam.v.";
    private static final ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;

    /** The store in {@code directory} (created when the first checkpoint is saved). */
    public CheckpointStore(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** Writes {@code state} as the directory's checkpoint, replacing the previous one only once it is complete. */
    public void save(TrainingState state) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.deleteLeftovers(file);
        GgufWriter writer = GgufExport.writer(state.parameters(), state.tokenizer(), state.name(), GgmlType.F32);
        TrainingSettings s = state.settings();
        AdamW optimizer = state.optimizer();
        writer.put(K + "step", GgufValue.ofUint32(state.step()));
        writer.put(K + "context", GgufValue.ofUint32(s.context()));
        writer.put(K + "steps", GgufValue.ofUint32(s.steps()));
        writer.put(K + "batch", GgufValue.ofUint32(s.batch()));
        writer.put(K + "learning_rate", float64(s.learningRate()));
        writer.put(K + "warmup", GgufValue.ofUint32(s.warmup()));
        writer.put(K + "weight_decay", GgufValue.ofFloat32(s.weightDecay()));
        writer.put(K + "grad_clip", GgufValue.ofFloat32(s.gradClip()));
        writer.put(K + "seed", new GgufValue(GgufValueType.INT64, null, s.seed()));
        writer.put(K + "val_fraction", float64(s.valFraction()));
        writer.put(K + "eval_every", GgufValue.ofUint32(s.evalEvery()));
        writer.put(K + "adam.beta1", GgufValue.ofFloat32(optimizer.settings().beta1()));
        writer.put(K + "adam.beta2", GgufValue.ofFloat32(optimizer.settings().beta2()));
        writer.put(K + "adam.eps", GgufValue.ofFloat32(optimizer.settings().eps()));
        writer.put(K + "adam.steps", new GgufValue(GgufValueType.INT64, null, optimizer.stepCount()));
        writer.put(K + "data.description", GgufValue.of(state.data().description()));
        writer.put(K + "data.tokens", GgufValue.ofUint32(state.data().tokens()));
        writer.put(K + "data.fingerprint", new GgufValue(GgufValueType.INT64, null, state.data().fingerprint()));
        LossHistory h = state.history();
        writer.put(K + "history.train_steps", GgufValue.ofArray(h.trainSteps()));
        writer.put(K + "history.train_loss", GgufValue.ofArray(h.trainLosses()));
        writer.put(K + "history.val_steps", GgufValue.ofArray(h.validationSteps()));
        writer.put(K + "history.val_loss", GgufValue.ofArray(h.validationLosses()));
        if (state.lora() != null) {
            LoraRun lora = state.lora();
            writer.put(K + "lora.rank", GgufValue.ofUint32(lora.settings().rank()));
            writer.put(K + "lora.alpha", GgufValue.ofFloat32(lora.settings().alpha()));
            writer.put(K + "lora.targets", GgufValue.of(String.join(",", lora.settings().targets().stream()
                    .map(Enum::name).sorted().toList())));
            writer.put(K + "lora.base", GgufValue.of(lora.base().toAbsolutePath().toString()));
            writer.put(K + "lora.tied_embeddings", GgufValue.ofUint32(s.shape().tiedEmbeddings() ? 1 : 0));
        }
        addMoments(writer, FIRST_MOMENT, optimizer.firstMoments());
        addMoments(writer, SECOND_MOMENT, optimizer.secondMoments());
        AtomicFiles.write(file, writer::write);
    }

    private static GgufValue float64(double v) {
        return new GgufValue(GgufValueType.FLOAT64, null, v);
    }

    private static void addMoments(GgufWriter writer, String prefix, Parameters moments) {
        for (Parameters.Tensor t : moments.tensors()) {
            long[] ne = new long[t.ne().length];
            for (int i = 0; i < ne.length; i++) ne[i] = t.ne()[i];
            writer.addTensor(prefix + t.name(), ne, t.data());
        }
    }

    /**
     * Reads the checkpoint.
     *
     * @throws NoSuchFileException when there is none
     * @throws IOException         when it cannot be read or is not a checkpoint (the message says why)
     */
    public TrainingState load() throws IOException {
        if (!exists()) throw new NoSuchFileException(file.toString(), null, "no checkpoint");
        try (GgufFile gguf = GgufFile.open(file)) {
            LlamaShape read = LlamaShape.fromGguf(gguf);
            // a LoRA checkpoint has no output.weight, whether or not its base has one
            LlamaShape shape = !gguf.has(K + "lora.rank") ? read : new LlamaShape(read.vocab(), read.dim(), read.layers(),
                    read.heads(), read.kvHeads(), read.ffn(), read.context(), read.normEps(), read.ropeTheta(),
                    gguf.getInt(K + "lora.tied_embeddings") == 1);
            TrainingSettings settings = new TrainingSettings(shape, gguf.getInt(K + "context"),
                    gguf.getInt(K + "steps"), gguf.getInt(K + "batch"),
                    gguf.getDouble(K + "learning_rate", Double.NaN), gguf.getInt(K + "warmup"),
                    (float) gguf.getDouble(K + "weight_decay", Double.NaN),
                    (float) gguf.getDouble(K + "grad_clip", Double.NaN), gguf.getLong(K + "seed"),
                    gguf.getDouble(K + "val_fraction", Double.NaN), gguf.getInt(K + "eval_every"));
            LoraRun lora = gguf.has(K + "lora.rank") ? new LoraRun(new LoraSettings(gguf.getInt(K + "lora.rank"),
                    (float) gguf.getDouble(K + "lora.alpha", Double.NaN),
                    LoraTarget.parse(gguf.getString(K + "lora.targets"))), Path.of(gguf.getString(K + "lora.base")))
                    : null;
            Map<String, int[]> layout = lora == null ? Parameters.layout(shape) : LoraAdapters.layout(shape, lora.settings());
            Parameters parameters = read(gguf, "", shape, layout);
            AdamW optimizer = new AdamW(parameters, new AdamW.Settings(
                    (float) gguf.getDouble(K + "adam.beta1", Double.NaN),
                    (float) gguf.getDouble(K + "adam.beta2", Double.NaN),
                    (float) gguf.getDouble(K + "adam.eps", Double.NaN), settings.weightDecay()));
            optimizer.restore(gguf.getLong(K + "adam.steps"), read(gguf, FIRST_MOMENT, shape, layout),
                    read(gguf, SECOND_MOMENT, shape, layout));
            LossHistory history = new LossHistory(gguf.getArray(K + "history.train_steps", int[].class),
                    gguf.getArray(K + "history.train_loss", float[].class),
                    gguf.getArray(K + "history.val_steps", int[].class),
                    gguf.getArray(K + "history.val_loss", float[].class));
            TrainingState.DataInfo data = new TrainingState.DataInfo(gguf.getString(K + "data.description"),
                    gguf.getInt(K + "data.tokens"), gguf.getLong(K + "data.fingerprint"));
            return new TrainingState(gguf.getString("general.name"), settings, TrainingTokenizer.fromGguf(gguf),
                    parameters, optimizer, gguf.getInt(K + "step"), data, history, lora);
        } catch (GgufFormatException | IllegalArgumentException e) {
            throw new IOException(file + " is not a usable checkpoint: " + e.getMessage(), e);
        }
    }

    /** The F32 tensors {@code prefix + name} of {@code layout} (a model of {@code shape}), bit for bit. */
    private static Parameters read(GgufFile gguf, String prefix, LlamaShape shape, Map<String, int[]> layout) {
        Parameters p = Parameters.zeros(shape, layout);
        for (Parameters.Tensor t : p.tensors()) {
            GgufTensor g = gguf.tensor(prefix + t.name());
            if (g.type() != GgmlType.F32 || g.elements() != t.data().length) {
                throw new GgufFormatException("tensor " + g.name() + " is not " + t.data().length + " F32 values");
            }
            MemorySegment.copy(g.data(), LE_FLOAT, 0, t.data(), 0, t.data().length);
        }
        return p;
    }
}
