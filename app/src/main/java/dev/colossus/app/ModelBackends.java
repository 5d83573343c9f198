package dev.colossus.app;

import dev.colossus.assistant.backend.LocalBackend;
import dev.colossus.assistant.backend.OpenAiCompatibleBackend;
import dev.colossus.engine.Engine;
import dev.colossus.engine.gguf.GgufFile;
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
        requireFile(file);
        try {
            return LocalBackend.load(file, Engine.Options.defaults().withContextLength(contextLength)
                    .withPrefixCacheBytes(prefixCacheBytes(System.getenv("COLOSSUS_PREFIX_CACHE_MB"))));
        } catch (IOException e) {
            throw new UserError("cannot read model " + file + ": " + e.getMessage());
        } catch (GgufFormatException | UnsupportedModelException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * The bytes of key/value cache kept for prompt prefixes ({@code COLOSSUS_PREFIX_CACHE_MB}, default 256; 0 keeps
     * none), so that the next turn of a conversation is not computed again from its start.
     */
    static long prefixCacheBytes(String megabytes) {
        if (megabytes == null || megabytes.isBlank()) return Engine.Options.defaults().prefixCacheBytes();
        try {
            long mb = Long.parseLong(megabytes.strip());
            if (mb < 0 || mb > 1L << 20) throw new NumberFormatException();
            return mb << 20;
        } catch (NumberFormatException e) {
            throw new UserError("COLOSSUS_PREFIX_CACHE_MB must be a number of megabytes (0 to 1048576), got "
                    + megabytes);
        }
    }

    /**
     * Checks that a model file is there and is GGUF the engine can read (its magic, version, metadata and tensor
     * table), without loading the weights: the cheap check a command makes before it creates anything.
     */
    public static void checkGguf(Path file) {
        requireFile(file);
        try (GgufFile ignored = GgufFile.open(file)) {
            // Parsing the header is the check.
        } catch (GgufFormatException e) {
            throw new UserError(file + " is not a GGUF model file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UserError("cannot read model " + file + ": " + e.getMessage());
        }
    }

    private static void requireFile(Path file) {
        if (Files.isDirectory(file)) throw new UserError(file + " is a directory, not a GGUF model file");
        if (!Files.isRegularFile(file)) throw new UserError("no such model file: " + file);
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
