package dev.colossus.assistant.backend;

/** Whether and which tool the model must call (OpenAI's {@code tool_choice}). */
public sealed interface ToolChoice {
    /** The model decides (the default when tools are given). */
    record Auto() implements ToolChoice {
    }

    /** The model answers in text; tools are not offered. */
    record None() implements ToolChoice {
    }

    /** The model must call one of the tools. */
    record Required() implements ToolChoice {
    }

    /** The model must call this function. */
    record Named(String name) implements ToolChoice {
    }

    ToolChoice AUTO = new Auto();
    ToolChoice NONE = new None();
    ToolChoice REQUIRED = new Required();
}
