package dev.colossus.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.app.TestFixtures;
import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufValue;
import dev.colossus.engine.gguf.GgufWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {

    @TempDir
    static Path dir;
    static Path corpus;

    @BeforeAll
    static void writeCorpus() throws Exception {
        corpus = dir.resolve("corpus.txt");
        StringBuilder text = new StringBuilder();
        String[] colours = {"red", "green", "blue", "amber"};
        for (int i = 0; i < 300; i++) {
            text.append(colours[i % 4]).append(" one two three four five six seven eight\n");
        }
        Files.writeString(corpus, text);
    }

    static List<String> tiny(String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", corpus.toString(), "--vocab", "300", "--dim",
                "32", "--layers", "2", "--heads", "2", "--ffn", "64", "--context", "32", "--batch", "4", "--threads",
                "1", "--lr", "1e-2"));
        args.addAll(Arrays.asList(more));
        return args;
    }

    static JsonNode lastJsonLine(CliRun run) throws Exception {
        List<String> lines = run.out().lines().toList();
        return new ObjectMapper().readTree(lines.getLast());
    }

    @Test
    void jsonResultIsTheLastStdoutLineAndTheModelIsWrittenWithItsCurve() throws Exception {
        Path out = dir.resolve("json.gguf");
        CliRun run = CliRun.of(tiny("--steps", "6", "--json", "--out", out.toString(), "--plot",
                dir.resolve("curve.png").toString()).toArray(String[]::new));

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode result = lastJsonLine(run);
        assertThat(result.get("steps").asInt()).isEqualTo(6);
        assertThat(result.get("loss").isNumber()).isTrue();
        assertThat(result.get("val_loss").isNumber()).isTrue();
        assertThat(result.get("tokens_per_s").asDouble()).isPositive();
        assertThat(result.get("out").asText()).isEqualTo(out.toString());
        assertThat(run.err()).contains("train").contains("loss");
        try (GgufFile gguf = GgufFile.open(out)) {
            assertThat(gguf.getString("general.name")).isEqualTo("json");
            assertThat(gguf.getString("tokenizer.ggml.model")).isEqualTo("gpt2");
        }
        assertThat(Files.size(dir.resolve("curve.png"))).isPositive();
        assertThat(Files.readAllLines(dir.resolve("curve.csv"))).hasSize(7).first().isEqualTo("step,train_loss,val_loss");
    }

    @Test
    void aRunDoneInTwoSlicesPrintsTheSameLossAsOneDoneStraight() throws Exception {
        CliRun straight = CliRun.of(tiny("--steps", "8", "--json", "--out", dir.resolve("straight.gguf").toString())
                .toArray(String[]::new));
        Path checkpoint = dir.resolve("slices");
        CliRun first = CliRun.of(tiny("--steps", "8", "--until", "4", "--checkpoint", checkpoint.toString(), "--json",
                "--out", dir.resolve("sliced.gguf").toString()).toArray(String[]::new));
        CliRun second = CliRun.of("train", "--data", corpus.toString(), "--steps", "8", "--resume", "--threads", "1",
                "--checkpoint", checkpoint.toString(), "--json", "--out", dir.resolve("sliced.gguf").toString());

        assertThat(straight.code()).as(straight.err()).isZero();
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(lastJsonLine(first).get("steps").asInt()).isEqualTo(4);
        Path other = dir.resolve("other.txt");
        Files.writeString(other, Files.readString(corpus).replace("amber", "ochre"));
        CliRun wrongData = CliRun.of("train", "--data", other.toString(), "--resume", "--checkpoint",
                checkpoint.toString(), "--out", dir.resolve("sliced.gguf").toString());
        assertThat(wrongData.code()).isEqualTo(2);
        assertThat(wrongData.err().strip().lines().toList().getLast()).contains("is not what the checkpoint was trained on");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(lastJsonLine(second).get("loss").toString()).isEqualTo(lastJsonLine(straight).get("loss").toString());
        assertThat(lastJsonLine(second).get("steps").asInt()).isEqualTo(8);
        try (GgufFile a = GgufFile.open(dir.resolve("straight.gguf")); GgufFile b = GgufFile.open(dir.resolve("sliced.gguf"))) {
            for (String tensor : a.tensorNames()) {
                assertThat(b.tensor(tensor).data().mismatch(a.tensor(tensor).data())).as(tensor).isEqualTo(-1);
            }
        }
    }

    @Test
    void aCorpusSmallerThanOneBatchIsOneLineAndExitCodeTwo() throws Exception {
        Path small = dir.resolve("small.txt");
        Files.writeString(small, "too short to fill a batch");
        CliRun run = CliRun.of("train", "--data", small.toString(), "--vocab", "260", "--dim", "32", "--layers", "1",
                "--heads", "2", "--ffn", "64", "--context", "32", "--out", dir.resolve("small.gguf").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip().lines().toList().getLast()).startsWith("colossus train: the training data has")
                .contains("fewer than one batch");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("train   0%");
    }

    @Test
    void fineTuningAModelOfAnotherArchitectureIsRefused() throws Exception {
        Path base = dir.resolve("gpt2.gguf");
        new GgufWriter().put("general.architecture", GgufValue.of("gpt2"))
                .put("gpt2.embedding_length", GgufValue.ofUint32(32)).put("gpt2.block_count", GgufValue.ofUint32(1))
                .put("gpt2.attention.head_count", GgufValue.ofUint32(2))
                .put("gpt2.feed_forward_length", GgufValue.ofUint32(64))
                .addTensor("token_embd.weight", new long[] {32, 4}, new float[128]).write(base);
        CliRun run = CliRun.of("train", "--data", corpus.toString(), "--from", base.toString(), "--out",
                dir.resolve("ft.gguf").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("gpt2");
    }

    @Test
    void aContextLongerThanTheBasesIsRefused() throws Exception {
        Path base = dir.resolve("base.gguf");
        CliRun made = CliRun.of(tiny("--steps", "2", "--out", base.toString()).toArray(String[]::new));
        assertThat(made.code()).as(made.err()).isZero();

        CliRun run = CliRun.of("train", "--data", corpus.toString(), "--from", base.toString(), "--context", "64",
                "--out", dir.resolve("ft.gguf").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("colossus train: --context 64 is longer than base.gguf's context length 32");
    }

    @Test
    void badFlagsAreOneLineEach() {
        String out = dir.resolve("x.gguf").toString();
        List<String[]> cases = List.of(
                new String[] {"train", "--out", out},
                new String[] {"train", "--data", corpus.toString(), "--out", out, "--type", "Q4_0"},
                new String[] {"train", "--data", corpus.toString(), "--out", out, "--until", "3"},
                new String[] {"train", "--data", corpus.toString(), "--out", out, "--resume", "--checkpoint",
                        dir.resolve("none").toString()},
                new String[] {"train", "--data", dir.resolve("missing.txt").toString(), "--out", out},
                new String[] {"train", "--data", corpus.toString(), "--out", out, "--steps", "lots"},
                new String[] {"train", "--data", corpus.toString(), "--out", out, "--vocab", "100"},
                new String[] {"train", "--data", corpus.toString(), "--out", out, "--dim", "30", "--heads", "4"});
        for (String[] args : cases) {
            CliRun run = CliRun.of(args);
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().strip()).as(String.join(" ", args)).startsWith("colossus train: ").doesNotContain("\n")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void loraWithoutFromIsOneLine() {
        CliRun run = CliRun.of("train", "--data", corpus.toString(), "--out", dir.resolve("x.gguf").toString(),
                "--lora", "8");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("colossus train: --lora needs --from BASE.gguf (the model to adapt)");
    }

    @Test
    void loraFineTuneOfARealModelWritesTheMergedModelWithItsTokenizer() throws Exception {
        Path base = TestFixtures.stories260k();
        Path out = dir.resolve("stories-lora.gguf");
        CliRun run = CliRun.of("train", "--from", base.toString(), "--lora", "4", "--data", corpus.toString(),
                "--steps", "3", "--batch", "2", "--context", "32", "--threads", "1", "--json", "--out", out.toString(),
                "--checkpoint", dir.resolve("lora-ckpt").toString());
        assertThat(run.code()).as(run.err()).isZero();
        try (GgufFile original = GgufFile.open(base); GgufFile tuned = GgufFile.open(out)) {
            for (String key : original.metadata().keySet()) {
                if (key.startsWith("tokenizer.")) assertThat(tuned.has(key)).as(key).isTrue();
            }
            assertThat(tuned.tensor("blk.0.attn_q.weight").type()).isEqualTo(GgmlType.F32);
        }
    }

    @Test
    void aLoraRunDoneInTwoSlicesEndsWithTheSameLossAndModelAsOneDoneStraight() throws Exception {
        Path base = TestFixtures.stories260k();
        List<String> common = List.of("train", "--data", corpus.toString(), "--steps", "6", "--threads", "2", "--json");
        List<String> lora = List.of("--from", base.toString(), "--lora", "4", "--batch", "2", "--context", "32");
        List<String> straightArgs = new ArrayList<>(common);
        straightArgs.addAll(lora);
        straightArgs.addAll(List.of("--out", dir.resolve("lora-straight.gguf").toString()));
        CliRun straight = CliRun.of(straightArgs.toArray(String[]::new));
        Path checkpoint = dir.resolve("lora-slices");
        List<String> firstArgs = new ArrayList<>(common);
        firstArgs.addAll(lora);
        firstArgs.addAll(List.of("--until", "3", "--checkpoint", checkpoint.toString(), "--out",
                dir.resolve("lora-sliced.gguf").toString()));
        CliRun first = CliRun.of(firstArgs.toArray(String[]::new));
        List<String> secondArgs = new ArrayList<>(common);
        secondArgs.addAll(List.of("--resume", "--checkpoint", checkpoint.toString(), "--out",
                dir.resolve("lora-sliced.gguf").toString()));
        CliRun second = CliRun.of(secondArgs.toArray(String[]::new));

        assertThat(straight.code()).as(straight.err()).isZero();
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(lastJsonLine(second).get("steps").asInt()).isEqualTo(6);
        assertThat(lastJsonLine(second).get("loss").toString()).isEqualTo(lastJsonLine(straight).get("loss").toString());
        try (GgufFile a = GgufFile.open(dir.resolve("lora-straight.gguf"));
             GgufFile b = GgufFile.open(dir.resolve("lora-sliced.gguf"))) {
            for (String tensor : a.tensorNames()) {
                assertThat(b.tensor(tensor).data().mismatch(a.tensor(tensor).data())).as(tensor).isEqualTo(-1);
            }
        }
    }

    @Test
    void fineTuningARealModelKeepsItsTokenizerAndTheEngineRunsTheResult() throws Exception {
        Path base = TestFixtures.stories260k();
        Path out = dir.resolve("stories-ft.gguf");
        CliRun run = CliRun.of("train", "--from", base.toString(), "--data", corpus.toString(), "--steps", "3",
                "--batch", "2", "--context", "32", "--threads", "1", "--type", "F16", "--json", "--out", out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        try (GgufFile original = GgufFile.open(base); GgufFile tuned = GgufFile.open(out)) {
            for (String key : original.metadata().keySet()) {
                if (key.startsWith("tokenizer.")) {
                    assertThat(tuned.value(key)).as(key).usingRecursiveComparison().isEqualTo(original.value(key));
                }
            }
            assertThat(tuned.getInt("llama.context_length")).isEqualTo(original.getInt("llama.context_length"));
            assertThat(tuned.tensor("blk.0.attn_q.weight").type()).isEqualTo(GgmlType.F16);
        }
        CliRun generated = CliRun.of("generate", "--model", out.toString(), "--prompt", "Once upon a time",
                "--temperature", "0", "--max-tokens", "4");
        assertThat(generated.code()).as(generated.err()).isZero();
    }

    @Test
    void chatFineTuningTrainsAFunPersonaOnAssistantTurnsOnly() throws Exception {
        Path base = dir.resolve("chat-base.gguf");
        CliRun made = CliRun.of(tiny("--steps", "2", "--out", base.toString()).toArray(String[]::new));
        assertThat(made.code()).as(made.err()).isZero();
        Path chat = dir.resolve("fun.jsonl");
        Files.writeString(chat, """
                {"messages": [{"role": "system", "content": "You are Colossus in fun mode."}, {"role": "user", "content": "hi"}, {"role": "assistant", "content": "Hey hey! Ready to party?"}]}
                [{"role": "user", "content": "what is new?"}, {"role": "assistant", "content": "Everything, my friend!"}, {"role": "user", "content": "more"}, {"role": "assistant", "content": "Always more!"}]
                """.repeat(4));
        CliRun run = CliRun.of("train", "--from", base.toString(), "--chat", chat.toString(), "--steps", "3",
                "--batch", "2", "--threads", "1", "--val-fraction", "0", "--json", "--out",
                dir.resolve("fun.gguf").toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(lastJsonLine(run).get("steps").asInt()).isEqualTo(3);
        try (GgufFile gguf = GgufFile.open(dir.resolve("fun.gguf"))) {
            assertThat(gguf.tensor("blk.0.attn_q.weight").type()).isEqualTo(GgmlType.F32);
        }
    }
}
