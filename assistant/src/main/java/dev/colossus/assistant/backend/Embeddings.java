package dev.colossus.assistant.backend;

import java.util.List;

/**
 * The embeddings of several texts, in their order, with the tokens they took.
 *
 * @param vectors one unit-length vector per text (the local engine's; a remote server's as it sends them)
 */
public record Embeddings(List<float[]> vectors, int promptTokens) {

    public Embeddings {
        vectors = List.copyOf(vectors);
    }
}
