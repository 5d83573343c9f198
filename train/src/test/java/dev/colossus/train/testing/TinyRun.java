package dev.colossus.train.testing;

import dev.colossus.train.checkpoint.TrainingSettings;
import dev.colossus.train.checkpoint.TrainingState;
import dev.colossus.train.data.TextSource;
import dev.colossus.train.data.TokenData;
import dev.colossus.train.model.LlamaShape;
import dev.colossus.train.tokenizer.BpeTrainer;
import dev.colossus.train.tokenizer.TrainingTokenizer;
import dev.colossus.train.dist.SingleProcess;
import dev.colossus.train.loop.Trainer;
import dev.colossus.train.loop.TrainingListener;
import dev.colossus.train.model.LlamaTrainingModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/** A small corpus with a pattern, its tokenizer and a tiny model, for tests that train for real in seconds. */
public record TinyRun(TrainingTokenizer tokenizer, TokenData data, TrainingSettings settings) {

    public static final String LINE = "one two three four five six seven eight nine ten\n";

    public static String corpus() {
        StringBuilder sb = new StringBuilder();
        String[] extra = {"red ", "green ", "blue ", ""};
        for (int i = 0; i < 120; i++) sb.append(extra[i % extra.length]).append(LINE);
        return sb.toString();
    }

    public static TinyRun create(int steps) throws IOException {
        String text = corpus();
        TrainingTokenizer tokenizer = TrainingTokenizer.of(new BpeTrainer().add(text).train(300));
        TextSource source = new TextSource() {
            @Override
            public String description() {
                return "pattern";
            }

            @Override
            public void forEach(Consumer<String> document) {
                document.accept(text);
            }
        };
        TokenData data = TokenData.tokenize(source, tokenizer.tokenizer(), n -> { });
        LlamaShape shape = new LlamaShape(tokenizer.vocabularySize(), 32, 2, 2, 1, 64, 32, 1e-5f, 10000f, false);
        TrainingSettings settings = new TrainingSettings(shape, 32, steps, 4, 1e-2, Math.min(10, steps), 0.01f, 1f,
                7, 0.1, 10);
        return new TinyRun(tokenizer, data, settings);
    }

    public TrainingState start() {
        return Trainer.start("tiny", settings, tokenizer, null, data, "pattern");
    }

    /** A fresh run trained for all its steps on one thread pair. */
    public TrainingState trained() throws IOException {
        TrainingState state = start();
        try (Trainer trainer = new Trainer(state, data, SingleProcess.INSTANCE, 2, TrainingListener.NONE)) {
            trainer.run(Integer.MAX_VALUE, null, Integer.MAX_VALUE);
        }
        return state;
    }

    /** Greedy continuation of {@code prompt} by the trainer's own forward pass. */
    public static String greedy(TrainingState state, String prompt, int tokens) {
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

}
