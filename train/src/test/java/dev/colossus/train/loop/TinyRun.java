package dev.colossus.train.loop;

import dev.colossus.train.checkpoint.TrainingSettings;
import dev.colossus.train.checkpoint.TrainingState;
import dev.colossus.train.data.TextSource;
import dev.colossus.train.data.TokenData;
import dev.colossus.train.model.LlamaShape;
import dev.colossus.train.tokenizer.BpeTrainer;
import dev.colossus.train.tokenizer.TrainingTokenizer;

import java.io.IOException;
import java.util.function.Consumer;

/** A small corpus with a pattern, its tokenizer and a tiny model, for tests that train for real in seconds. */
record TinyRun(TrainingTokenizer tokenizer, TokenData data, TrainingSettings settings) {

    static final String LINE = "one two three four five six seven eight nine ten\n";

    static String corpus() {
        StringBuilder sb = new StringBuilder();
        String[] extra = {"red ", "green ", "blue ", ""};
        for (int i = 0; i < 120; i++) sb.append(extra[i % extra.length]).append(LINE);
        return sb.toString();
    }

    static TinyRun create(int steps) throws IOException {
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

    TrainingState start() {
        return Trainer.start("tiny", settings, tokenizer, null, data, "pattern");
    }
}
