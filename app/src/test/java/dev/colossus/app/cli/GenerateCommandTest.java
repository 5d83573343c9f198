package dev.colossus.app.cli;

import dev.colossus.app.TestFixtures;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class GenerateCommandTest {


    @Test
    void greedyGenerationPrintsOnlyTheContinuationLlamaCppGives() {
        CliRun r = CliRun.of("generate", "--model", TestFixtures.stories260k().toString(), "--prompt", "Once upon a time", "--max-tokens", "64",
                "--temperature", "0", "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(", there was a little girl named Lily. She loved to play outside in the park. "
                + "One day, she saw a big, red ball. She wanted to play with it, but it was too high.\nLily's mom said");
        assertThat(r.err()).contains("64 tokens");
    }

    @Test
    void theSameSeedGivesTheSameText() {
        String[] args = {"generate", "--model", TestFixtures.stories260k().toString(), "--prompt", "The little dog", "--max-tokens", "30",
                "--temperature", "1.0", "--top-p", "0.9", "--seed", "1234", "--threads", "1"};
        CliRun a = CliRun.of(args), b = CliRun.of(args);
        assertThat(a.code()).isZero();
        assertThat(a.out()).isNotEmpty().isEqualTo(b.out());
    }

    @Test
    void aMissingModelFileIsOneLineOnStderrAndExitCode2() {
        CliRun r = CliRun.of("generate", "--model", "no-such-model.gguf", "--prompt", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("colossus generate: no such model file: no-such-model.gguf");
    }

    @Test
    void aBadSamplingArgumentIsOneLineOnStderr() {
        CliRun r = CliRun.of("generate", "--model", TestFixtures.stories260k().toString(), "--prompt", "x", "--temperature", "-1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("colossus generate: temperature must be a number >= 0, got -1.0");
    }
}
