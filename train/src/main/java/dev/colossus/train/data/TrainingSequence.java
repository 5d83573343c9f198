package dev.colossus.train.data;

/**
 * One token sequence to train on, with which of its tokens the model learns to predict: for a chat, the tokens of
 * the assistant's turns; the others are context only.
 *
 * @param tokens  token ids
 * @param trained {@code trained[i]} is true when token {@code i} is a training target
 * @throws IllegalArgumentException when the arrays differ in length
 */
public record TrainingSequence(int[] tokens, boolean[] trained) {
    public TrainingSequence {
        if (tokens.length != trained.length) {
            throw new IllegalArgumentException(tokens.length + " tokens but " + trained.length + " mask entries");
        }
    }
}
