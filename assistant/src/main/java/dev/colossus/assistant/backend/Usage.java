package dev.colossus.assistant.backend;

/**
 * Token counts of one answer, as the model's tokenizer counts them.
 *
 * @param cachedTokens prompt tokens whose computation was reused from an earlier request (a conversation's earlier
 *                     turns), included in {@code promptTokens}
 */
public record Usage(int promptTokens, int completionTokens, int cachedTokens) {

    public static final Usage NONE = new Usage(0, 0);

    /** Counts with no cached prompt tokens. */
    public Usage(int promptTokens, int completionTokens) {
        this(promptTokens, completionTokens, 0);
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
