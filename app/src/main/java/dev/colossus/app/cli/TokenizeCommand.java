package dev.colossus.app.cli;

import dev.colossus.app.UserError;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufFormatException;
import dev.colossus.engine.tokenizer.Tokenizer;
import dev.colossus.engine.tokenizer.Tokenizers;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code colossus tokenize}: the token ids of a prompt under a GGUF model's tokenizer, as a JSON array. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Print the token ids of the prompt under the model's tokenizer as a JSON array "
                + "(the same ids as llama.cpp's llama-tokenize --ids).")
public final class TokenizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "GGUF model file.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--prompt", paramLabel = "TEXT", description = "Text to tokenize.")
        String text;

        @Option(names = "--prompt-file", paramLabel = "FILE", description = "UTF-8 file whose content to tokenize.")
        Path file;
    }

    @Option(names = "--no-bos", description = "Add no BOS/EOS token, whatever the model's metadata says.")
    boolean noBos;

    @Option(names = "--parse-special",
            description = "Read special-token texts in the prompt (e.g. <s>, <|im_end|>) as those tokens.")
    boolean parseSpecial;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Tokenize N times and report the encode time on stderr (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() {
        if (repeat < 1) throw new UserError("--repeat must be at least 1");
        String prompt = prompt();
        Tokenizer tokenizer = load();
        int[] ids = tokenizer.encode(prompt, !noBos, parseSpecial);
        if (repeat > 1) time(tokenizer, prompt, ids.length);
        spec.commandLine().getOut().println(Arrays.stream(ids).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ", "[", "]")));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private String prompt() {
        if (input.text != null) return input.text;
        try {
            return Files.readString(input.file);
        } catch (NoSuchFileException e) {
            throw new UserError(input.file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new UserError(input.file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UserError(input.file + ": cannot read the file (" + e.getMessage() + ")");
        }
    }

    private Tokenizer load() {
        if (Files.isDirectory(model)) throw new UserError(model + ": is a directory, not a GGUF model file");
        try (GgufFile gguf = GgufFile.open(model)) {
            return Tokenizers.fromGguf(gguf);
        } catch (NoSuchFileException e) {
            throw new UserError(model + ": no such file");
        } catch (GgufFormatException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError(model + ": cannot read the file (" + e.getMessage() + ")");
        }
    }

    /** Encodes {@code repeat} more times and prints the median and fastest time on stderr. */
    private void time(Tokenizer tokenizer, String prompt, int tokens) {
        long[] nanos = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            tokenizer.encode(prompt, !noBos, parseSpecial);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        spec.commandLine().getErr().printf("tokenize: %d chars -> %d tokens; encode median %.3f ms, fastest %.3f ms"
                        + " over %d runs%n", prompt.length(), tokens, nanos[repeat / 2] / 1e6, nanos[0] / 1e6, repeat);
        spec.commandLine().getErr().flush();
    }
}
