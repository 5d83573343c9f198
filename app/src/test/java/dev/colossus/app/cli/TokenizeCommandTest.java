package dev.colossus.app.cli;

import dev.colossus.app.TestFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TokenizeCommandTest {

    @TempDir
    Path dir;


    @Test
    void printsLlamaCppsIdsAsAJsonArray() {
        // ids from llama.cpp's llama-tokenize for this model (shared reference fixtures)
        CliRun r = CliRun.of("tokenize", "--model", TestFixtures.stories260k().toString(), "--prompt", "Once upon a time");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("[1, 403, 407, 261, 378]" + System.lineSeparator());
        assertThat(r.err()).isEmpty();
    }

    @Test
    void noBosLeavesOutTheBosToken() {
        CliRun r = CliRun.of("tokenize", "--model", TestFixtures.stories260k().toString(), "--prompt", "Once upon a time", "--no-bos");
        assertThat(r.out().strip()).isEqualTo("[403, 407, 261, 378]");
    }

    @Test
    void parseSpecialReadsSpecialTokenTexts() {
        String model = TestFixtures.stories260k().toString();
        assertThat(CliRun.of("tokenize", "--model", model, "--prompt", "</s>", "--no-bos", "--parse-special").out().strip())
                .isEqualTo("[2]");
        assertThat(CliRun.of("tokenize", "--model", model, "--prompt", "</s>", "--no-bos").out().strip())
                .isNotEqualTo("[2]").startsWith("[");
    }

    @Test
    void anEmptyPromptGivesOnlyBos() {
        assertThat(CliRun.of("tokenize", "--model", TestFixtures.stories260k().toString(), "--prompt", "").out().strip()).isEqualTo("[1]");
    }

    @Test
    void aMissingOrInvalidModelFileIsOneLineOnStderr() throws Exception {
        CliRun missing = CliRun.of("tokenize", "--model", dir.resolve("nope.gguf").toString(), "--prompt", "x");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).startsWith("colossus tokenize: ").contains("nope.gguf").contains("no such file")
                .hasLineCount(1);

        Path junk = Files.write(dir.resolve("junk.gguf"), "not a model at all, just text".getBytes());
        CliRun invalid = CliRun.of("tokenize", "--model", junk.toString(), "--prompt", "x");
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(invalid.err()).startsWith("colossus tokenize: ").contains("not a GGUF file").hasLineCount(1);

        CliRun directory = CliRun.of("tokenize", "--model", dir.toString(), "--prompt", "x");
        assertThat(directory.code()).isEqualTo(2);
        assertThat(directory.err()).contains("directory").hasLineCount(1);
    }

    @Test
    void readsThePromptFromAFileAndReportsTimingOnlyOnStderr() throws Exception {
        Path prompt = Files.writeString(dir.resolve("p.txt"), "Once upon a time");
        CliRun r = CliRun.of("tokenize", "--model", TestFixtures.stories260k().toString(), "--prompt-file", prompt.toString(),
                "--repeat", "3");
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo("[1, 403, 407, 261, 378]");
        assertThat(r.err()).startsWith("tokenize: 16 chars -> 5 tokens; encode median").contains("over 3 runs");
    }

    @Test
    void promptAndPromptFileAreExclusive() {
        CliRun r = CliRun.of("tokenize", "--model", "m.gguf", "--prompt", "x", "--prompt-file", "p.txt");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("mutually exclusive").hasLineCount(1);
    }

    @Test
    void aMissingOptionIsOneLineOnStderr() {
        CliRun r = CliRun.of("tokenize", "--prompt", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--model").hasLineCount(1);
    }
}
