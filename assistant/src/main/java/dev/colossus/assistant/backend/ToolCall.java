package dev.colossus.assistant.backend;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A model's call of a {@link Tool}.
 *
 * @param id        the call's id, which the tool's answer refers to ({@code role: tool}, {@code tool_call_id});
 *                  9 letters and digits, as every chat template accepts
 * @param name      the function called
 * @param arguments its arguments, parsed from the JSON text the model wrote (an empty object when it wrote none)
 */
public record ToolCall(String id, String name, JsonNode arguments) {

    /** A call with a new random id. */
    public ToolCall(String name, JsonNode arguments) {
        this(newId(), name, arguments);
    }

    /** A new random id: 9 letters and digits. */
    static String newId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder id = new StringBuilder(9);
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 9; i++) id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return id.toString();
    }
}
