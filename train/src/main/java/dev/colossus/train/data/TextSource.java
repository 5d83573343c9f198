package dev.colossus.train.data;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Where training documents come from: a text file, a JSONL file, the posts of a network, ... A source may be read
 * more than once (a tokenizer is trained on the same documents the model then is) and gives the same documents,
 * in the same order, each time.
 */
public interface TextSource {

    /** What the source is, for messages ("posts.jsonl", "the public posts of ./data"). */
    String description();

    /**
     * Passes each document to {@code document}, in order.
     *
     * @throws IOException when the source cannot be read; malformed content is an {@link IllegalArgumentException}
     *                     whose message names the place (file and line)
     */
    void forEach(Consumer<String> document) throws IOException;
}
