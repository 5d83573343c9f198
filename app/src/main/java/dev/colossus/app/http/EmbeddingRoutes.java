package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.backend.Embeddings;
import dev.colossus.assistant.backend.Usage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.colossus.app.http.OpenAiJson.JSON;

/**
 * {@code POST /v1/embeddings} in OpenAI's shape: {@code input} (a string or up to {@value #MAX_INPUTS} strings) is
 * embedded by the loaded model (its id as {@code model}); {@code encoding_format} {@code float} (default) or
 * {@code base64} (little-endian float32, as OpenAI sends it). Token-id inputs and {@code dimensions} other than the
 * model's are a 400. Each request takes a turn from the generation queue, as answers do. Thread-safe.
 */
final class EmbeddingRoutes {
    static final int MAX_INPUTS = 256;

    private final ModelRoutes models;
    private final GenerationQueue queue;

    EmbeddingRoutes(ModelRoutes models, GenerationQueue queue) {
        this.models = models;
        this.queue = queue;
    }

    void register(RoutesConfig r) {
        r.post("/v1/embeddings", ctx -> OpenAiApi.handle(ctx, this::embeddings));
    }

    private void embeddings(Context ctx) throws Exception {
        JsonNode body = OpenAiJson.body(ctx);
        if (body == null || !body.isObject()) throw OpenAiError.invalid(null, "The request body must be a JSON object.");
        String model = body.path("model").asText("");
        if (model.isBlank()) throw OpenAiError.invalid("model", "'model' is required.");
        List<String> texts = inputs(body.get("input"));
        boolean base64 = switch (body.path("encoding_format").asText("float")) {
            case "float" -> false;
            case "base64" -> true;
            default -> throw OpenAiError.invalid("encoding_format", "'encoding_format' must be 'float' or 'base64'.");
        };
        ChatBackend backend = models.raw(model);
        Embeddings done;
        try (GenerationQueue.Turn turn = OpenAiError.enter(queue)) {
            done = OpenAiError.during(() -> backend.embed(texts, new Cancellation()));
        }
        if (body.hasNonNull("dimensions") && body.get("dimensions").asInt() != done.vectors().getFirst().length) {
            throw OpenAiError.invalid("dimensions", "This model's embeddings have " + done.vectors().getFirst().length
                    + " dimensions; 'dimensions' cannot change that.");
        }
        Usage usage = new Usage(done.promptTokens(), 0);
        OpenAiAccess.charge(ctx, usage);
        ObjectNode response = JSON.createObjectNode().put("object", "list");
        ArrayNode data = response.putArray("data");
        for (int i = 0; i < done.vectors().size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            float[] v = done.vectors().get(i);
            if (base64) {
                ByteBuffer bytes = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : v) bytes.putFloat(f);
                item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float f : v) values.add(f);
            }
        }
        response.put("model", model);
        response.putObject("usage").put("prompt_tokens", usage.promptTokens()).put("total_tokens", usage.totalTokens());
        ctx.contentType("application/json").result(response.toString());
    }

    private static List<String> inputs(JsonNode input) {
        if (input == null || input.isNull()) throw OpenAiError.invalid("input", "'input' is required.");
        List<String> texts = new ArrayList<>();
        if (input.isTextual()) {
            texts.add(input.asText());
        } else if (input.isArray()) {
            if (input.size() > MAX_INPUTS) {
                throw OpenAiError.invalid("input", "'input' may hold at most " + MAX_INPUTS + " texts.");
            }
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw OpenAiError.invalid("input", "'input' must be a string or an array of strings"
                            + " (token ids are not accepted).");
                }
                texts.add(item.asText());
            }
        } else {
            throw OpenAiError.invalid("input", "'input' must be a string or an array of strings.");
        }
        if (texts.isEmpty() || texts.stream().anyMatch(String::isEmpty)) {
            throw OpenAiError.invalid("input", "'input' must not be empty.");
        }
        return texts;
    }
}
