package dev.colossus.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.app.Config;
import dev.colossus.app.UserError;
import dev.colossus.app.training.ChatData;
import dev.colossus.app.training.NetworkPosts;
import dev.colossus.app.training.TrainProgress;
import dev.colossus.assistant.template.BuiltinTemplate;
import dev.colossus.assistant.template.ChatFormat;
import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufFormatException;
import dev.colossus.engine.gguf.GgufValue;
import dev.colossus.train.checkpoint.CheckpointStore;
import dev.colossus.train.checkpoint.TrainingSettings;
import dev.colossus.train.checkpoint.TrainingState;
import dev.colossus.train.data.TextFiles;
import dev.colossus.train.data.TextSource;
import dev.colossus.train.data.TokenData;
import dev.colossus.train.data.TrainingSequence;
import dev.colossus.train.data.WindowSampler;
import dev.colossus.train.dist.Communicator;
import dev.colossus.train.dist.CommunicatorException;
import dev.colossus.train.dist.Communicators;
import dev.colossus.train.export.GgufExport;
import dev.colossus.train.loop.LossCurve;
import dev.colossus.train.loop.Trainer;
import dev.colossus.train.loop.TrainingDivergedException;
import dev.colossus.train.loop.TrainingListener;
import dev.colossus.train.loop.TrainingResult;
import dev.colossus.train.lora.FrozenBase;
import dev.colossus.train.lora.LoraAdapters;
import dev.colossus.train.lora.LoraMerge;
import dev.colossus.train.lora.LoraRun;
import dev.colossus.train.lora.LoraSettings;
import dev.colossus.train.lora.LoraTarget;
import dev.colossus.train.model.LlamaShape;
import dev.colossus.train.model.Parameters;
import dev.colossus.train.optim.AdamW;
import dev.colossus.train.tokenizer.BpeTrainer;
import dev.colossus.train.tokenizer.BpeVocabulary;
import dev.colossus.train.tokenizer.TrainingTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code colossus train}: trains a llama-family model from scratch (tokenizer included) or fine-tunes a GGUF model,
 * on one process or as one rank of an Open MPI job, and writes a GGUF file. Progress goes to stderr; stdout gets
 * one summary line (with {@code --json}, a JSON object).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a llama-family model on text, or fine-tune a GGUF model, and write it as GGUF.",
                "Data: --data FILE (plain text, or .jsonl with a \"text\" field), --network DIR (the network's public "
                        + "posts) or --chat FILE.jsonl (conversations; only the assistant's turns are learned).",
                "Under mpirun every rank runs this same command; rank 0 prints and writes files. "
                        + "Exit code 2: bad arguments or data; 1: training failed."})
public final class TrainCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--data", paramLabel = "FILE", description = "Training text: a UTF-8 text file (one document), "
            + "or .jsonl/.ndjson with one {\"text\": ...} object a line.")
    Path data;

    @Option(names = "--network", paramLabel = "DATA_DIR", description = "Train on the public posts of the Colossus "
            + "network in DATA_DIR (read only; COLOSSUS_DB_URL applies).")
    Path network;

    @Option(names = "--chat", paramLabel = "FILE.jsonl", description = "Chat fine-tuning: one {\"messages\": [{role, "
            + "content}, ...]} a line, rendered with the model's chat template; only assistant turns are trained.")
    Path chat;

    @Option(names = "--out", required = true, paramLabel = "FILE.gguf", description = "The trained model (GGUF, "
            + "general.architecture = llama).")
    Path out;

    @Option(names = "--type", paramLabel = "F32|F16", defaultValue = "F32",
            description = "Type of the output's matrices (default ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--from", paramLabel = "BASE.gguf", description = "Fine-tune this llama model (any type the "
            + "engine reads) instead of starting from random weights; its tokenizer and chat template are kept.")
    Path from;

    @Option(names = "--lora", paramLabel = "RANK", description = "With --from: train rank-RANK adapters on the frozen "
            + "base (kept in its file's type) instead of every weight; --out gets the merged model.")
    Integer lora;

    @Option(names = "--lora-alpha", paramLabel = "A", description = "Adapter scale numerator: W + (A/RANK)·B·A "
            + "(default 2 × RANK).")
    Float loraAlpha;

    @Option(names = "--lora-targets", paramLabel = "LIST", description = "Projections with adapters, of q,k,v,o,gate,"
            + "up,down (default all).")
    String loraTargets;

    @Option(names = "--vocab", paramLabel = "N", description = "Tokens of the byte-level BPE tokenizer trained on the "
            + "data first, without --from (default 2048; at least 258).")
    Integer vocab;

    @Option(names = "--dim", paramLabel = "D", description = "Embedding width (default 256).")
    Integer dim;

    @Option(names = "--layers", paramLabel = "L", description = "Transformer blocks (default 4).")
    Integer layers;

    @Option(names = "--heads", paramLabel = "H", description = "Attention heads; D/H must be even (default 4).")
    Integer heads;

    @Option(names = "--kv-heads", paramLabel = "K", description = "Key/value heads, dividing H (default: H).")
    Integer kvHeads;

    @Option(names = "--ffn", paramLabel = "F", description = "Feed-forward width (default: 3 × D, rounded to 32).")
    Integer ffn;

    @Option(names = "--context", paramLabel = "T", description = "Tokens per training window; the new model's context "
            + "length (default 256; with --from at most the base's, default the smaller of 256 and the base's).")
    Integer context;

    @Option(names = "--steps", paramLabel = "N", description = "Length of the whole run in optimizer steps: the "
            + "learning-rate schedule's length (default 1000).")
    Integer steps;

    @Option(names = "--batch", paramLabel = "B", description = "Windows per step, over all ranks (default 8).")
    Integer batch;

    @Option(names = "--lr", paramLabel = "X", description = "Peak learning rate, after warmup; cosine decay to a "
            + "tenth (default 1e-3, with --from 1e-4).")
    Double lr;

    @Option(names = "--warmup", paramLabel = "N", description = "Steps of linear warmup (default: a tenth of --steps, "
            + "at most 100).")
    Integer warmup;

    @Option(names = "--weight-decay", paramLabel = "W", description = "AdamW weight decay on matrices (default 0.1).")
    Float weightDecay;

    @Option(names = "--grad-clip", paramLabel = "C", description = "Clip the global gradient norm to C; 0 = off "
            + "(default 1.0).")
    Float gradClip;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the initial weights and the data order "
            + "(default 42).")
    Long seed;

    @Option(names = "--val-fraction", paramLabel = "F", description = "Share of the data held out (its tail) for the "
            + "validation loss; 0 = none (default 0.05).")
    Double valFraction;

    @Option(names = "--eval-every", paramLabel = "N", description = "Steps between validation losses (default: a "
            + "tenth of --steps); also at the last step.")
    Integer evalEvery;

    @Option(names = "--threads", paramLabel = "N", description = "Compute threads of this process (default: "
            + "the available processors, shared among the ranks mpirun started on this machine).")
    Integer threads;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "Keep a checkpoint (DIR/checkpoint.gguf: "
            + "weights, AdamW state, step, settings, tokenizer, data identity, loss history), replaced atomically.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "K", defaultValue = "100",
            description = "Steps between checkpoints, plus one at the end (default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--until", paramLabel = "S", description = "Stop after step S with a checkpoint (and write --out), "
            + "to do a long run in slices; needs --checkpoint.")
    Integer until;

    @Option(names = "--resume", description = "Continue the run in --checkpoint DIR exactly where it stopped "
            + "(same data; settings from the checkpoint unless given here).")
    boolean resume;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write the loss curve (training and validation) "
            + "as PNG, and its numbers as CSV next to it (FILE.csv).")
    Path plot;

    @Option(names = "--name", paramLabel = "NAME", description = "general.name of the model (default: the --out file "
            + "name without extension).")
    String name;

    @Option(names = "--json", description = "Print the result as one JSON line: {\"steps\", \"loss\", \"val_loss\", "
            + "\"tokens_per_s\", \"out\"}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        checkFlags();
        Communicator communicator;
        try {
            communicator = Communicators.fromEnvironment();
        } catch (CommunicatorException e) {
            throw new UserError(e.getMessage());
        }
        int code;
        try {
            code = train(communicator);
        } catch (RuntimeException | IOException e) {
            // Under mpirun a failed rank must not wait for the others in MPI_Finalize: it ends the whole job.
            if (communicator.size() > 1) {
                System.err.println("colossus train: rank " + communicator.rank() + ": " + e.getMessage());
                communicator.abort(e instanceof UserError ? 2 : 1);
            }
            throw e;
        }
        communicator.close();
        return code;
    }

    private void checkFlags() {
        int sources = (data != null ? 1 : 0) + (network != null ? 1 : 0) + (chat != null ? 1 : 0);
        if (sources != 1) throw new UserError("give exactly one of --data FILE, --network DIR or --chat FILE.jsonl");
        if (data != null && !Files.isRegularFile(data)) throw new UserError("no such file: " + data);
        if (chat != null && !Files.isRegularFile(chat)) throw new UserError("no such file: " + chat);
        if (from != null && !Files.isRegularFile(from)) throw new UserError("no such file: " + from);
        if (until != null && checkpoint == null) throw new UserError("--until needs --checkpoint DIR");
        if (resume && checkpoint == null) throw new UserError("--resume needs --checkpoint DIR");
        if (until != null && until < 1) throw new UserError("--until must be at least 1");
        if (checkpointEvery < 1) throw new UserError("--checkpoint-every must be at least 1");
        if (threads != null && threads < 1) throw new UserError("--threads must be at least 1");
        if (!type.equals("F32") && !type.equals("F16")) throw new UserError("--type must be F32 or F16, not " + type);
        List<String> shapeFlags = new ArrayList<>();
        if (vocab != null) shapeFlags.add("--vocab");
        if (dim != null) shapeFlags.add("--dim");
        if (layers != null) shapeFlags.add("--layers");
        if (heads != null) shapeFlags.add("--heads");
        if (kvHeads != null) shapeFlags.add("--kv-heads");
        if (ffn != null) shapeFlags.add("--ffn");
        if (resume && (from != null || !shapeFlags.isEmpty())) {
            throw new UserError("--resume continues the checkpoint's model; drop "
                    + String.join(", ", from != null ? List.of("--from") : shapeFlags));
        }
        if (lora == null && (loraAlpha != null || loraTargets != null)) {
            throw new UserError("--lora-alpha and --lora-targets need --lora RANK");
        }
        if (lora != null && resume) throw new UserError("--resume continues the checkpoint's LoRA run; drop --lora");
        if (lora != null && from == null) throw new UserError("--lora needs --from BASE.gguf (the model to adapt)");
        if (lora != null && lora < 1) throw new UserError("--lora must be at least 1, not " + lora);
        if (from != null && !shapeFlags.isEmpty()) {
            throw new UserError("--from keeps the base model's shape and tokenizer; drop " + String.join(", ", shapeFlags));
        }
        if (out.getParent() != null && !Files.isDirectory(out.toAbsolutePath().getParent())) {
            throw new UserError("no such directory for --out: " + out.toAbsolutePath().getParent());
        }
    }

    private int train(Communicator communicator) throws IOException {
        boolean root = communicator.isRoot();
        CheckpointStore store = checkpoint == null ? null : new CheckpointStore(checkpoint);
        Prepared run;
        try {
            if (resume) {
                if (!store.exists()) throw new UserError("no checkpoint to resume in " + checkpoint);
                TrainingState state;
                try {
                    state = overridden(store.load());
                } catch (IOException e) {
                    throw new UserError(e.getMessage());
                }
                run = new Prepared(state, tokenize(state.tokenizer(), chatFormat(store.file()), root));
            } else {
                if (root && store != null && store.exists()) {
                    System.err.println("colossus train: starting a new run; it replaces the checkpoint in " + checkpoint
                            + " (use --resume to continue it)");
                }
                run = from != null ? fineTune(root) : fromScratch(root);
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UserError(e.getMessage());
        }
        TrainingState state = run.state();
        TokenData tokens = run.tokens();
        TrainingSettings s = state.settings();
        try {
            new WindowSampler(tokens, s.context(), s.valFraction(), s.seed()).requireBatch(s.batch());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        int threadCount = threads != null ? threads : Communicators.defaultThreads();
        TrainingResult result;
        try (TrainProgress progress = root ? new TrainProgress(state.step(), s.steps(), (long) s.batch() * s.context())
                : null;
             Trainer trainer = newTrainer(state, tokens, communicator, threadCount,
                     progress == null ? TrainingListener.NONE : progress)) {
            if (root) describe(trainer, s);
            result = trainer.run(until != null ? until : s.steps(), store, checkpointEvery);
        } catch (TrainingDivergedException e) {
            throw new IllegalStateException(e.getMessage());
        }
        if (root) finish(state, result);
        communicator.barrier();
        return 0;
    }

    private static Trainer newTrainer(TrainingState state, TokenData tokens, Communicator communicator, int threads,
                                      TrainingListener listener) {
        try {
            return new Trainer(state, tokens, communicator, threads, listener);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** A run ready to train: its state and its tokenized data. */
    private record Prepared(TrainingState state, TokenData tokens) {
    }

    private Prepared fromScratch(boolean root) throws IOException {
        int vocabulary = vocab != null ? vocab : 2048;
        int d = dim != null ? dim : 256;
        int h = heads != null ? heads : 4;
        int t = context != null ? context : 256;
        int blocks = layers != null ? layers : 4;
        int hidden = ffn != null ? ffn : Math.max(32, Math.round(3f * d / 32) * 32);
        // The shape's checks before the tokenizer is trained (its final vocabulary may be smaller).
        new LlamaShape(vocabulary, d, blocks, h, kvHeads != null ? kvHeads : h, hidden, t, 1e-5f, 10000f, false);
        if (vocabulary < BpeTrainer.BASE_TOKENS) {
            throw new UserError("--vocab must be at least " + BpeTrainer.BASE_TOKENS + " (2 special tokens and 256 bytes)");
        }
        long start = System.nanoTime();
        BpeTrainer bpe = new BpeTrainer();
        ChatFormat format = null;
        if (chat != null) {
            // A chat model from scratch uses ChatML, written into its tokenizer metadata for every runtime to use.
            format = new ChatFormat(BuiltinTemplate.CHATML.template(), BpeVocabulary.BOS_TEXT, BpeVocabulary.EOS_TEXT,
                    "builtin:chatml");
            for (String text : ChatData.read(chat).renderedTexts(format)) bpe.add(text);
        } else {
            source().forEach(bpe::add);
        }
        TrainingTokenizer tokenizer;
        try {
            var trained = bpe.train(vocabulary);
            Map<String, GgufValue> metadata = new LinkedHashMap<>(trained.metadata());
            if (format != null) metadata.put("tokenizer.chat_template", GgufValue.of(format.template().source()));
            tokenizer = TrainingTokenizer.of(metadata);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (root) {
            System.err.printf(Locale.ROOT, "colossus train: tokenizer of %,d tokens trained in %.1f s%n",
                    tokenizer.vocabularySize(), (System.nanoTime() - start) / 1e9);
        }
        TokenData tokens = tokenize(tokenizer, format, root);
        LlamaShape shape = new LlamaShape(tokenizer.vocabularySize(), d, blocks, h, kvHeads != null ? kvHeads : h,
                hidden, t, 1e-5f, 10000f, false);
        return new Prepared(Trainer.start(modelName(), settings(shape, t, 1e-3), tokenizer, null, tokens,
                description()), tokens);
    }

    private Prepared fineTune(boolean root) throws IOException {
        if (lora != null) return fineTuneLora(root);
        Parameters base;
        TrainingTokenizer tokenizer;
        ChatFormat format;
        try (GgufFile gguf = GgufFile.open(from)) {
            try {
                base = Parameters.fromGguf(gguf);
            } catch (IllegalArgumentException e) {
                throw new UserError(from + ": cannot be trained: " + e.getMessage());
            }
            tokenizer = TrainingTokenizer.fromGguf(gguf);
            format = chat != null ? ChatFormat.of(gguf) : null;
        } catch (GgufFormatException e) {
            throw new UserError(e.getMessage());
        }
        LlamaShape shape = base.shape();
        if (context != null && context > shape.context()) {
            throw new UserError("--context " + context + " is longer than " + from.getFileName()
                    + "'s context length " + shape.context());
        }
        if (root) {
            System.err.printf(Locale.ROOT, "colossus train: fine-tuning %s (%,d parameters)%n", from.getFileName(),
                    shape.parameterCount());
        }
        TokenData tokens = tokenize(tokenizer, format, root);
        int t = context != null ? context : Math.min(256, shape.context());
        return new Prepared(Trainer.start(modelName(), settings(shape, t, 1e-4), tokenizer, base, tokens,
                description()), tokens);
    }

    private Prepared fineTuneLora(boolean root) throws IOException {
        LoraRun run;
        try {
            run = new LoraRun(new LoraSettings(lora, loraAlpha != null ? loraAlpha : LoraSettings.DEFAULT_ALPHA_PER_RANK * lora,
                    loraTargets != null ? LoraTarget.parse(loraTargets) : EnumSet.allOf(LoraTarget.class)),
                    from.toAbsolutePath());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        LlamaShape shape;
        TrainingTokenizer tokenizer;
        ChatFormat format;
        try (FrozenBase base = new FrozenBase(GgufFile.open(from))) {
            shape = base.shape();
            tokenizer = TrainingTokenizer.fromGguf(base.file());
            format = chat != null ? ChatFormat.of(base.file()) : null;
        } catch (IllegalArgumentException e) {
            throw new UserError(from + ": cannot be trained: " + e.getMessage());
        } catch (GgufFormatException e) {
            throw new UserError(e.getMessage());
        }
        if (context != null && context > shape.context()) {
            throw new UserError("--context " + context + " is longer than " + from.getFileName()
                    + "'s context length " + shape.context());
        }
        TokenData tokens = tokenize(tokenizer, format, root);
        int t = context != null ? context : Math.min(256, shape.context());
        TrainingState state = Trainer.startLora(modelName(), settings(shape, t, 1e-4), tokenizer, run, tokens,
                description());
        if (root) {
            System.err.printf(Locale.ROOT, "colossus train: LoRA rank %d on %s (%,d parameters frozen, %,d trained)%n",
                    lora, from.getFileName(), shape.parameterCount(), state.parameters().count());
        }
        return new Prepared(state, tokens);
    }

    private TrainingSettings settings(LlamaShape shape, int windowTokens, double defaultLr) {
        int n = steps != null ? steps : 1000;
        return new TrainingSettings(shape, windowTokens, n, batch != null ? batch : 8, lr != null ? lr : defaultLr,
                warmup != null ? warmup : Math.min(100, n / 10), weightDecay != null ? weightDecay : 0.1f,
                gradClip != null ? gradClip : 1f, seed != null ? seed : 42, valFraction != null ? valFraction : 0.05,
                evalEvery != null ? evalEvery : Math.max(1, n / 10));
    }

    /** The checkpoint's run with the settings given on the command line instead of its own. */
    private TrainingState overridden(TrainingState state) {
        TrainingSettings c = state.settings();
        int n = steps != null ? steps : c.steps();
        TrainingSettings s = new TrainingSettings(c.shape(), context != null ? context : c.context(), n,
                batch != null ? batch : c.batch(), lr != null ? lr : c.learningRate(),
                warmup != null ? warmup : Math.min(c.warmup(), n), weightDecay != null ? weightDecay : c.weightDecay(),
                gradClip != null ? gradClip : c.gradClip(), seed != null ? seed : c.seed(),
                valFraction != null ? valFraction : c.valFraction(), evalEvery != null ? evalEvery : c.evalEvery());
        AdamW optimizer = state.optimizer();
        if (s.weightDecay() != c.weightDecay()) {
            AdamW.Settings a = optimizer.settings();
            AdamW changed = new AdamW(state.parameters(), new AdamW.Settings(a.beta1(), a.beta2(), a.eps(), s.weightDecay()));
            changed.restore(optimizer.stepCount(), optimizer.firstMoments(), optimizer.secondMoments());
            optimizer = changed;
        }
        return new TrainingState(state.name(), s, state.tokenizer(), state.parameters(), optimizer, state.step(),
                state.data(), state.history(), state.lora());
    }

    /** The chat format for --chat when resuming: the one the checkpoint's tokenizer metadata gives. */
    private ChatFormat chatFormat(Path checkpointFile) throws IOException {
        if (chat == null) return null;
        try (GgufFile gguf = GgufFile.open(checkpointFile)) {
            return ChatFormat.of(gguf);
        }
    }

    private TokenData tokenize(TrainingTokenizer tokenizer, ChatFormat format, boolean root) throws IOException {
        long start = System.nanoTime();
        TokenData tokens;
        if (chat != null) {
            ChatData conversations = ChatData.read(chat);
            List<TrainingSequence> sequences = conversations.sequences(format, tokenizer.tokenizer());
            int eos = tokenizer.tokenizer().eos();
            tokens = TokenData.of(sequences, eos >= 0 ? eos : 0);
        } else {
            tokens = TokenData.tokenize(source(), tokenizer.tokenizer(), n -> { });
        }
        if (root) {
            System.err.printf(Locale.ROOT, "colossus train: %s: %,d tokens in %.1f s%n", description(), tokens.size(),
                    (System.nanoTime() - start) / 1e9);
        }
        return tokens;
    }

    private TextSource source() {
        if (network != null) return new NetworkPosts(Config.fromEnvironment().withDataDir(network));
        return TextFiles.open(data);
    }

    private String description() {
        if (chat != null) return chat.toString();
        if (network != null) return source().description();
        return data.toString();
    }

    private String modelName() {
        if (name != null) return name;
        String file = out.getFileName().toString();
        return file.endsWith(".gguf") ? file.substring(0, file.length() - 5) : file;
    }

    private void describe(Trainer trainer, TrainingSettings s) {
        LlamaShape shape = s.shape();
        System.err.printf(Locale.ROOT, "colossus train: %,d parameters (vocab %d, dim %d, %d layers, %d/%d heads, "
                        + "ffn %d), %,d training and %,d validation tokens, batch %d × %d tokens, steps %d%s%n",
                shape.parameterCount(), shape.vocab(), shape.dim(), shape.layers(), shape.heads(), shape.kvHeads(),
                shape.ffn(), trainer.sampler().trainTokens(), trainer.sampler().validationTokens(), s.batch(),
                s.context(), s.steps(), trainer.step() > 0 ? " (resuming after step " + trainer.step() + ")" : "");
    }

    private void finish(TrainingState state, TrainingResult result) throws IOException {
        GgmlType outputType = GgmlType.valueOf(type);
        if (state.lora() == null) {
            GgufExport.write(state.parameters(), state.tokenizer(), state.name(), outputType, out);
        } else {
            LoraMerge.export(state.lora().base(), new LoraAdapters(state.lora().settings(), state.parameters()),
                    state.tokenizer(), state.name(), outputType, out);
        }
        if (plot != null) {
            LossCurve.write(state.history(), state.name() + " (" + result.step() + " steps)", plot);
        }
        if (json) {
            System.out.println("{\"steps\": " + result.step() + ", \"loss\": " + number(result.loss())
                    + ", \"val_loss\": " + number(result.valLoss()) + ", \"tokens_per_s\": "
                    + Math.round(result.tokensPerSecond()) + ", \"out\": " + quoted(out.toString()) + "}");
        } else {
            System.out.printf(Locale.ROOT, "trained %d steps: loss %s, validation loss %s, %,.0f tokens/s; wrote %s%n",
                    result.step(), result.loss(), Float.isNaN(result.valLoss()) ? "none" : result.valLoss(),
                    result.tokensPerSecond(), out);
        }
    }

    /** A float in its shortest exact form (the same digits for the same float), or null when NaN. */
    private static String number(float v) {
        return Float.isFinite(v) ? Float.toString(v) : "null";
    }

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
