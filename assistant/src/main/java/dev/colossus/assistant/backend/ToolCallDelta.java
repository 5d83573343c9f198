package dev.colossus.assistant.backend;

/**
 * A piece of a tool call as it is generated, for streaming it as OpenAI does ({@code delta.tool_calls}): a call's
 * first piece has its {@code id} and {@code name}, the next ones only more of its arguments. The {@code arguments}
 * pieces of one call concatenate to its arguments' JSON text.
 *
 * @param index     the call's position among the answer's calls, from 0
 * @param id        the call's id on its first piece ({@link ToolCall#id()}), null on the others
 * @param name      the function called, on the first piece only (null on the others)
 * @param arguments the next part of the arguments' JSON text (empty on a first piece sent before any)
 */
public record ToolCallDelta(int index, String id, String name, String arguments) {
}
