package dev.colossus.assistant.grounding;

/** A source the answer cites as {@code [number]}: the post and its URL. */
public record Citation(int number, String postId, String handle, String url) {
}
