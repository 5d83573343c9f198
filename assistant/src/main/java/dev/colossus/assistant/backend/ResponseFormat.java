package dev.colossus.assistant.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colossus.engine.grammar.Grammar;

import java.util.Objects;

/**
 * The shape an answer must take (OpenAI's {@code response_format}). The local model enforces it by constrained
 * decoding; a remote server receives it as is.
 * <p>Immutable and thread-safe.
 */
public sealed interface ResponseFormat {
    /** Free text, the default. */
    Text TEXT = new Text();

    /** Free text. */
    record Text() implements ResponseFormat {
        @Override
        public Grammar grammar() {
            return null;
        }

        @Override
        public JsonNode toJson() {
            return JSON.createObjectNode().put("type", "text");
        }
    }

    /** Any JSON object. */
    record JsonObject() implements ResponseFormat {
        @Override
        public Grammar grammar() {
            return Grammar.jsonObject();
        }

        @Override
        public JsonNode toJson() {
            return JSON.createObjectNode().put("type", "json_object");
        }
    }

    /**
     * JSON conforming to {@code schema}; {@code grammar} is the schema compiled for constrained decoding.
     *
     * @param name   the schema's name as the client gave it
     * @param schema the JSON Schema
     * @param strict OpenAI's {@code strict} flag, passed on to remote servers (the local model is always strict)
     */
    record JsonSchema(String name, JsonNode schema, boolean strict, Grammar grammar) implements ResponseFormat {
        public JsonSchema {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(grammar, "grammar");
        }

        @Override
        public JsonNode toJson() {
            ObjectNode out = JSON.createObjectNode().put("type", "json_schema");
            out.putObject("json_schema").put("name", name).put("strict", strict).set("schema", schema);
            return out;
        }
    }

    ObjectMapper JSON = new ObjectMapper();

    /** The grammar that constrains generation, or null for free text. */
    Grammar grammar();

    /** OpenAI's JSON form. */
    JsonNode toJson();

    /**
     * Reads OpenAI's {@code response_format} (null or missing: {@link #TEXT}) and compiles a JSON schema.
     *
     * @throws IllegalArgumentException with a message for the client when it is malformed, or names the schema
     *                                  feature that is not supported
     *                                  ({@link dev.colossus.engine.grammar.UnsupportedSchemaException})
     */
    static ResponseFormat parse(JsonNode node) {
        if (node == null || node.isNull()) return TEXT;
        if (!node.isObject()) throw new IllegalArgumentException("'response_format' must be an object.");
        String type = node.path("type").asText("");
        return switch (type) {
            case "text" -> TEXT;
            case "json_object" -> new JsonObject();
            case "json_schema" -> {
                JsonNode spec = node.get("json_schema");
                if (spec == null || !spec.isObject() || !spec.path("schema").isObject()) {
                    throw new IllegalArgumentException("'response_format.json_schema.schema' must be a JSON Schema object.");
                }
                Grammar grammar = Grammar.jsonSchema(JSON.convertValue(spec.get("schema"), Object.class));
                yield new JsonSchema(spec.path("name").asText("response"), spec.get("schema"),
                        spec.path("strict").asBoolean(false), grammar);
            }
            default -> throw new IllegalArgumentException("'response_format.type' must be text, json_object or "
                    + "json_schema, got '" + type + "'.");
        };
    }
}
