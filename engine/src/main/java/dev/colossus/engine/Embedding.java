package dev.colossus.engine;

/**
 * A text's embedding ({@link Engine#embed}): a unit-length vector of the model's hidden size.
 *
 * @param tokens how many tokens the text had
 */
public record Embedding(float[] vector, int tokens) {
}
