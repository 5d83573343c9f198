package dev.colossus.app.cli;

import dev.colossus.app.UserError;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufFormatException;
import dev.colossus.engine.tokenizer.Tokenizer;
import dev.colossus.engine.tokenizer.Tokenizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code colossus tokenize}: the token ids of a prompt under a GGUF model's tokenizer, as a JSON array. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Print the token ids of TEXT under the model's tokenizer as a JSON array "
                + "(the same ids as llama.cpp's llama-tokenize --ids).")
public final class TokenizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "GGUF model file.")
    Path model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "Text to tokenize.")
    String prompt;

    @Option(names = "--no-bos", description = "Add no BOS/EOS token, whatever the model's metadata says.")
    boolean noBos;

    @Option(names = "--parse-special",
            description = "Read special-token texts in TEXT (e.g. <s>, <|im_end|>) as those tokens.")
    boolean parseSpecial;

    @Override
    public Integer call() {
        int[] ids = tokenize();
        spec.commandLine().getOut().println(Arrays.stream(ids).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ", "[", "]")));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int[] tokenize() {
        if (Files.isDirectory(model)) throw new UserError(model + ": is a directory, not a GGUF model file");
        try (GgufFile gguf = GgufFile.open(model)) {
            Tokenizer tokenizer = Tokenizers.fromGguf(gguf);
            return tokenizer.encode(prompt, !noBos, parseSpecial);
        } catch (NoSuchFileException e) {
            throw new UserError(model + ": no such file");
        } catch (GgufFormatException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError(model + ": cannot read the file (" + e.getMessage() + ")");
        }
    }
}
