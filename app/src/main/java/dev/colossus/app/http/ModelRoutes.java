package dev.colossus.app.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.backend.GenerationOptions;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.assistant.persona.Personas;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Optional;

import static dev.colossus.app.http.OpenAiJson.JSON;

/**
 * The models {@code /v1} serves and {@code GET /v1/models}: the assistant in each persona ({@code colossus},
 * {@code colossus-fun}, ...) and the loaded backend's own model id (raw: no persona, no grounding).
 */
final class ModelRoutes {

    private final Assistant assistant;
    private final Personas personas;
    private final long created = System.currentTimeMillis() / 1000;

    ModelRoutes(Assistant assistant, Personas personas) {
        this.assistant = assistant;
        this.personas = personas;
    }

    void register(RoutesConfig r) {
        r.get("/v1/models", ctx -> OpenAiApi.handle(ctx, this::models));
    }

    private void models(Context ctx) {
        ArrayNode data = JSON.createArrayNode();
        for (Persona p : personas.all()) model(data, Personas.modelId(p), "colossus");
        assistant.backend().ifPresent(b -> model(data, b.modelId(), "local"));
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        list.set("data", data);
        ctx.contentType("application/json").result(list.toString());
    }

    private void model(ArrayNode data, String id, String owner) {
        data.addObject().put("id", id).put("object", "model").put("created", created).put("owned_by", owner);
    }

    /** The persona a model id names ({@code colossus}, {@code colossus-fun}, ...), if any. */
    Optional<Persona> persona(String model) {
        return personas.forModelId(model);
    }

    /** The loaded model with this id. @throws OpenAiError 404 naming what exists (or how to load a model) */
    ChatBackend raw(String model) {
        Optional<ChatBackend> backend = assistant.backend();
        if (backend.isPresent() && backend.get().modelId().equals(model)) return backend.get();
        String why = personas.forModelId(model).isPresent()
                ? "'" + model + "' is the assistant, which answers on /v1/chat/completions; plain completions need a loaded model's id"
                : "The model '" + model + "' does not exist";
        if (backend.isEmpty()) {
            throw new OpenAiError(404, "invalid_request_error", "model", "model_not_found",
                    why + ", and no generative model is loaded. " + Assistant.HOW_TO_ADD_A_MODEL);
        }
        throw new OpenAiError(404, "invalid_request_error", "model", "model_not_found",
                why + ". GET /v1/models lists the models available.");
    }

    /** A request's sampling options for a loaded model, its output held to the assistant's limit. */
    GenerationOptions rawOptions(ChatRequest request) {
        int limit = assistant.limits().maxOutputTokens();
        return new GenerationOptions(request.temperature() != null ? request.temperature() : 0.8,
                request.topP() != null ? request.topP() : 0.95,
                Math.min(request.maxTokens() != null ? request.maxTokens() : limit, limit),
                request.stop(), request.seed(), assistant.limits().timeLimit(), request.responseFormat(),
                request.tools(), request.toolChoice(), request.logprobs());
    }
}
