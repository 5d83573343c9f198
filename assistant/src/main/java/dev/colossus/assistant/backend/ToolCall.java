package dev.colossus.assistant.backend;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A model's call of a {@link Tool}.
 *
 * @param name      the function called
 * @param arguments its arguments, parsed from the JSON text the model wrote (an empty object when it wrote none)
 */
public record ToolCall(String name, JsonNode arguments) {
}
