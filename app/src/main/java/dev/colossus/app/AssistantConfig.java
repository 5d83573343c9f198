package dev.colossus.app;

import dev.colossus.app.http.OpenAiAccess;
import dev.colossus.assistant.mention.MentionResponder;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The assistant's configuration. Precedence: command-line flags, then {@code COLOSSUS_*} environment variables,
 * then defaults.
 *
 * @param name           display name ({@code COLOSSUS_ASSISTANT_NAME}, default Colossus)
 * @param handle         account handle ({@code COLOSSUS_ASSISTANT_HANDLE}, default colossus)
 * @param personasFile   operator personas, YAML or JSON ({@code COLOSSUS_PERSONAS}); null: {@code DATA/personas.yaml}
 *                       if present
 * @param model          a GGUF file for the local engine ({@code COLOSSUS_MODEL}); null for none
 * @param modelContext   the local model's context window in tokens ({@code COLOSSUS_MODEL_CONTEXT}, default 0: as
 *                       long as the model allows); smaller saves memory and time per long prompt
 * @param remoteUrl      an OpenAI-compatible server's API root, e.g. {@code https://api.x.ai/v1}
 *                       ({@code COLOSSUS_LLM_URL}); null for none
 * @param remoteModel    the model name on that server ({@code COLOSSUS_LLM_MODEL})
 * @param remoteApiKey   its API key ({@code COLOSSUS_LLM_API_KEY}); never logged
 * @param remoteContext  its context window in tokens ({@code COLOSSUS_LLM_CONTEXT}, default 8192)
 * @param maxPromptTokens most prompt tokens per answer ({@code COLOSSUS_MAX_PROMPT_TOKENS}, default 6144)
 * @param maxOutputTokens most generated tokens per answer ({@code COLOSSUS_MAX_OUTPUT_TOKENS}, default 1024)
 * @param timeLimit      wall-clock limit per answer ({@code COLOSSUS_ANSWER_SECONDS}, default 120)
 * @param concurrency    answers generated at once ({@code COLOSSUS_LLM_CONCURRENCY}, default 4)
 * @param queue          answers waiting for a turn before new ones get 429 ({@code COLOSSUS_LLM_QUEUE}, default 16)
 * @param queueWait      longest wait for a turn before 503 ({@code COLOSSUS_LLM_QUEUE_SECONDS}, default 30)
 * @param mentions       how posts mentioning the assistant are answered ({@code COLOSSUS_MENTION_LIMIT} replies per
 *                       account per {@code COLOSSUS_MENTION_WINDOW_SECONDS}, default 5 per 60); null when
 *                       {@code COLOSSUS_MENTIONS=false}: mentions are not answered
 * @param studio         remote image and video servers ({@code COLOSSUS_IMAGE_URL}, {@code COLOSSUS_VIDEO_URL}, ...)
 * @param access         who may call the OpenAI API and how much ({@code COLOSSUS_API_KEYS},
 *                       {@code COLOSSUS_API_KEY_RATE_LIMIT}, {@code COLOSSUS_API_KEY_TOKENS_PER_DAY})
 */
public record AssistantConfig(String name, String handle, Path personasFile, Path model, int modelContext,
                              URI remoteUrl, String remoteModel,
                              String remoteApiKey, int remoteContext, int maxPromptTokens, int maxOutputTokens,
                              Duration timeLimit, int concurrency, int queue, Duration queueWait,
                              MentionResponder.Settings mentions, StudioConfig studio, OpenAiAccess.Settings access) {

    public static AssistantConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The defaults, ignoring the environment (tests start from these). */
    public static AssistantConfig defaults() {
        return fromEnvironment(Map.of());
    }

    /** This configuration with the local model's context window (tokens; 0 for the model's own). */
    public AssistantConfig withModelContext(int tokens) {
        return new AssistantConfig(name, handle, personasFile, model, tokens, remoteUrl, remoteModel, remoteApiKey,
                remoteContext, maxPromptTokens, maxOutputTokens, timeLimit, concurrency, queue, queueWait, mentions,
                studio, access);
    }

    /** This configuration with other per-answer token limits. */
    public AssistantConfig withTokenLimits(int maxPromptTokens, int maxOutputTokens) {
        return new AssistantConfig(name, handle, personasFile, model, modelContext, remoteUrl, remoteModel, remoteApiKey,
                remoteContext, maxPromptTokens, maxOutputTokens, timeLimit, concurrency, queue, queueWait, mentions,
                studio, access);
    }

    static AssistantConfig fromEnvironment(Map<String, String> env) {
        String url = env.get("COLOSSUS_LLM_URL");
        String personas = env.get("COLOSSUS_PERSONAS");
        String model = env.get("COLOSSUS_MODEL");
        return new AssistantConfig(
                env.getOrDefault("COLOSSUS_ASSISTANT_NAME", "Colossus"),
                env.getOrDefault("COLOSSUS_ASSISTANT_HANDLE", "colossus"),
                personas == null || personas.isBlank() ? null : Path.of(personas),
                model == null || model.isBlank() ? null : Path.of(model),
                integer(env, "COLOSSUS_MODEL_CONTEXT", 0),
                url == null || url.isBlank() ? null : uri(url),
                env.getOrDefault("COLOSSUS_LLM_MODEL", ""),
                env.get("COLOSSUS_LLM_API_KEY"),
                integer(env, "COLOSSUS_LLM_CONTEXT", 8192),
                integer(env, "COLOSSUS_MAX_PROMPT_TOKENS", 6144),
                integer(env, "COLOSSUS_MAX_OUTPUT_TOKENS", 1024),
                Duration.ofSeconds(integer(env, "COLOSSUS_ANSWER_SECONDS", 120)),
                integer(env, "COLOSSUS_LLM_CONCURRENCY", 4),
                integer(env, "COLOSSUS_LLM_QUEUE", 16),
                Duration.ofSeconds(integer(env, "COLOSSUS_LLM_QUEUE_SECONDS", 30)),
                mentions(env),
                StudioConfig.fromEnvironment(env),
                access(env));
    }

    private static MentionResponder.Settings mentions(Map<String, String> env) {
        String on = env.getOrDefault("COLOSSUS_MENTIONS", "true").strip();
        if (!on.equals("true") && !on.equals("false")) {
            throw new UserError("COLOSSUS_MENTIONS must be true or false, got '" + on + "'");
        }
        if (on.equals("false")) return null;
        MentionResponder.Settings d = MentionResponder.Settings.DEFAULT;
        int limit = integer(env, "COLOSSUS_MENTION_LIMIT", d.perAuthor());
        int window = integer(env, "COLOSSUS_MENTION_WINDOW_SECONDS", (int) d.window().toSeconds());
        if (limit < 1) throw new UserError("COLOSSUS_MENTION_LIMIT must be at least 1, got " + limit);
        if (window < 1) throw new UserError("COLOSSUS_MENTION_WINDOW_SECONDS must be at least 1, got " + window);
        return new MentionResponder.Settings(limit, Duration.ofSeconds(window), d.queueCapacity(), d.catchUp());
    }

    /** Who may call the OpenAI API: keys, requests a minute and model tokens a day per caller. */
    private static OpenAiAccess.Settings access(Map<String, String> env) {
        OpenAiAccess.Settings d = OpenAiAccess.Settings.DEFAULT;
        List<String> keys = Arrays.stream(env.getOrDefault("COLOSSUS_API_KEYS", "").split(","))
                .map(String::strip).filter(k -> !k.isEmpty()).toList();
        for (String key : keys) {
            if (key.length() < 16 || key.chars().anyMatch(ch -> ch <= ' ' || ch > '~')) {
                throw new UserError("COLOSSUS_API_KEYS: each key must be at least 16 printable characters without "
                        + "spaces (e.g. from: openssl rand -hex 32)");
            }
        }
        int rate = integer(env, "COLOSSUS_API_KEY_RATE_LIMIT", d.requestsPerMinute());
        if (rate < 1) throw new UserError("COLOSSUS_API_KEY_RATE_LIMIT must be at least 1, got " + rate);
        return new OpenAiAccess.Settings(keys, rate, integer(env, "COLOSSUS_API_KEY_TOKENS_PER_DAY",
                (int) d.tokensPerDay()));
    }

    /** This configuration with other OpenAI API access settings. */
    public AssistantConfig withAccess(OpenAiAccess.Settings settings) {
        return new AssistantConfig(name, handle, personasFile, model, modelContext, remoteUrl, remoteModel, remoteApiKey,
                remoteContext, maxPromptTokens, maxOutputTokens, timeLimit, concurrency, queue, queueWait, mentions,
                studio, settings);
    }

    /** This configuration answering mentions with the given settings (null: not at all). */
    public AssistantConfig withMentions(MentionResponder.Settings settings) {
        return new AssistantConfig(name, handle, personasFile, model, modelContext, remoteUrl, remoteModel, remoteApiKey,
                remoteContext, maxPromptTokens, maxOutputTokens, timeLimit, concurrency, queue, queueWait, settings,
                studio, access);
    }

    /** This configuration with other remote media servers. */
    public AssistantConfig withStudio(StudioConfig servers) {
        return new AssistantConfig(name, handle, personasFile, model, modelContext, remoteUrl, remoteModel, remoteApiKey,
                remoteContext, maxPromptTokens, maxOutputTokens, timeLimit, concurrency, queue, queueWait, mentions,
                servers, access);
    }

    /** This configuration with a remote server from flags, where given. */
    public AssistantConfig withRemote(String url, String modelName) {
        return new AssistantConfig(name, handle, personasFile, model, modelContext, url == null ? remoteUrl : uri(url),
                modelName == null ? remoteModel : modelName, remoteApiKey, remoteContext, maxPromptTokens, maxOutputTokens,
                timeLimit, concurrency, queue, queueWait, mentions, studio, access);
    }

    public AssistantConfig withPersonasFile(Path file) {
        return file == null ? this : new AssistantConfig(name, handle, file, model, modelContext, remoteUrl, remoteModel, remoteApiKey,
                remoteContext, maxPromptTokens, maxOutputTokens, timeLimit, concurrency, queue, queueWait, mentions,
                studio, access);
    }

    /** This configuration with a local model file from a flag, where given. */
    public AssistantConfig withModel(Path file) {
        return file == null ? this : new AssistantConfig(name, handle, personasFile, file, modelContext, remoteUrl, remoteModel,
                remoteApiKey, remoteContext, maxPromptTokens, maxOutputTokens, timeLimit, concurrency, queue, queueWait, mentions,
                studio, access);
    }

    private static URI uri(String text) {
        try {
            URI uri = URI.create(text.trim());
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UserError("COLOSSUS_LLM_URL must be an http(s) URL such as https://api.x.ai/v1, got '" + text + "'");
        }
    }

    private static int integer(Map<String, String> env, String key, int fallback) {
        String text = env.get(key);
        if (text == null || text.isBlank()) return fallback;
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 0) throw new NumberFormatException();
            return value;
        } catch (NumberFormatException e) {
            throw new UserError(key + " must be a non-negative whole number, got '" + text + "'");
        }
    }
}
