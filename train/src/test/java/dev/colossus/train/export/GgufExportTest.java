package dev.colossus.train.export;

import dev.colossus.engine.Engine;
import dev.colossus.engine.GenerationRequest;
import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.sample.SamplingParams;
import dev.colossus.engine.tokenizer.Tokenizer;
import dev.colossus.engine.tokenizer.Tokenizers;
import dev.colossus.train.checkpoint.TrainingState;
import dev.colossus.train.model.LlamaTrainingModel;
import dev.colossus.train.testing.EngineLogits;
import dev.colossus.train.testing.TinyRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GgufExportTest {

    static final String PROMPT = "red one two three four five";
    static TrainingState trained;

    @BeforeAll
    static void train() throws Exception {
        trained = TinyRun.create(80).trained();
    }

    @Test
    void exportedModelHasEveryKeyLlamaCppNeeds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.gguf");
        GgufExport.write(trained.parameters(), trained.tokenizer(), "tiny", GgmlType.F32, file);
        try (GgufFile gguf = GgufFile.open(file)) {
            assertThat(gguf.getString("general.architecture")).isEqualTo("llama");
            assertThat(gguf.getString("general.name")).isEqualTo("tiny");
            for (String key : List.of("llama.context_length", "llama.embedding_length", "llama.block_count",
                    "llama.feed_forward_length", "llama.attention.head_count", "llama.attention.head_count_kv",
                    "llama.rope.dimension_count", "llama.rope.freq_base", "llama.attention.layer_norm_rms_epsilon",
                    "llama.vocab_size", "tokenizer.ggml.model", "tokenizer.ggml.pre", "tokenizer.ggml.tokens",
                    "tokenizer.ggml.token_type", "tokenizer.ggml.merges", "tokenizer.ggml.bos_token_id",
                    "tokenizer.ggml.eos_token_id")) {
                assertThat(gguf.has(key)).as(key).isTrue();
            }
            assertThat(gguf.getInt("llama.block_count")).isEqualTo(2);
            assertThat(gguf.getInt("llama.attention.head_count_kv")).isEqualTo(1);
            assertThat(gguf.getArray("tokenizer.ggml.tokens", String[].class)).hasSize(trained.tokenizer().vocabularySize());
            assertThat(gguf.tensor("blk.1.ffn_down.weight").type()).isEqualTo(GgmlType.F32);
        }
    }

    @Test
    void engineReadsTheSameTokensAndComputesTheTrainersLogits(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.gguf");
        GgufExport.write(trained.parameters(), trained.tokenizer(), "tiny", GgmlType.F32, file);
        int[] ids = trained.tokenizer().tokenizer().encode(PROMPT, true, false);
        float[] expected;
        try (LlamaTrainingModel model = new LlamaTrainingModel(trained.parameters().shape(), 1)) {
            expected = model.logits(ids, 1, ids.length, trained.parameters());
        }
        int vocab = trained.parameters().shape().vocab();
        try (GgufFile gguf = GgufFile.open(file)) {
            Tokenizer engineTokenizer = Tokenizers.fromGguf(gguf);
            assertThat(engineTokenizer.encode(PROMPT, true, false)).isEqualTo(ids);
            assertThat(engineTokenizer.encode(TinyRun.corpus(), true, false))
                    .isEqualTo(trained.tokenizer().tokenizer().encode(TinyRun.corpus(), true, false));

            EngineLogits.assertMatch(gguf, ids, vocab, expected);
        }
    }

    @Test
    void engineContinuesThePatternGreedilyAsTheTrainerDoes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny-f16.gguf");
        GgufExport.write(trained.parameters(), trained.tokenizer(), "tiny", GgmlType.F16, file);
        String trainer = TinyRun.greedy(trained, PROMPT, 6);
        try (Engine engine = Engine.load(file, Engine.Options.defaults().withThreads(1))) {
            String text = engine.generate(GenerationRequest.of(PROMPT).withMaxTokens(6)
                    .withSampling(SamplingParams.greedy())).result().get().text();
            assertThat(text).isEqualTo(trainer).startsWith(" six seven");
        }
    }

    @Test
    void onlyF32AndF16AreExported(@TempDir Path dir) {
        assertThatThrownBy(() -> GgufExport.write(trained.parameters(), trained.tokenizer(), "tiny", GgmlType.Q8_0,
                dir.resolve("q.gguf"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("F32 or F16");
    }
}
