package dev.colossus.app.cli;

import dev.colossus.app.ModelBackends;
import dev.colossus.app.StudioConfig;
import dev.colossus.app.UserError;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.assistant.persona.Personas;
import dev.colossus.assistant.studio.MediaKind;
import dev.colossus.assistant.studio.MediaRequest;
import dev.colossus.assistant.studio.Studio;
import dev.colossus.studio.Size;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The options of {@code colossus studio image|music|video} that have a model write the source from a description
 * ({@code --prompt}) instead of reading it from a file ({@code --from}); a picocli mixin. The model is a GGUF file
 * ({@code --model}, else {@code COLOSSUS_MODEL}) or an OpenAI-compatible server ({@code --llm-url} and
 * {@code --llm-model}, else {@code COLOSSUS_LLM_URL} and {@code COLOSSUS_LLM_MODEL}). The source is checked by
 * rendering it as the studio does (and sent back to the model with the error when it fails), then the command renders
 * it into its output file as it would a file's.
 */
public final class PromptOptions {

    @Option(names = "--prompt", paramLabel = "TEXT",
            description = "Have a model make it from this description instead of a source file (--from).")
    String prompt;

    @Option(names = "--model", paramLabel = "FILE.gguf", description = "With --prompt: run this GGUF model here.")
    Path model;

    @Option(names = "--llm-url", paramLabel = "URL",
            description = "With --prompt: an OpenAI-compatible API root, e.g. https://api.x.ai/v1 (env COLOSSUS_LLM_URL).")
    String url;

    @Option(names = "--llm-model", paramLabel = "NAME",
            description = "With --llm-url: the model's name on that server (env COLOSSUS_LLM_MODEL).")
    String remoteModel;

    @Option(names = "--api-key", paramLabel = "KEY", description = "With --llm-url: its API key (env COLOSSUS_LLM_API_KEY).")
    String apiKey;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "regular",
            description = "With --prompt: regular or fun (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--ctx", paramLabel = "N", defaultValue = "0",
            description = "With --model: context window in tokens; 0 = the model's.")
    int contextLength;

    /** Whether a description was given (then the source is made, not read). */
    public boolean given() {
        return prompt != null;
    }

    /**
     * Checks that exactly one of a source file and a description was given.
     *
     * @throws UserError otherwise
     */
    public void requireOneSource(Path from) {
        if ((from == null) == (prompt == null)) throw new UserError("give exactly one of --from FILE and --prompt TEXT");
    }

    /**
     * The source the model writes for the description, one that renders. Progress goes to stderr.
     *
     * @param size the picture's size, or null for {@value MediaRequest#DEFAULT_SIDE} pixels square
     * @throws UserError for bad options; {@link dev.colossus.assistant.backend.BackendException} (a one-line message)
     *                   when no model is configured or the model fails
     */
    public String source(MediaKind kind, Size size) {
        Map<String, String> env = System.getenv();
        Persona persona = Personas.builtin().find(mode.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new UserError("unknown mode '" + mode + "' (known: regular, fun)"));
        MediaRequest request;
        try {
            request = size == null ? MediaRequest.of(kind, prompt) : new MediaRequest(kind, prompt, size.width(), size.height());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        try (ChatBackend backend = backend(env);
             Studio studio = StudioConfig.NONE.studio(backend, Identity.DEFAULT)) {
            if (backend != null) {
                System.err.println("colossus studio: " + backend.modelId() + " is writing the " + kind.id() + "...");
            }
            return studio.make(request, persona, new Cancellation()).source();
        }
    }

    /** The model from the options, else from the environment; null when none is configured. */
    private ChatBackend backend(Map<String, String> env) {
        String key = apiKey != null ? apiKey : env.get("COLOSSUS_LLM_API_KEY");
        if (model != null && url != null) throw new UserError("choose one: --model (run here) or --llm-url (a remote server)");
        if (model != null) return ModelBackends.local(model, contextLength);
        if (url != null) return ModelBackends.remote(url, remoteModel, key, 8192, "--llm-url");
        String envModel = env.get("COLOSSUS_MODEL");
        if (envModel != null && !envModel.isBlank()) return ModelBackends.local(Path.of(envModel), contextLength);
        String envUrl = env.get("COLOSSUS_LLM_URL");
        if (envUrl != null && !envUrl.isBlank()) {
            return ModelBackends.remote(envUrl, remoteModel != null ? remoteModel : env.get("COLOSSUS_LLM_MODEL"), key,
                    8192, "COLOSSUS_LLM_URL");
        }
        return null;
    }
}
