package dev.colossus.app;

import dev.colossus.assistant.backend.LocalBackend;
import dev.colossus.assistant.backend.OpenAiCompatibleBackend;
import dev.colossus.engine.Engine;
import dev.colossus.engine.gguf.GgufFormatException;
import dev.colossus.engine.model.UnsupportedModelException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the model a command or the server answers with: a GGUF file on the local engine, or an OpenAI-compatible
 * server. Every problem is a {@link UserError} with one line saying what is wrong.
 */
public final class ModelBackends {

    private ModelBackends() {
    }

    /**
     * Loads a GGUF model.
     *
     * @param contextLength the context window in tokens; 0 for the model's own
     */
    public static LocalBackend local(Path file, int contextLength) {
        if (!Files.isRegularFile(file)) throw new UserError("no such model file: " + file);
        try {
            return LocalBackend.load(file, Engine.Options.defaults().withContextLength(contextLength));
        } catch (IOException e) {
            throw new UserError("cannot read model " + file + ": " + e.getMessage());
        } catch (GgufFormatException | UnsupportedModelException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * A model on an OpenAI-compatible server.
     *
     * @param option the flag or variable that gave the URL, named in errors
     */
    public static OpenAiCompatibleBackend remote(String url, String model, String apiKey, int contextLength,
                                                 String option) {
        if (model == null || model.isBlank()) throw new UserError(option + " needs the remote model's name (--llm-model NAME)");
        return new OpenAiCompatibleBackend(uri(url, option), apiKey, model, contextLength);
    }

    /** An http(s) URL. */
    public static URI uri(String text, String option) {
        try {
            URI uri = URI.create(text.strip());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) throw new IllegalArgumentException();
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UserError(option + " must be an http(s) URL, got '" + text + "'");
        }
    }
}
