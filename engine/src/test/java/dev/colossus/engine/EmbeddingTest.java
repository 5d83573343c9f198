package dev.colossus.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.engine.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Mean-pooled embeddings: unit length, meaningful on a trained model, equal to llama.cpp's when it is at hand. */
class EmbeddingTest {

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    @Test
    void embeddingsAreUnitLengthAndCloserForTextsThatSayTheSame() throws Exception {
        try (Engine engine = Engine.load(Fixtures.model("stories260K.gguf"), Engine.Options.defaults().withThreads(2))) {
            Embedding cat = engine.embed("The little cat sat on the mat and purred.");
            Embedding kitten = engine.embed("A little cat sat on a mat and purred happily.");
            Embedding other = engine.embed("Tom ran to the big red truck in the rain.");
            assertThat(cat.vector()).hasSize(engine.config().dim());
            assertThat(dot(cat.vector(), cat.vector())).isCloseTo(1.0, within(1e-5));
            assertThat(dot(cat.vector(), kitten.vector())).isGreaterThan(dot(cat.vector(), other.vector()));
            // the same text again: the same vector (up to the rounding of kernels the JIT compiles meanwhile)
            assertThat(dot(engine.embed("The little cat sat on the mat and purred.").vector(), cat.vector()))
                    .isCloseTo(1.0, within(1e-6));
            assertThat(cat.tokens()).isGreaterThan(5);
            assertThatThrownBy(() -> engine.embed("word ".repeat(engine.config().contextLength())))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aLongTextIsEmbeddedInChunksAsIfInOnePass() throws Exception {
        String text = "Once upon a time there was a girl who liked to read books about cats and dogs. ".repeat(6);
        try (Engine whole = Engine.load(Fixtures.model("stories260K.gguf"), Engine.Options.defaults().withThreads(2));
             Engine chunked = Engine.load(Fixtures.model("stories260K.gguf"),
                     new Engine.Options(2, 16, 0, 0))) {
            float[] a = whole.embed(text).vector(), b = chunked.embed(text).vector();
            assertThat(dot(a, b)).isGreaterThan(0.99999);
        }
    }

    /** Needs llama.cpp's llama-embedding: {@code -Dllamacpp.bin=DIR} (a test run by hand; skipped otherwise). */
    @Test
    void theEmbeddingEqualsLlamaCppsMeanPooledOne() throws Exception {
        String bin = System.getProperty("llamacpp.bin");
        Assumptions.assumeTrue(bin != null && Files.isExecutable(Path.of(bin, "llama-embedding")),
                "set -Dllamacpp.bin to a llama.cpp build's bin directory to compare with llama-embedding");
        Path model = Fixtures.model("rand-llama-v512-F32.gguf");
        String text = "Once upon a time there was a cat";
        Process p = new ProcessBuilder(Path.of(bin, "llama-embedding").toString(), "-m", model.toString(), "-p", text,
                "--pooling", "mean", "--embd-normalize", "2", "--embd-output-format", "json", "-t", "2")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        JsonNode theirs = new ObjectMapper().readTree(p.getInputStream()).at("/data/0/embedding");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        try (Engine engine = Engine.load(model, Engine.Options.defaults().withThreads(2))) {
            float[] ours = engine.embed(text).vector();
            assertThat(theirs.size()).isEqualTo(ours.length);
            double cos = 0;
            for (int i = 0; i < ours.length; i++) {
                assertThat((double) ours[i]).as("dimension %d", i).isCloseTo(theirs.get(i).asDouble(),
                        within(1e-4));
                cos += ours[i] * theirs.get(i).asDouble();
            }
            assertThat(cos).isGreaterThan(0.9999);
        }
    }
}
