package dev.colossus.engine.sample;

/**
 * How the next token is chosen from the logits.
 *
 * @param temperature       0 means greedy (argmax, ties to the lowest id); otherwise logits are divided by it
 * @param topK              keep only the {@code topK} most likely tokens (0 = no limit)
 * @param topP              keep the smallest set of most likely tokens whose probabilities sum to at least
 *                          {@code topP} (1 = no limit)
 * @param minP              drop tokens whose probability is below {@code minP} times the most likely one's (0 = off)
 * @param repetitionPenalty logits of tokens among the last {@code repetitionWindow} are divided by it when positive,
 *                          multiplied when negative, as llama.cpp does (1 = off)
 * @param repetitionWindow  how many recent tokens (prompt included) the penalty looks at
 * @param seed              the random seed: the same seed, prompt and parameters give the same tokens
 */
public record SamplingParams(float temperature, int topK, float topP, float minP, float repetitionPenalty,
                             int repetitionWindow, long seed) {

    /** llama.cpp's defaults: temperature 0.8, top-k 40, top-p 0.95, min-p 0.05, no repetition penalty. */
    public static SamplingParams defaults(long seed) {
        return new SamplingParams(0.8f, 40, 0.95f, 0.05f, 1f, 64, seed);
    }

    /** Greedy decoding (argmax). */
    public static SamplingParams greedy() {
        return new SamplingParams(0f, 0, 1f, 0f, 1f, 64, 0);
    }

    public SamplingParams {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a number >= 0, got " + temperature);
        }
        if (topK < 0) throw new IllegalArgumentException("top-k must be >= 0, got " + topK);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        if (!(minP >= 0 && minP <= 1)) throw new IllegalArgumentException("min-p must be in [0, 1], got " + minP);
        if (!(repetitionPenalty > 0) || Float.isInfinite(repetitionPenalty)) {
            throw new IllegalArgumentException("repetition penalty must be > 0, got " + repetitionPenalty);
        }
        if (repetitionWindow < 0) throw new IllegalArgumentException("repetition window must be >= 0");
    }

    public SamplingParams withTemperature(float t) {
        return new SamplingParams(t, topK, topP, minP, repetitionPenalty, repetitionWindow, seed);
    }

    public SamplingParams withTopK(int k) {
        return new SamplingParams(temperature, k, topP, minP, repetitionPenalty, repetitionWindow, seed);
    }

    public SamplingParams withTopP(float p) {
        return new SamplingParams(temperature, topK, p, minP, repetitionPenalty, repetitionWindow, seed);
    }

    public SamplingParams withMinP(float p) {
        return new SamplingParams(temperature, topK, topP, p, repetitionPenalty, repetitionWindow, seed);
    }

    public SamplingParams withRepetitionPenalty(float penalty) {
        return new SamplingParams(temperature, topK, topP, minP, penalty, repetitionWindow, seed);
    }

    public SamplingParams withSeed(long s) {
        return new SamplingParams(temperature, topK, topP, minP, repetitionPenalty, repetitionWindow, s);
    }
}
