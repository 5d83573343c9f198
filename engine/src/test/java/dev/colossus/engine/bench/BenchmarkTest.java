package dev.colossus.engine.bench;

import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.tokenizer.Tokenizer;
import dev.colossus.engine.tokenizer.Tokenizers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.assertj.core.data.Offset;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkTest {

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void makeModel() throws Exception {
        model = dir.resolve("tiny.gguf");
        RandomModel.write(ModelShape.TINY, GgmlType.Q8_0, 3, model, line -> { });
    }

    @Test
    void randomPromptsAreDifferentTextOfAtLeastTheAskedTokens() throws Exception {
        try (GgufFile gguf = GgufFile.open(model)) {
            Tokenizer tokenizer = Tokenizers.fromGguf(gguf);
            SplittableRandom random = new SplittableRandom(1);
            String a = Benchmark.randomPrompt(tokenizer, 20, random);
            String b = Benchmark.randomPrompt(tokenizer, 20, random);
            assertThat(tokenizer.encode(a, true, false).length).isBetween(20, 40);
            assertThat(a).isNotEqualTo(b).doesNotContain("\uFFFD");
        }
    }

    @Test
    void concurrentRunCountsTheTokensOfEverySequence() throws Exception {
        Benchmark.Settings settings = new Benchmark.Settings(8, 6, 2, 1, 0);
        Benchmark.ConcurrentResult r = Benchmark.runConcurrent(model, settings, 3, line -> { });
        assertThat(r.sequences()).isEqualTo(3);
        // each sequence counts the tokens after its first: at most 5, fewer only if it emitted end-of-sequence
        assertThat(r.generatedTokens()).isPositive().isLessThanOrEqualTo(15);
        assertThat(r.tgTokensPerS()).isPositive();
        assertThat(r.tgTokensPerSPerSequence()).isCloseTo(r.tgTokensPerS() / 3, Offset.offset(1e-9));
        assertThat(r.peakRssBytes()).isPositive();
    }

    @Test
    void theMedianIgnoresOneRunSlowedByOtherWork() {
        assertThat(Benchmark.median(new double[] {100, 3, 98})).isEqualTo(98);
        assertThat(Benchmark.median(new double[] {100, 3, 98, 102})).isEqualTo(99);
    }

    @Test
    void aGenerationLongerThanTheContextIsRejected() {
        Benchmark.Settings settings = new Benchmark.Settings(2000, 100, 1, 1, 0);
        assertThatThrownBy(() -> Benchmark.runConcurrent(model, settings, 2, line -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("context holds 2048");
    }
}
