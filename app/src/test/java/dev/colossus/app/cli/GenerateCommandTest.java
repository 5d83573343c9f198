package dev.colossus.app.cli;

import dev.colossus.app.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateCommandTest {

    private record Run(int code, String out, String err) { }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Path stories() {
        Path model = Path.of(System.getProperty("colossus.fixtures", "../shared/fixtures"), "models", "stories260K.gguf");
        if (!Files.exists(model)) {
            if (Boolean.getBoolean("colossus.fixtures.required")) throw new AssertionError("fixture model missing: " + model);
            Assumptions.abort("fixture model missing: " + model);
        }
        return model;
    }

    @Test
    void greedyGenerationPrintsOnlyTheContinuationLlamaCppGives() {
        Run r = run("generate", "--model", stories().toString(), "--prompt", "Once upon a time", "--max-tokens", "64",
                "--temperature", "0", "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(", there was a little girl named Lily. She loved to play outside in the park. "
                + "One day, she saw a big, red ball. She wanted to play with it, but it was too high.\nLily's mom said");
        assertThat(r.err()).contains("64 tokens");
    }

    @Test
    void theSameSeedGivesTheSameText() {
        String[] args = {"generate", "--model", stories().toString(), "--prompt", "The little dog", "--max-tokens", "30",
                "--temperature", "1.0", "--top-p", "0.9", "--seed", "1234", "--threads", "1"};
        Run a = run(args), b = run(args);
        assertThat(a.code()).isZero();
        assertThat(a.out()).isNotEmpty().isEqualTo(b.out());
    }

    @Test
    void aMissingModelFileIsOneLineOnStderrAndExitCode2() {
        Run r = run("generate", "--model", "no-such-model.gguf", "--prompt", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("colossus generate: no such model file: no-such-model.gguf");
    }

    @Test
    void aBadSamplingArgumentIsOneLineOnStderr() {
        Run r = run("generate", "--model", stories().toString(), "--prompt", "x", "--temperature", "-1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("colossus generate: temperature must be a number >= 0, got -1.0");
    }
}
