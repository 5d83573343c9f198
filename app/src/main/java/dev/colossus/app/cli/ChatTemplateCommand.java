package dev.colossus.app.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.app.UserError;
import dev.colossus.assistant.template.ChatFormat;
import dev.colossus.assistant.template.ChatTemplate;
import dev.colossus.assistant.template.TemplateException;
import dev.colossus.engine.gguf.GgufFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code colossus chat-template}: prints the exact prompt a model is given for a conversation. */
@Command(name = "chat-template", mixinStandardHelpOptions = true,
        description = "Render a conversation (an OpenAI-style JSON array of messages) with a model's chat template "
                + "and print the exact prompt text.")
public final class ChatTemplateCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--model", paramLabel = "FILE.gguf",
                description = "Use the template in this GGUF's metadata (or the built-in format it points to).")
        Path model;

        @Option(names = "--template", paramLabel = "FILE.jinja", description = "Use this Jinja template file.")
        Path template;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--messages", required = true, paramLabel = "FILE.json",
            description = "JSON array of {\"role\", \"content\"} messages.")
    Path messages;

    @Option(names = "--add-generation-prompt", description = "Open the assistant's turn at the end.")
    boolean addGenerationPrompt;

    @Option(names = "--bos", paramLabel = "TEXT", description = "BOS token text (default: the model's, or empty).")
    String bos;

    @Option(names = "--eos", paramLabel = "TEXT", description = "EOS token text (default: the model's, or empty).")
    String eos;

    @Override
    public Integer call() throws IOException {
        List<Map<String, Object>> conversation = readMessages(messages);
        ChatFormat format = source.model != null ? fromModel(source.model)
                : new ChatFormat(ChatTemplate.of(read(source.template)), "", "", "file");
        String prompt;
        try {
            prompt = format.template().render(conversation, addGenerationPrompt,
                    bos != null ? bos : format.bosToken(), eos != null ? eos : format.eosToken());
        } catch (TemplateException e) {
            throw new UserError((e.raisedByTemplate() ? "the template rejects this conversation: " : "")
                    + e.getMessage());
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.print(prompt);
        out.flush();
        return 0;
    }

    private static ChatFormat fromModel(Path model) throws IOException {
        try (GgufFile gguf = GgufFile.open(model)) {
            ChatFormat format = ChatFormat.of(gguf);
            if (!format.origin().equals("gguf")) {
                System.err.println("colossus chat-template: " + model.getFileName()
                        + " has no tokenizer.chat_template; using the built-in " + format.origin().substring(8)
                        + " format");
            }
            return format;
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: " + model);
        }
    }

    static List<Map<String, Object>> readMessages(Path file) {
        String text = read(file);
        try {
            List<Map<String, Object>> list = new ObjectMapper().readValue(text, new TypeReference<>() { });
            for (Map<String, Object> m : list) {
                if (!(m.get("role") instanceof String)) {
                    throw new UserError(file + ": every message needs a \"role\" string");
                }
            }
            return list;
        } catch (JacksonException e) {
            throw new UserError(file + " is not a JSON array of messages: " + e.getOriginalMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: " + file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }
}
