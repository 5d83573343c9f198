package dev.colossus.assistant.backend;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * A function a remote model may call instead of answering in text (OpenAI's {@code tools} entry of type
 * {@code function}).
 *
 * @param name        the function's name, letters, digits, _ and -
 * @param description when to call it, for the model
 * @param parameters  its arguments as a JSON Schema object
 */
public record Tool(String name, String description, JsonNode parameters) {

    public Tool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parameters, "parameters");
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) throw new IllegalArgumentException("bad tool name '" + name + "'");
    }
}
