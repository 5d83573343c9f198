package dev.colossus.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.engine.testing.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One llama.cpp reference file (model + prompt) from the fixtures, with the tolerances for its weight type. */
record Reference(String model, String slug, JsonNode json, Path logitsFile) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Reference> all() {
        try {
            Path index = Fixtures.require("reference/index.json");
            List<Reference> refs = new ArrayList<>();
            for (JsonNode e : JSON.readTree(index.toFile())) {
                Path file = index.resolveSibling(e.get("file").asText());
                String name = file.getFileName().toString();
                String model = e.get("model").asText();
                String slug = name.substring(model.length() - ".gguf".length() + 1, name.length() - ".json".length());
                refs.add(new Reference(model, slug, JSON.readTree(file.toFile()),
                        index.resolveSibling(e.get("logits_file").asText())));
            }
            return refs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The weight type named in the model file (stories260K is all F32). */
    String weightType() {
        String base = model.replace(".gguf", "");
        if (base.equals("stories260K")) return "F32";
        String type = base.substring(base.lastIndexOf('-') + 1);
        return type.equals("pure") ? "Q4_0" : type.equals("M") ? "Q4_K_M" : type;
    }

    /** Allowed absolute logit difference: see docs/engine.md, "Numeric agreement with llama.cpp". */
    float logitTolerance() {
        return switch (weightType()) {
            case "F32" -> 1e-3f;
            case "F16", "BF16", "Q8_0" -> 3e-2f;
            default -> 1e-1f;
        };
    }

    /** Steps whose reference top-1/top-2 margin is below this may legitimately pick another token. */
    float marginThreshold() {
        return switch (weightType()) {
            case "F32", "F16", "BF16", "Q8_0" -> 0.02f;
            default -> 0.1f;
        };
    }

    int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    int[] promptTokens() {
        return ints(json.get("tokens_add_special"));
    }

    int[] greedyIds() {
        return ints(json.get("greedy").get("ids"));
    }

    float[] lastLogits() {
        try {
            ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(logitsFile)).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[buf.remaining() / 4];
            buf.asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return model + " / " + slug;
    }
}
