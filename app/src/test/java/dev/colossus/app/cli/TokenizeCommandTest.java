package dev.colossus.app.cli;

import dev.colossus.app.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TokenizeCommandTest {

    @TempDir
    Path dir;

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

    private static Path stories260k() {
        Path model = Path.of(System.getProperty("colossus.fixtures", "../shared/fixtures"), "models", "stories260K.gguf");
        Assumptions.assumeTrue(Files.exists(model) || Boolean.getBoolean("colossus.fixtures.required"),
                "fixture model missing");
        return model;
    }

    @Test
    void printsLlamaCppsIdsAsAJsonArray() {
        // ids from llama.cpp's llama-tokenize for this model (shared reference fixtures)
        Run r = run("tokenize", "--model", stories260k().toString(), "--prompt", "Once upon a time");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("[1, 403, 407, 261, 378]" + System.lineSeparator());
        assertThat(r.err()).isEmpty();
    }

    @Test
    void noBosLeavesOutTheBosToken() {
        Run r = run("tokenize", "--model", stories260k().toString(), "--prompt", "Once upon a time", "--no-bos");
        assertThat(r.out().strip()).isEqualTo("[403, 407, 261, 378]");
    }

    @Test
    void parseSpecialReadsSpecialTokenTexts() {
        String model = stories260k().toString();
        assertThat(run("tokenize", "--model", model, "--prompt", "</s>", "--no-bos", "--parse-special").out().strip())
                .isEqualTo("[2]");
        assertThat(run("tokenize", "--model", model, "--prompt", "</s>", "--no-bos").out().strip())
                .isNotEqualTo("[2]").startsWith("[");
    }

    @Test
    void anEmptyPromptGivesOnlyBos() {
        assertThat(run("tokenize", "--model", stories260k().toString(), "--prompt", "").out().strip()).isEqualTo("[1]");
    }

    @Test
    void aMissingOrInvalidModelFileIsOneLineOnStderr() throws Exception {
        Run missing = run("tokenize", "--model", dir.resolve("nope.gguf").toString(), "--prompt", "x");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).startsWith("colossus tokenize: ").contains("nope.gguf").contains("no such file")
                .hasLineCount(1);

        Path junk = Files.write(dir.resolve("junk.gguf"), "not a model at all, just text".getBytes());
        Run invalid = run("tokenize", "--model", junk.toString(), "--prompt", "x");
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(invalid.err()).startsWith("colossus tokenize: ").contains("not a GGUF file").hasLineCount(1);

        Run directory = run("tokenize", "--model", dir.toString(), "--prompt", "x");
        assertThat(directory.code()).isEqualTo(2);
        assertThat(directory.err()).contains("directory").hasLineCount(1);
    }

    @Test
    void aMissingOptionIsOneLineOnStderr() {
        Run r = run("tokenize", "--prompt", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--model").hasLineCount(1);
    }
}
