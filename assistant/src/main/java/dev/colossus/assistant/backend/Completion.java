package dev.colossus.assistant.backend;

/** A finished answer: the whole text, why it ended and what it cost. */
public record Completion(String text, FinishReason finishReason, Usage usage) {
}
